package io.punktfunk.core.fec.gf8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both multiply kernels against the plain model, on random constants, row counts and lengths. */
class MultiplyKernelTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void vectorKernelMatchesModel(long seed) {
        assumeTrue(VectorKernel.AVAILABLE, "no vector kernel on this CPU");
        SplittableRandom rnd = new SplittableRandom(seed);
        // Rows up to 21 cover the 8-, 4- and 1-row groups; lengths cover whole and overlapped tails.
        int rows = 1 + rnd.nextInt(21);
        int cols = 1 + rnd.nextInt(40);
        int len = VectorKernel.LANES + rnd.nextInt(4 * VectorKernel.LANES);
        checkMultiply(seed, rows, cols, len, true);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void scalarKernelMatchesModel(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        checkMultiply(seed, 1 + rnd.nextInt(21), 1 + rnd.nextInt(40), 1 + rnd.nextInt(300), false);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void rowOperationsMatchModel(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int align = VectorKernel.AVAILABLE ? VectorKernel.LANES : 1;
        int len = align * (1 + rnd.nextInt(4));
        byte[] a = new byte[3 * len];
        rnd.nextBytes(a);
        int c = rnd.nextInt(256);
        byte[] expected = a.clone();
        for (int i = 0; i < len; i++) {
            expected[i] ^= (byte) SlowCauchyReference.mul(c, a[2 * len + i] & 0xFF);
            expected[len + i] = (byte) SlowCauchyReference.mul(c, a[len + i] & 0xFF);
        }
        byte[] scalar = a.clone();
        ScalarKernel.mulAddRow(scalar, 0, 2 * len, c, len);
        ScalarKernel.scaleRow(scalar, len, c, len);
        assertThat(scalar).as("scalar, seed %d", seed).isEqualTo(expected);
        if (VectorKernel.AVAILABLE) {
            byte[] vector = a.clone();
            VectorKernel.mulAddRow(vector, 0, 2 * len, c, len);
            VectorKernel.scaleRow(vector, len, c, len);
            assertThat(vector).as("vector, seed %d", seed).isEqualTo(expected);
        }
    }

    private static void checkMultiply(long seed, int rows, int cols, int len, boolean vector) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] coef = new int[rows][cols];
        byte[] tables = new byte[rows * cols * NibbleTables.BYTES + NibbleTables.PAD];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                coef[r][c] = rnd.nextInt(256);
                NibbleTables.put(coef[r][c], tables, (r * cols + c) * NibbleTables.BYTES);
            }
        }
        byte[][] in = new byte[cols][len + 7];
        for (byte[] s : in) {
            rnd.nextBytes(s);
        }
        byte[][] out = new byte[rows][len + 7];
        for (byte[] s : out) {
            rnd.nextBytes(s); // stale bytes must be overwritten, not accumulated into
        }
        byte[][] guard = new byte[rows][];
        for (int r = 0; r < rows; r++) {
            guard[r] = out[r].clone();
        }
        if (vector) {
            VectorKernel.multiply(tables, rows, cols, in, out, len);
        } else {
            ScalarKernel.multiply(tables, rows, cols, in, out, len);
        }
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < len; b++) {
                int expected = 0;
                for (int c = 0; c < cols; c++) {
                    expected ^= SlowCauchyReference.mul(coef[r][c], in[c][b] & 0xFF);
                }
                int row = r;
                int at = b;
                assertThat(out[r][b] & 0xFF).as(() -> "seed %d %dx%d len %d: row %d byte %d".formatted(
                        seed, rows, cols, len, row, at)).isEqualTo(expected);
            }
            for (int b = len; b < len + 7; b++) {
                assertThat(out[r][b]).as("seed %d: byte past the shard written", seed).isEqualTo(guard[r][b]);
            }
        }
    }
}
