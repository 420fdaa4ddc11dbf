package io.punktfunk.client.view;

import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A {@link BufferedImage} whose pixel array is written directly, one picture at a time.
 *
 * <p>BGRA bytes read as a little-endian int are {@code 0xAARRGGBB}, exactly the layout of
 * {@code TYPE_INT_RGB} (which ignores the top byte), so filling is one bulk copy per row with no
 * per-pixel work and no allocation. Taking the array makes Java2D treat the image as untrackable,
 * which is what we want: it never caches a stale copy of pixels that change every frame.
 */
final class FrameImage {

    private static final ValueLayout.OfInt BGRA_PIXEL =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final BufferedImage image;
    private final int[] pixels;
    private long frameCounter = -1;
    private long captureNs;
    private long filledNs;

    FrameImage(int width, int height) {
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** Whether a picture of this size fits without a new image. */
    boolean fits(Picture picture) {
        return picture.width() == image.getWidth() && picture.height() == image.getHeight();
    }

    /** Copies the pixels, frame counter and capture time of a BGRA picture of this image's size. */
    void fill(Picture bgra) {
        if (bgra.format() != PixelFormat.BGRA) {
            throw new IllegalArgumentException("the viewer shows BGRA pictures, got " + bgra);
        }
        int width = image.getWidth();
        int height = image.getHeight();
        MemorySegment plane = bgra.plane(0);
        long stride = bgra.stride(0);
        if (stride == 4L * width) {
            MemorySegment.copy(plane, BGRA_PIXEL, 0, pixels, 0, width * height);
        } else {
            for (int y = 0; y < height; y++) {
                MemorySegment.copy(plane, BGRA_PIXEL, y * stride, pixels, y * width, width);
            }
        }
        frameCounter = bgra.frameCounter();
        captureNs = bgra.captureNs();
    }

    /** Marks when the picture was handed to the viewer ({@code System.nanoTime()}). */
    void filledAt(long nanoTime) {
        filledNs = nanoTime;
    }

    /** When the picture was handed to the viewer. */
    long filledNs() {
        return filledNs;
    }

    BufferedImage image() {
        return image;
    }

    int width() {
        return image.getWidth();
    }

    int height() {
        return image.getHeight();
    }

    /** The frame counter of the picture last copied in; -1 while none was. */
    long frameCounter() {
        return frameCounter;
    }

    /** The capture time of the picture last copied in. */
    long captureNs() {
        return captureNs;
    }
}
