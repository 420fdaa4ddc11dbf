package io.punktfunk.core.fec.gf8;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.fec.FecScheme;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CauchyGf8CoderTest {

    @Test
    void factoryCreatesThisCoder() {
        ErasureCoder coder = ErasureCoders.create(FecScheme.GF8_CAUCHY);
        assertThat(coder).isInstanceOf(CauchyGf8Coder.class);
        assertThat(coder.scheme()).isEqualTo(FecScheme.GF8_CAUCHY);
    }

    /**
     * Every shape with k + m ≤ 8 and every set of at most m lost shards (originals and recovery
     * alike), at lengths below, at and across one vector.
     */
    @Test
    void everyErasurePatternOfSmallShapesRestoresTheOriginals() {
        CauchyGf8Coder coder = new CauchyGf8Coder();
        SplittableRandom rnd = new SplittableRandom(8);
        int[] lengths = {1, 13, VectorKernel.LANES, VectorKernel.LANES + 29};
        int patterns = 0;
        for (int total = 2; total <= 8; total++) {
            for (int k = 1; k < total; k++) {
                int m = total - k;
                for (int len : lengths) {
                    byte[][] data = randomShards(rnd, k, len);
                    byte[][] parity = new byte[m][len];
                    coder.encode(data, k, parity, m, len);
                    assertThat(parity).as("parity %d+%d len %d", k, m, len)
                            .isEqualTo(SlowCauchyReference.parity(data, k, m, len));
                    for (int lostMask = 0; lostMask < 1 << total; lostMask++) {
                        if (Integer.bitCount(lostMask) > m) {
                            continue;
                        }
                        decodeAndCheck(coder, data, parity, k, m, len, lostMask,
                                "%d+%d len %d lost mask %s".formatted(k, m, len, Integer.toBinaryString(lostMask)));
                        patterns++;
                    }
                }
            }
        }
        assertThat(patterns).isGreaterThan(1000);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 24);
    }

    /** Random shapes up to 255 shards, lengths 1..2000, parity against the model, random losses. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomShapesMatchModelAndRecover(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int total = 2 + rnd.nextInt(254);
        int k = 1 + rnd.nextInt(total - 1);
        int m = total - k;
        int len = 1 + rnd.nextInt(2000);
        String shape = "seed %d: %d+%d len %d".formatted(seed, k, m, len);
        CauchyGf8Coder coder = new CauchyGf8Coder();
        byte[][] data = randomShards(rnd, k, len);
        byte[][] parity = new byte[m][len];
        coder.encode(data, k, parity, m, len);
        assertThat(parity).as(shape).isEqualTo(SlowCauchyReference.parity(data, k, m, len));

        // Lose 1..m random shards, any mix of originals and recovery.
        boolean[] lost = new boolean[total];
        int toLose = 1 + rnd.nextInt(m);
        for (int n = 0; n < toLose; ) {
            int i = rnd.nextInt(total);
            if (!lost[i]) {
                lost[i] = true;
                n++;
            }
        }
        decodeAndCheck(coder, data, parity, k, m, len, lost, shape + " losing " + toLose);
    }

    /** The cached encode tables follow the shape; decode state does not leak between patterns. */
    @Test
    void oneCoderServesChangingShapes() {
        CauchyGf8Coder coder = new CauchyGf8Coder();
        SplittableRandom rnd = new SplittableRandom(99);
        int[][] shapes = {{100, 20, 1200}, {10, 2, 1392}, {100, 20, 1200}, {20, 100, 300}, {3, 1, 5}, {100, 21, 1200}};
        for (int[] s : shapes) {
            int k = s[0];
            int m = s[1];
            int len = s[2];
            byte[][] data = randomShards(rnd, k, len);
            byte[][] parity = new byte[m][len];
            coder.encode(data, k, parity, m, len);
            String shape = "%d+%d len %d".formatted(k, m, len);
            assertThat(parity).as(shape).isEqualTo(SlowCauchyReference.parity(data, k, m, len));
            boolean[] lost = new boolean[k + m];
            for (int i = 0; i < Math.min(k, m); i++) {
                lost[rnd.nextInt(k)] = true;
            }
            decodeAndCheck(coder, data, parity, k, m, len, lost, shape);
        }
    }

    @Test
    void decodeWithNothingMissingTouchesNothing() {
        CauchyGf8Coder coder = new CauchyGf8Coder();
        SplittableRandom rnd = new SplittableRandom(5);
        byte[][] data = randomShards(rnd, 6, 100);
        byte[][] shards = new byte[9][];
        for (int i = 0; i < 6; i++) {
            shards[i] = data[i].clone();
        }
        boolean[] present = {true, true, true, true, true, true, false, false, false};
        assertThat(coder.decode(shards, present, 6, 3, 100)).isZero();
        for (int i = 0; i < 6; i++) {
            assertThat(shards[i]).as("original %d", i).isEqualTo(data[i]);
        }
    }

    static byte[][] randomShards(SplittableRandom rnd, int count, int len) {
        byte[][] shards = new byte[count][len];
        for (byte[] s : shards) {
            rnd.nextBytes(s);
        }
        return shards;
    }

    private static void decodeAndCheck(CauchyGf8Coder coder, byte[][] data, byte[][] parity, int k, int m, int len,
            int lostMask, String what) {
        boolean[] lost = new boolean[k + m];
        for (int i = 0; i < k + m; i++) {
            lost[i] = (lostMask >>> i & 1) != 0;
        }
        decodeAndCheck(coder, data, parity, k, m, len, lost, what);
    }

    /** Blanks the lost shards (recovery ones become null), decodes, and compares every original. */
    private static void decodeAndCheck(CauchyGf8Coder coder, byte[][] data, byte[][] parity, int k, int m, int len,
            boolean[] lost, String what) {
        byte[][] shards = new byte[k + m][];
        boolean[] present = new boolean[k + m];
        int lostOriginals = 0;
        for (int i = 0; i < k + m; i++) {
            present[i] = !lost[i];
            if (i < k) {
                shards[i] = lost[i] ? new byte[len] : data[i].clone();
                if (lost[i]) {
                    Arrays.fill(shards[i], (byte) 0xA5);
                    lostOriginals++;
                }
            } else {
                shards[i] = lost[i] ? null : parity[i - k].clone();
            }
        }
        assertThat(coder.decode(shards, present, k, m, len)).as(what).isEqualTo(lostOriginals);
        for (int i = 0; i < k; i++) {
            assertThat(shards[i]).as("%s: original %d", what, i).isEqualTo(data[i]);
        }
        for (int j = 0; j < m; j++) {
            if (!lost[k + j]) {
                assertThat(shards[k + j]).as("%s: recovery %d left alone", what, j).isEqualTo(parity[j]);
            }
        }
    }
}
