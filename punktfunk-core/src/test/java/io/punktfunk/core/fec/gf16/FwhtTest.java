package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vectorised transform, at whatever width {@link IntLanes} chose in this JVM, against the
 * textbook scalar Walsh–Hadamard transform in exact longs, reduced mod 65535 only at the end.
 */
class FwhtTest {

    @ParameterizedTest(name = "nonzero {0}, inputs {1}, seed {2}")
    @CsvSource({
        "1, bits, 1", "7, bits, 2", "100, bits, 3", "1128, bits, 4", "4064, bits, 5", "65536, bits, 6",
        "13, logs, 7", "1131, logs, 8", "65536, logs, 9", "65536, signed, 10", "5000, signed, 11",
    })
    void transformMatchesTheScalarDefinition(int nonzero, String inputs, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] data = new int[Gf16.ORDER];
        for (int i = 0; i < nonzero; i++) {
            data[i] = switch (inputs) {
                case "bits" -> rnd.nextInt(2);
                case "logs" -> rnd.nextInt(Gf16.ORDER);
                default -> rnd.nextInt(-Gf16.ORDER, Gf16.ORDER + 1); // the documented input range
            };
        }
        long[] expected = reference(data);
        Fwht.transform(data, nonzero);
        for (int i = 0; i < Gf16.ORDER; i++) {
            assertThat(data[i]).as("lanes %d, seed %d, position %d", IntLanes.COUNT, seed, i).isBetween(0, Gf16.MODULUS);
            assertThat(data[i] % Gf16.MODULUS).as("lanes %d, seed %d, position %d", IntLanes.COUNT, seed, i)
                    .isEqualTo((int) expected[i]);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"21", "22", "23"})
    void multiplyMatchesTheScalarDefinition(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] data = new int[Gf16.ORDER];
        int[] factor = new int[Gf16.ORDER];
        for (int i = 0; i < Gf16.ORDER; i++) {
            // Include both representations of zero and the largest values.
            data[i] = i < 4 ? new int[] {0, 65535, 65534, 65535}[i] : rnd.nextInt(Gf16.ORDER);
            factor[i] = i < 4 ? new int[] {65535, 0, 65534, 65535}[i] : rnd.nextInt(Gf16.ORDER);
        }
        int[] before = data.clone();
        Fwht.multiply(data, factor);
        for (int i = 0; i < Gf16.ORDER; i++) {
            long expected = (long) before[i] * factor[i] % Gf16.MODULUS;
            assertThat(data[i]).as("lanes %d, seed %d, position %d", IntLanes.COUNT, seed, i).isBetween(0, Gf16.MODULUS);
            assertThat(data[i] % Gf16.MODULUS).as("lanes %d, seed %d, position %d", IntLanes.COUNT, seed, i)
                    .isEqualTo((int) expected);
        }
    }

    /** H·x over all 65536 positions in exact arithmetic, then mod 65535 into [0, 65535). */
    private static long[] reference(int[] data) {
        long[] v = new long[Gf16.ORDER];
        for (int i = 0; i < Gf16.ORDER; i++) {
            v[i] = data[i];
        }
        for (int dist = 1; dist < Gf16.ORDER; dist <<= 1) {
            for (int r = 0; r < Gf16.ORDER; r += dist << 1) {
                for (int i = r; i < r + dist; i++) {
                    long a = v[i];
                    long b = v[i + dist];
                    v[i] = a + b;
                    v[i + dist] = a - b;
                }
            }
        }
        for (int i = 0; i < Gf16.ORDER; i++) {
            v[i] = Math.floorMod(v[i], Gf16.MODULUS);
        }
        return v;
    }
}
