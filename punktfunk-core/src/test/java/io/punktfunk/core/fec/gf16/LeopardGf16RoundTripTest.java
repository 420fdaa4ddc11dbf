package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.fec.ErasureCoder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding restores the originals from any k of the k + m shards, for both rates. */
class LeopardGf16RoundTripTest {

    /** Every shape with k + m ≤ 8 and every set of at most m lost shards. */
    @ParameterizedTest(name = "shard {0} bytes")
    @ValueSource(ints = {2, 66, 128})
    void everyErasurePatternOfSmallShapes(int shardBytes) {
        ErasureCoder coder = new LeopardGf16Coder();
        SplittableRandom rnd = new SplittableRandom(shardBytes);
        int patterns = 0;
        for (int k = 1; k < 8; k++) {
            for (int m = 1; k + m <= 8; m++) {
                Block b = Block.random(coder, k, m, shardBytes, rnd);
                for (int mask = 0; mask < 1 << (k + m); mask++) {
                    if (Integer.bitCount(mask) <= m) {
                        String what = "k=" + k + " m=" + m + " lost mask " + Integer.toBinaryString(mask);
                        b.decodeAndCheck(coder, mask, what);
                        patterns++;
                    }
                }
            }
        }
        assertThat(patterns).as("patterns tried").isGreaterThan(1500);
    }

    @ParameterizedTest(name = "{0}+{1} @{2} seed {3}")
    @CsvSource({
        "1700, 340, 1200, 1", "4096, 410, 1388, 2", "40, 300, 66, 3", "1000, 100, 1388, 4", "300, 60, 1200, 5",
        "100, 20, 2, 6", "64, 64, 1216, 7", "5, 40, 130, 8", "129, 1000, 64, 9", "2000, 3, 66, 10",
        "1, 300, 130, 11", "300, 1, 1200, 12", "9, 5, 140000, 13", "5, 9, 140000, 14", "300, 60, 4096, 15",
        "61439, 4096, 2, 16", "4096, 61439, 2, 17",
    })
    void randomErasuresOfLargerShapes(int k, int m, int shardBytes, long seed) {
        ErasureCoder coder = new LeopardGf16Coder();
        SplittableRandom rnd = new SplittableRandom(seed);
        Block b = Block.random(coder, k, m, shardBytes, rnd);
        for (int round = 0; round < 3; round++) {
            boolean[] lost = new boolean[k + m];
            int lose = round == 0 ? Math.min(m, k) : 1 + rnd.nextInt(m);
            if (round == 0) {
                for (int i = 0; i < lose; i++) {
                    lost[i * (k / lose)] = true; // only originals, spread out: the heaviest case
                }
            } else {
                for (int n = 0; n < lose; ) {
                    int i = rnd.nextInt(k + m);
                    if (!lost[i]) {
                        lost[i] = true;
                        n++;
                    }
                }
            }
            b.decodeAndCheck(coder, lost, "seed " + seed + " round " + round);
        }
    }

    @Test
    void coderIsReusableAcrossShapesAndRates() {
        ErasureCoder coder = new LeopardGf16Coder();
        SplittableRandom rnd = new SplittableRandom(99);
        int[][] shapes = {{300, 60, 1200}, {3, 5, 66}, {1000, 100, 2}, {40, 300, 1388}, {2, 2, 64}, {300, 60, 1200}};
        for (int[] s : shapes) {
            Block b = Block.random(coder, s[0], s[1], s[2], rnd);
            boolean[] lost = new boolean[s[0] + s[1]];
            for (int i = 0; i < Math.min(s[0], s[1]); i++) {
                lost[i] = true;
            }
            b.decodeAndCheck(coder, lost, Arrays.toString(s));
        }
    }

    /** One encoded block and the bookkeeping to erase and restore it. */
    private record Block(int k, int m, int shardBytes, byte[][] originals, byte[][] recovery) {
        static Block random(ErasureCoder coder, int k, int m, int shardBytes, SplittableRandom rnd) {
            byte[][] originals = new byte[k][shardBytes];
            for (byte[] o : originals) {
                rnd.nextBytes(o);
            }
            byte[][] recovery = new byte[m][shardBytes];
            coder.encode(originals, k, recovery, m, shardBytes);
            return new Block(k, m, shardBytes, originals, recovery);
        }

        void decodeAndCheck(ErasureCoder coder, int lostMask, String what) {
            boolean[] lost = new boolean[k + m];
            for (int i = 0; i < k + m; i++) {
                lost[i] = (lostMask >>> i & 1) != 0;
            }
            decodeAndCheck(coder, lost, what);
        }

        void decodeAndCheck(ErasureCoder coder, boolean[] lost, String what) {
            byte[][] shards = new byte[k + m][];
            boolean[] present = new boolean[k + m];
            int lostOriginals = 0;
            for (int i = 0; i < k + m; i++) {
                byte[] src = i < k ? originals[i] : recovery[i - k];
                present[i] = !lost[i];
                shards[i] = lost[i] ? filled(src.length) : src.clone();
                if (lost[i] && i < k) {
                    lostOriginals++;
                }
            }
            int restored = coder.decode(shards, present, k, m, shardBytes);
            assertThat(restored).as(what + ": restored count").isEqualTo(lostOriginals);
            for (int i = 0; i < k; i++) {
                assertThat(shards[i]).as(what + ": original " + i).isEqualTo(originals[i]);
            }
        }

        private static byte[] filled(int len) {
            byte[] b = new byte[len];
            Arrays.fill(b, (byte) 0xA5);
            return b;
        }
    }
}
