package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct locator sum and the two-FWHT evaluation give the same logs as the definition, at
 * whatever vector width {@link IntLanes} chose in this JVM (the forced-width surefire executions
 * rerun this class at 4 lanes and scalar).
 */
class ErasureLocatorTest {

    @ParameterizedTest(name = "count {0}, tail erased {1}, seed {2}")
    @CsvSource({
        "8, false, 1", "128, false, 2", "1128, false, 3", "2212, false, 4", "40000, false, 5",
        "8, true, 6", "364, true, 7", "4500, true, 8", "30000, false, 9",
    })
    void directSumEqualsTransform(int count, boolean tailErased, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] erased = new boolean[count];
        int density = 2 + rnd.nextInt(20);
        for (int i = 0; i < count; i++) {
            erased[i] = rnd.nextInt(density) == 0;
        }
        int[] direct = new int[count];
        int[] transformed = new int[count];
        int[] chosen = new int[count];
        ErasureLocator locator = new ErasureLocator();
        locator.direct(erased, count, tailErased, direct);
        locator.viaTransform(erased, count, tailErased, transformed);
        locator.evaluate(erased, count, tailErased, chosen);
        int step = Math.max(1, count / 500);
        int[] expected = bruteForce(erased, count, tailErased, step);
        for (int i = 0; i < count; i += step) {
            assertThat(direct[i]).as("direct, seed %d position %d", seed, i).isEqualTo(expected[i]);
            assertThat(transformed[i]).as("transform, seed %d position %d", seed, i).isEqualTo(expected[i]);
            assertThat(chosen[i]).as("chosen, seed %d position %d", seed, i).isEqualTo(expected[i]);
        }
    }

    /**
     * Random counts (mostly not a multiple of any vector width), densities and rates, every position
     * checked; one locator reused across them, as a decoder reuses its own.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112})
    void randomErasureSetsMatchAtEveryPosition(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ErasureLocator locator = new ErasureLocator();
        for (int round = 0; round < 3; round++) {
            int count = 1 + rnd.nextInt(1300);
            boolean tailErased = rnd.nextBoolean();
            boolean[] erased = new boolean[count];
            int density = 1 + rnd.nextInt(30);
            for (int i = 0; i < count; i++) {
                erased[i] = rnd.nextInt(density) == 0;
            }
            assertAllMatch(locator, erased, count, tailErased, "seed " + seed + " round " + round);
        }
    }

    /** The sets a 1000+100 decode losing 100 originals builds: high rate, padding [100, 128) erased. */
    @ParameterizedTest(name = "first lost original {0}")
    @ValueSource(ints = {0, 3, 9})
    void decoderShapedErasureSetMatchesAtEveryPosition(int firstLost) {
        int k = 1000;
        int chunk = 128;
        int count = chunk + k;
        boolean[] erased = new boolean[count];
        for (int p = 100; p < chunk; p++) {
            erased[p] = true;
        }
        for (int i = firstLost; i < k; i += 10) {
            erased[chunk + i] = true;
        }
        assertAllMatch(new ErasureLocator(), erased, count, false, "first lost " + firstLost);
    }

    private static void assertAllMatch(ErasureLocator locator, boolean[] erased, int count, boolean tailErased,
                                       String what) {
        int[] direct = new int[count];
        int[] transformed = new int[count];
        int[] chosen = new int[count];
        locator.direct(erased, count, tailErased, direct);
        locator.viaTransform(erased, count, tailErased, transformed);
        locator.evaluate(erased, count, tailErased, chosen);
        int[] expected = bruteForce(erased, count, tailErased, 1);
        String lanes = IntLanes.VECTORIZED ? IntLanes.COUNT + " lanes" : "scalar";
        for (int i = 0; i < count; i++) {
            assertThat(direct[i]).as("direct, %s, %s, count %d position %d", lanes, what, count, i).isEqualTo(expected[i]);
            assertThat(transformed[i]).as("transform, %s, %s, count %d position %d", lanes, what, count, i)
                    .isEqualTo(expected[i]);
            assertThat(chosen[i]).as("chosen, %s, %s, count %d position %d", lanes, what, count, i).isEqualTo(expected[i]);
        }
    }

    /** Σ over erased j ≠ i of LOG[i ^ j] mod 65535 at every step-th position, straight from the definition. */
    private static int[] bruteForce(boolean[] erased, int count, boolean tailErased, int step) {
        int[] out = new int[count];
        for (int i = 0; i < count; i += step) {
            long sum = 0;
            for (int j = 0; j < Gf16.ORDER; j++) {
                boolean e = j < count ? erased[j] : tailErased;
                if (e && j != i) {
                    sum += Gf16.LOG[i ^ j];
                }
            }
            out[i] = (int) (sum % Gf16.MODULUS);
        }
        return out;
    }
}
