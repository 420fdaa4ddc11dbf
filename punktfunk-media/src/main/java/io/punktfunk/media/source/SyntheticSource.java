package io.punktfunk.media.source;

import io.punktfunk.media.video.Picture;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A moving test pattern (diagonal luma bars and sliding colour ramps, so the encoder sees real
 * motion) with a {@link SyntheticStamp} band on top carrying the frame counter and capture time.
 *
 * <p>Each row is one copy out of a precomputed ramp at a per-row, per-frame offset, so a 720p
 * frame costs a few thousand small memcpys, not a per-pixel loop.
 *
 * <p>Paced sources block in {@link #capture} until the next frame is due on a fixed grid (and
 * skip ahead rather than burst when the caller falls behind); unpaced ones return at once, for
 * benchmarks and tests.
 */
public final class SyntheticSource implements VideoSource {

    /** Pattern period in pixels; the ramps hold one period plus one row so any offset fits. */
    private static final int PERIOD = 256;
    private static final int LUMA_SPEED = 4;
    private static final int CHROMA_SPEED = 3;

    private final int width;
    private final int height;
    private final int fps;
    private final boolean paced;
    private final LongSupplier nanoClock;
    private final long frameIntervalNs;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment lumaRamp;
    private final MemorySegment chromaRamp;
    private long counter;
    private long nextDueNs;

    /**
     * @param paced     block until each frame is due at {@code fps}
     * @param nanoClock the clock stamped into frames; {@code System::nanoTime} is CLOCK_MONOTONIC on
     *                  Linux, so host and client processes on one machine compare directly
     */
    public SyntheticSource(int width, int height, int fps, boolean paced, LongSupplier nanoClock) {
        if (!SyntheticStamp.fits(width, height) || ((width | height) & 1) != 0) {
            throw new IllegalArgumentException("synthetic source needs an even size of at least "
                    + SyntheticStamp.COLUMNS * SyntheticStamp.MIN_BLOCK + " wide: " + width + "x" + height);
        }
        if (fps <= 0) {
            throw new IllegalArgumentException("fps must be positive: " + fps);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.paced = paced;
        this.nanoClock = nanoClock;
        this.frameIntervalNs = 1_000_000_000L / fps;
        this.lumaRamp = arena.allocate(PERIOD + width);
        this.chromaRamp = arena.allocate(PERIOD + width / 2);
        for (int x = 0; x < lumaRamp.byteSize(); x++) {
            int phase = x % PERIOD;
            // A triangle wave: smooth enough to compress, sharp enough that motion matters.
            lumaRamp.set(ValueLayout.JAVA_BYTE, x,
                    (byte) (SyntheticStamp.BLACK + Math.abs(phase - PERIOD / 2) * (SyntheticStamp.WHITE
                            - SyntheticStamp.BLACK) / (PERIOD / 2)));
        }
        for (int x = 0; x < chromaRamp.byteSize(); x++) {
            chromaRamp.set(ValueLayout.JAVA_BYTE, x, (byte) (64 + (x % PERIOD) / 2));
        }
    }

    /** An unpaced source on {@code System::nanoTime}. */
    public static SyntheticSource unpaced(int width, int height, int fps) {
        return new SyntheticSource(width, height, fps, false, System::nanoTime);
    }

    /** A source paced at {@code fps} on {@code System::nanoTime}. */
    public static SyntheticSource paced(int width, int height, int fps) {
        return new SyntheticSource(width, height, fps, true, System::nanoTime);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int fps() {
        return fps;
    }

    /** Frames produced so far. */
    public long framesProduced() {
        return counter;
    }

    @Override
    public void capture(Picture picture) {
        checkPicture(picture);
        if (paced) {
            waitUntilDue();
        }
        long frame = counter++;
        drawPattern(picture, frame);
        // Stamp last, as close to "glass" as this source gets.
        long now = nanoClock.getAsLong();
        SyntheticStamp.write(picture, frame, now);
        picture.captureNs(now).frameCounter(frame);
    }

    private void waitUntilDue() {
        long now = nanoClock.getAsLong();
        if (nextDueNs == 0 || now - nextDueNs > frameIntervalNs) {
            nextDueNs = now; // first frame, or fell behind: restart the grid instead of bursting
        }
        while (nextDueNs - now > 0) {
            LockSupport.parkNanos(nextDueNs - now);
            now = nanoClock.getAsLong();
        }
        nextDueNs += frameIntervalNs;
    }

    private void drawPattern(Picture picture, long frame) {
        MemorySegment luma = picture.plane(0);
        int lumaStride = picture.stride(0);
        long lumaShift = frame * LUMA_SPEED;
        for (int y = 0; y < height; y++) {
            int offset = (int) ((y + lumaShift) % PERIOD);
            MemorySegment.copy(lumaRamp, offset, luma, (long) y * lumaStride, width);
        }
        long chromaShift = frame * CHROMA_SPEED;
        for (int p = 1; p <= 2; p++) {
            MemorySegment chroma = picture.plane(p);
            int stride = picture.stride(p);
            for (int y = 0; y < height / 2; y++) {
                // U slides one way and V the other, so the colours move against the luma bars.
                long shift = p == 1 ? chromaShift + y / 4 : PERIOD * 64L - chromaShift + y / 2;
                MemorySegment.copy(chromaRamp, (int) (shift % PERIOD), chroma, (long) y * stride, width / 2);
            }
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
