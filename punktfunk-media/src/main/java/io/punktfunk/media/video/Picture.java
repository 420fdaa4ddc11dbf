package io.punktfunk.media.video;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A raw picture in native memory, allocated once and refilled every frame. Rows of each plane
 * start at multiples of {@link #stride(int)} (64-byte aligned, the alignment FFmpeg uses), so a
 * plane copies to or from an AVFrame in one block when the linesizes agree.
 *
 * <p>Besides pixels a picture carries the capture timestamp (nanoseconds on the source's clock)
 * and the source's frame counter, so they travel with the pixels to the encoder.
 *
 * <p>Not thread-safe; hand a picture between threads only with a happens-before edge (a queue).
 */
public final class Picture implements AutoCloseable {

    /** Row alignment of every plane. */
    public static final int ROW_ALIGNMENT = 64;

    private final PixelFormat format;
    private final int width;
    private final int height;
    private final Arena arena;
    private final MemorySegment[] planes;
    private final int[] strides;
    private long captureNs;
    private long frameCounter;

    private Picture(PixelFormat format, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("picture size must be positive: " + width + "x" + height);
        }
        if (format == PixelFormat.I420 && ((width | height) & 1) != 0) {
            throw new IllegalArgumentException("I420 needs an even width and height: " + width + "x" + height);
        }
        this.format = format;
        this.width = width;
        this.height = height;
        this.arena = Arena.ofShared();
        this.planes = new MemorySegment[format.planes()];
        this.strides = new int[format.planes()];
        for (int p = 0; p < planes.length; p++) {
            int stride = align(format.rowBytes(p, width));
            strides[p] = stride;
            planes[p] = arena.allocate((long) stride * format.rows(p, height), ROW_ALIGNMENT);
        }
    }

    /** Allocates a zeroed picture. */
    public static Picture allocate(PixelFormat format, int width, int height) {
        return new Picture(format, width, height);
    }

    private static int align(int bytes) {
        return (bytes + ROW_ALIGNMENT - 1) & -ROW_ALIGNMENT;
    }

    public PixelFormat format() {
        return format;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The memory of {@code plane}: {@code stride(plane) * rows} bytes. */
    public MemorySegment plane(int plane) {
        return planes[plane];
    }

    /** Bytes from one row of {@code plane} to the next. */
    public int stride(int plane) {
        return strides[plane];
    }

    /** When the pixels were captured, in nanoseconds of the source's clock. */
    public long captureNs() {
        return captureNs;
    }

    public Picture captureNs(long captureNs) {
        this.captureNs = captureNs;
        return this;
    }

    /** The source's frame counter for these pixels. */
    public long frameCounter() {
        return frameCounter;
    }

    public Picture frameCounter(long frameCounter) {
        this.frameCounter = frameCounter;
        return this;
    }

    /** Whether {@code other} has the same format and size (so one can be copied into the other). */
    public boolean sameShape(Picture other) {
        return format == other.format && width == other.width && height == other.height;
    }

    /** Copies pixels, timestamp and counter into {@code target}, which must have the same shape. */
    public void copyTo(Picture target) {
        if (!sameShape(target)) {
            throw new IllegalArgumentException("shape mismatch: " + this + " -> " + target);
        }
        for (int p = 0; p < planes.length; p++) {
            MemorySegment.copy(planes[p], 0, target.planes[p], 0, planes[p].byteSize());
        }
        target.captureNs = captureNs;
        target.frameCounter = frameCounter;
    }

    @Override
    public void close() {
        arena.close();
    }

    @Override
    public String toString() {
        return "Picture[" + format + " " + width + "x" + height + "]";
    }
}
