package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The direct locator sum and the two-FWHT evaluation give the same logs. */
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
        int[] expected = bruteForce(erased, count, tailErased);
        for (int i = 0; i < count; i += Math.max(1, count / 500)) {
            assertThat(direct[i]).as("direct, seed %d position %d", seed, i).isEqualTo(expected[i]);
            assertThat(transformed[i]).as("transform, seed %d position %d", seed, i).isEqualTo(expected[i]);
            assertThat(chosen[i]).as("chosen, seed %d position %d", seed, i).isEqualTo(expected[i]);
        }
    }

    /** Σ over erased j ≠ i of LOG[i ^ j] mod 65535 at sampled positions, straight from the definition. */
    private static int[] bruteForce(boolean[] erased, int count, boolean tailErased) {
        int[] out = new int[count];
        for (int i = 0; i < count; i += Math.max(1, count / 500)) {
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
