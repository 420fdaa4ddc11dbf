package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each scalar kernel leaves the buffer byte-identical to its vector counterpart, on seeded random
 * data with some zero symbols, random offsets and lengths, and the edge constants 0 and 65535.
 */
class Gf16ScalarKernelsTest {
    private static final int BYTES = 8 * 1024;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void scalarKernelsEqualVectorKernels(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 50; round++) {
            Case c = new Case(rnd);
            int len = 64 * (1 + rnd.nextInt(16));
            int x = block(rnd, BYTES / 4 - len); // callers' offsets are whole blocks
            int y = BYTES / 4 + block(rnd, BYTES / 4 - len);
            int acc = BYTES / 2 + block(rnd, BYTES / 2 - len - (y - x)); // acc + (y - x) is in range too
            int logM = switch (round % 5) {
                case 0 -> 0;
                case 1 -> 1;
                default -> rnd.nextInt(Gf16.MODULUS);
            };
            int mulLog = round % 5 == 1 ? Gf16.MODULUS : logM;
            int[] sources = new int[1 + rnd.nextInt(6)];
            for (int s = 0; s < sources.length; s++) {
                sources[s] = BYTES / 4 + block(rnd, 3 * BYTES / 4 - len);
            }

            c.check("xor", (b, other) -> Gf16Kernels.xor(b, x, other, y, len),
                    (b, other) -> Gf16ScalarKernels.xor(b, x, other, y, len));
            c.check("xorSum", (b, other) -> Gf16Kernels.xorSum(b, x, sources, sources.length, len),
                    (b, other) -> Gf16ScalarKernels.xorSum(b, x, sources, sources.length, len));
            c.check("mul log " + mulLog, (b, other) -> Gf16Kernels.mul(b, x, other, y, len, mulLog),
                    (b, other) -> Gf16ScalarKernels.mul(b, x, other, y, len, mulLog));
            c.check("mul in place log " + mulLog, (b, other) -> Gf16Kernels.mul(b, x, b, x, len, mulLog),
                    (b, other) -> Gf16ScalarKernels.mul(b, x, b, x, len, mulLog));
            c.check("ifft2 log " + logM, (b, other) -> Gf16Kernels.ifft2(b, x, y, len, logM),
                    (b, other) -> Gf16ScalarKernels.ifft2(b, x, y, len, logM));
            c.check("fft2 log " + logM, (b, other) -> Gf16Kernels.fft2(b, x, y, len, logM),
                    (b, other) -> Gf16ScalarKernels.fft2(b, x, y, len, logM));
            c.check("ifft2Acc log " + logM, (b, other) -> Gf16Kernels.ifft2Acc(b, x, y, len, logM, acc),
                    (b, other) -> Gf16ScalarKernels.ifft2Acc(b, x, y, len, logM, acc));
        }
    }

    /** A random multiple of 64 in [0, bound]. */
    private static int block(SplittableRandom rnd, int bound) {
        return 64 * rnd.nextInt(bound / 64 + 1);
    }

    private interface Kernel {
        void run(byte[] b, byte[] other);
    }

    /** A random buffer pair (the main one and a second source) with zeroed symbols sprinkled in. */
    private static final class Case {
        private final byte[] buffer = new byte[BYTES];
        private final byte[] other = new byte[BYTES];

        Case(SplittableRandom rnd) {
            rnd.nextBytes(buffer);
            rnd.nextBytes(other);
            for (int z = 0; z < 64; z++) { // zero symbols: low byte and its high byte 32 further on
                int block = 64 * rnd.nextInt(BYTES / 64);
                int j = rnd.nextInt(32);
                buffer[block + j] = 0;
                buffer[block + 32 + j] = 0;
                other[block + j] = 0;
                other[block + 32 + j] = 0;
            }
        }

        void check(String what, Kernel vector, Kernel scalar) {
            byte[] v = buffer.clone();
            byte[] vOther = other.clone();
            byte[] s = buffer.clone();
            byte[] sOther = other.clone();
            vector.run(v, vOther);
            scalar.run(s, sOther);
            assertThat(s).as(what).isEqualTo(v);
            assertThat(sOther).as(what + " (second buffer)").isEqualTo(vOther);
        }
    }
}
