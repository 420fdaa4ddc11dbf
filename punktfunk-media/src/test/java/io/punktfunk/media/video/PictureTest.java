package io.punktfunk.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PictureTest {

    @ParameterizedTest
    @CsvSource({"I420, 1280, 720", "I420, 642, 362", "BGRA, 333, 17"})
    void planesAreAlignedAndSizedAndCopyExactly(PixelFormat format, int width, int height) {
        try (Picture a = Picture.allocate(format, width, height); Picture b = Picture.allocate(format, width, height)) {
            SplittableRandom random = new SplittableRandom(width * 31L + height);
            for (int p = 0; p < format.planes(); p++) {
                assertThat(a.stride(p) % Picture.ROW_ALIGNMENT).isZero();
                assertThat(a.stride(p)).isGreaterThanOrEqualTo(format.rowBytes(p, width));
                assertThat(a.plane(p).byteSize()).isEqualTo((long) a.stride(p) * format.rows(p, height));
                assertThat(a.plane(p).address() % Picture.ROW_ALIGNMENT).isZero();
                for (long i = 0; i < a.plane(p).byteSize(); i += 7) {
                    a.plane(p).set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
                }
            }
            a.captureNs(123).frameCounter(9);
            a.copyTo(b);
            for (int p = 0; p < format.planes(); p++) {
                assertThat(b.plane(p).mismatch(a.plane(p))).isEqualTo(-1);
            }
            assertThat(b.captureNs()).isEqualTo(123);
            assertThat(b.frameCounter()).isEqualTo(9);
        }
    }

    @ParameterizedTest
    @CsvSource({"I420, 641, 360", "I420, 640, 0", "BGRA, -1, 4"})
    void rejectsImpossibleShapes(PixelFormat format, int width, int height) {
        assertThatThrownBy(() -> Picture.allocate(format, width, height)).isInstanceOf(IllegalArgumentException.class);
    }
}
