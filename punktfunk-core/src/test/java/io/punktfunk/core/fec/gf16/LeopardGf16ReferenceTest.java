package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Recovery bytes equal a slow scalar encoder's, for shapes and lengths beyond the shared vectors. */
class LeopardGf16ReferenceTest {

    @ParameterizedTest(name = "{0}+{1} @{2}")
    @CsvSource({
        "1, 1, 2", "1, 5, 66", "5, 1, 130", "2, 2, 64", "3, 5, 66", "4, 3, 126", "5, 3, 64",
        "5, 40, 130", "40, 5, 2", "40, 300, 66", "300, 40, 66", "100, 100, 130", "129, 64, 64",
        "33, 200, 126", "64, 64, 1216", "17, 17, 190", "200, 129, 64", "9, 5, 140000", "5, 9, 140000",
        "300, 60, 4096",
    })
    void fixedShapesMatchReference(int k, int r, int shardBytes) {
        check(k, r, shardBytes, new SplittableRandom(k * 1000L + r));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomShapesMatchReference(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int k = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 260);
        int r = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 260);
        int shardBytes = 2 + 2 * rnd.nextInt(100);
        check(k, r, shardBytes, rnd);
    }

    private static void check(int k, int r, int shardBytes, SplittableRandom rnd) {
        byte[][] originals = new byte[k][shardBytes];
        for (byte[] o : originals) {
            rnd.nextBytes(o);
        }
        byte[][] recovery = new byte[r][shardBytes];
        new LeopardGf16Coder().encode(originals, k, recovery, r, shardBytes);
        byte[][] expected = ReferenceEncoder.encode(originals, k, r, shardBytes);
        for (int j = 0; j < r; j++) {
            assertThat(recovery[j]).as("%d+%d @%d (%s rate) recovery %d", k, r, shardBytes, Gf16Rate.of(k, r), j)
                    .isEqualTo(expected[j]);
        }
    }
}
