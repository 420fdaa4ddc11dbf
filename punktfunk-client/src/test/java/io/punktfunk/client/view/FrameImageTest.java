package io.punktfunk.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** BGRA bytes land in the image as the right RGB, with and without stride padding. */
class FrameImageTest {

    @ParameterizedTest(name = "{0}x{1} seed {2}")
    @CsvSource({"16,4,1", "100,3,2", "1280,2,3", "33,5,4"})
    void copiesEveryPixelInRgbOrder(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (Picture bgra = Picture.allocate(PixelFormat.BGRA, width, height)) {
            int[] expected = new int[width * height];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int b = random.nextInt(256);
                    int g = random.nextInt(256);
                    int r = random.nextInt(256);
                    long at = (long) y * bgra.stride(0) + 4L * x;
                    bgra.plane(0).set(ValueLayout.JAVA_BYTE, at, (byte) b);
                    bgra.plane(0).set(ValueLayout.JAVA_BYTE, at + 1, (byte) g);
                    bgra.plane(0).set(ValueLayout.JAVA_BYTE, at + 2, (byte) r);
                    bgra.plane(0).set(ValueLayout.JAVA_BYTE, at + 3, (byte) random.nextInt(256));
                    expected[y * width + x] = r << 16 | g << 8 | b;
                }
            }
            bgra.frameCounter(9).captureNs(123);
            FrameImage image = new FrameImage(width, height);
            image.fill(bgra);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    assertThat(image.image().getRGB(x, y) & 0xFFFFFF).as("seed %d pixel (%d,%d)", seed, x, y)
                            .isEqualTo(expected[y * width + x]);
                }
            }
            assertThat(image.frameCounter()).isEqualTo(9);
            assertThat(image.captureNs()).isEqualTo(123);
        }
    }

    @Test
    void refusesI420() {
        try (Picture i420 = Picture.allocate(PixelFormat.I420, 16, 16)) {
            assertThatThrownBy(() -> new FrameImage(16, 16).fill(i420)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("BGRA");
        }
    }
}
