package io.punktfunk.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The decode-thread → event-thread hand-off: newest wins, drops are counted, no picture tears. */
class LatestFrameBufferTest {

    @Test
    void newestWinsAndOverwrittenPicturesCountAsDropped() {
        LatestFrameBuffer buffer = new LatestFrameBuffer(64, 8);
        try (Picture picture = Picture.allocate(PixelFormat.BGRA, 64, 8)) {
            assertThat(buffer.takeFresh()).as("nothing published yet").isNull();
            assertThat(buffer.current().frameCounter()).isEqualTo(-1);
            for (int i = 1; i <= 3; i++) {
                buffer.publish(paint(picture, i), i);
            }
            FrameImage taken = buffer.takeFresh();
            assertThat(taken.frameCounter()).isEqualTo(3);
            assertThat(taken.image().getRGB(5, 5) & 0xFFFFFF).isEqualTo(3);
            assertThat(buffer.takeFresh()).as("no newer picture").isNull();
            assertThat(buffer.current()).isSameAs(taken);
            assertThat(buffer.published()).isEqualTo(3);
            assertThat(buffer.dropped()).isEqualTo(2);

            buffer.publish(paint(picture, 4), 4);
            assertThat(buffer.takeFresh().frameCounter()).isEqualTo(4);
            assertThat(buffer.dropped()).isEqualTo(2);
        }
    }

    @Test
    void aNewStreamSizeGetsANewImage() {
        LatestFrameBuffer buffer = new LatestFrameBuffer(64, 8);
        try (Picture bigger = Picture.allocate(PixelFormat.BGRA, 96, 16)) {
            buffer.publish(paint(bigger, 7), 7);
            FrameImage taken = buffer.takeFresh();
            assertThat(taken.width()).isEqualTo(96);
            assertThat(taken.height()).isEqualTo(16);
            assertThat(taken.image().getRGB(95, 15) & 0xFFFFFF).isEqualTo(7);
        }
    }

    /**
     * A producer and a consumer thread at full speed: every picture is either taken or counted as
     * dropped, counters only increase, and every pixel of a taken image belongs to one picture.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20261126})
    void concurrentHandOffNeverTearsOrLosesCount(long seed) throws Exception {
        int width = 256;
        int height = 64;
        int pictures = 3000;
        LatestFrameBuffer buffer = new LatestFrameBuffer(width, height);
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = Thread.ofPlatform().start(() -> {
            SplittableRandom random = new SplittableRandom(seed);
            try (Picture picture = Picture.allocate(PixelFormat.BGRA, width, height)) {
                for (int i = 1; i <= pictures; i++) {
                    buffer.publish(paint(picture, i), i);
                    if (random.nextInt(4) == 0) {
                        Thread.onSpinWait();
                    }
                }
            } finally {
                producing.set(false);
            }
        });
        long taken = 0;
        long lastCounter = 0;
        boolean drained = false;
        while (!drained) {
            drained = !producing.get(); // one more pass after the producer stopped
            FrameImage image = buffer.takeFresh();
            if (image == null) {
                continue;
            }
            taken++;
            long counter = image.frameCounter();
            assertThat(counter).as("seed %d: counters increase", seed).isGreaterThan(lastCounter);
            lastCounter = counter;
            for (int y = 0; y < height; y += 7) {
                for (int x = 0; x < width; x += 13) {
                    assertThat(image.image().getRGB(x, y) & 0xFFFFFF).as("seed %d: pixel (%d,%d) of picture %d", seed,
                            x, y, counter).isEqualTo((int) counter);
                }
            }
        }
        producer.join();
        assertThat(lastCounter).as("seed %d: the last picture arrives", seed).isEqualTo(pictures);
        assertThat(buffer.published()).isEqualTo(pictures);
        assertThat(taken + buffer.dropped()).as("seed %d: taken + dropped", seed).isEqualTo(pictures);
    }

    /** Fills every pixel with the colour {@code counter} (as 0xRRGGBB) and sets the frame counter. */
    private static Picture paint(Picture bgra, int counter) {
        for (int y = 0; y < bgra.height(); y++) {
            for (int x = 0; x < bgra.width(); x++) {
                long at = (long) y * bgra.stride(0) + 4L * x;
                bgra.plane(0).set(ValueLayout.JAVA_BYTE, at, (byte) counter);
                bgra.plane(0).set(ValueLayout.JAVA_BYTE, at + 1, (byte) (counter >> 8));
                bgra.plane(0).set(ValueLayout.JAVA_BYTE, at + 2, (byte) (counter >> 16));
                bgra.plane(0).set(ValueLayout.JAVA_BYTE, at + 3, (byte) 0xFF);
            }
        }
        return bgra.frameCounter(counter).captureNs(counter * 1000L);
    }
}
