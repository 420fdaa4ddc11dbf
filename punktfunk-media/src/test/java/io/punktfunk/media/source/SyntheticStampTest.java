package io.punktfunk.media.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticStampTest {

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 0xC0FFEEL})
    void randomStampsReadBackExactly(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (Picture picture = Picture.allocate(PixelFormat.I420, 640, 360)) {
            for (int i = 0; i < 50; i++) {
                long counter = random.nextLong() & 0xFFFF_FFFFL;
                long ns = random.nextLong();
                SyntheticStamp.write(picture, counter, ns);
                assertThat(SyntheticStamp.read(picture)).as("seed %d, case %d", seed, i)
                        .contains(new SyntheticStamp(counter, ns));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {7L, 99L})
    void aFlippedBlockFailsTheCheck(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (Picture picture = Picture.allocate(PixelFormat.I420, 1280, 720)) {
            SyntheticStamp.write(picture, 1234, random.nextLong());
            int block = SyntheticStamp.blockSize(1280);
            int bit = random.nextInt(SyntheticStamp.COLUMNS * SyntheticStamp.ROWS);
            int x0 = (bit % SyntheticStamp.COLUMNS) * block;
            int y0 = (bit / SyntheticStamp.COLUMNS) * block;
            long at = (long) (y0 + block / 2) * picture.stride(0) + x0 + block / 2;
            int old = picture.plane(0).get(ValueLayout.JAVA_BYTE, at) & 0xFF;
            byte inverted = (byte) (old > 128 ? SyntheticStamp.BLACK : SyntheticStamp.WHITE);
            for (int y = y0; y < y0 + block; y++) {
                picture.plane(0).asSlice((long) y * picture.stride(0) + x0, block).fill(inverted);
            }
            assertThat(SyntheticStamp.read(picture)).as("seed %d, bit %d flipped", seed, bit).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void sourceStampsCounterAndClock(int start) {
        long[] clock = {1_000_000_000L * (start + 1)};
        try (SyntheticSource source = new SyntheticSource(1280, 720, 60, false, () -> clock[0] += 16_666_667L);
             Picture picture = Picture.allocate(PixelFormat.I420, 1280, 720)) {
            for (int i = 0; i < 3; i++) {
                source.capture(picture);
                assertThat(picture.frameCounter()).isEqualTo(i);
                assertThat(SyntheticStamp.read(picture)).contains(new SyntheticStamp(i, clock[0]));
                assertThat(picture.captureNs()).isEqualTo(clock[0]);
            }
        }
    }
}
