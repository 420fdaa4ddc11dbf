package io.punktfunk.embed;

import io.punktfunk.client.view.VideoPresenter;
import io.punktfunk.client.view.ViewerStats;
import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands decoded pictures to the app. With a callback set, the decode thread calls it with the
 * decoder's own picture (no copy). Otherwise three buffers rotate: the decode thread fills
 * {@code back} and swaps it with {@code ready}; {@code poll} swaps {@code ready} with {@code front},
 * which stays the app's until its next poll. A picture the app did not take in time is replaced by
 * the newer one and counted, so a slow app sees the latest picture, never a growing delay.
 */
final class FrameExchange implements VideoPresenter {
    private final PixelFormat format;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition fresh = lock.newCondition();
    private final ReentrantLock pollLock = new ReentrantLock();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment callbackFrame = arena.allocate(AbiLayouts.FRAME);
    private final ReentrantLock callbackLock = new ReentrantLock();
    private volatile NativeCallback callback;
    private Picture back;
    private Picture ready;
    private Picture front;
    private boolean readyFresh;
    private volatile boolean closed;
    private volatile long presented;
    private volatile long delivered;
    private volatile long replaced;

    FrameExchange(PixelFormat format) {
        this.format = format;
    }

    @Override
    public PixelFormat pixelFormat() {
        return format;
    }

    /** Once this returns, no call of the previous callback is running (it may not wait for a lock the caller holds). */
    void callback(NativeCallback cb) {
        callbackLock.lock();
        try {
            callback = cb;
        } finally {
            callbackLock.unlock();
        }
    }

    boolean hasCallback() {
        return callback != null;
    }

    /** Decode thread. */
    @Override
    public void present(Picture picture) {
        if (picture.format() != format) {
            throw new IllegalArgumentException("expected " + format + ", got " + picture);
        }
        presented++;
        if (callback != null) {
            callbackLock.lock();
            try {
                NativeCallback cb = callback;
                if (cb != null && !closed) {
                    write(picture, callbackFrame);
                    cb.call(callbackFrame);
                    delivered++;
                    return;
                }
            } finally {
                callbackLock.unlock();
            }
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (back == null) {
                back = Picture.allocate(format, picture.width(), picture.height());
                ready = Picture.allocate(format, picture.width(), picture.height());
                front = Picture.allocate(format, picture.width(), picture.height());
            }
        } finally {
            lock.unlock();
        }
        picture.copyTo(back); // back belongs to this thread: copy outside the lock
        lock.lock();
        try {
            Picture t = ready;
            ready = back;
            back = t;
            if (readyFresh) {
                replaced++;
            }
            readyFresh = true;
            fresh.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutMs} (-1 forever) for a picture not taken yet and writes it into the
     * PunktfunkFrame at {@code address}.
     *
     * @param stillRunning checked while waiting: the stream may end
     */
    int poll(long address, int timeoutMs, java.util.function.BooleanSupplier stillRunning)
            throws EmbedException, InterruptedException {
        pollLock.lock(); // one poller at a time: front is the app's until its next poll
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(timeoutMs, 0));
            lock.lock();
            try {
                while (closed || !readyFresh) {
                    if (closed || !stillRunning.getAsBoolean()) { // closed first: the pictures may be freed
                        throw new EmbedException(EmbedStatus.CLOSED, "the stream has ended");
                    }
                    long left = timeoutMs < 0 ? TimeUnit.MILLISECONDS.toNanos(50) : deadline - System.nanoTime();
                    if (left <= 0) {
                        return EmbedStatus.TIMEOUT;
                    }
                    fresh.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                }
                Picture t = front;
                front = ready;
                ready = t;
                readyFresh = false;
            } finally {
                lock.unlock();
            }
            write(front, AbiLayouts.at(address, AbiLayouts.FRAME));
            delivered++;
            return EmbedStatus.OK;
        } finally {
            pollLock.unlock();
        }
    }

    private static void write(Picture p, MemorySegment f) {
        var l = AbiLayouts.FRAME;
        AbiLayouts.putInt(f, l, "pixel_format", p.format() == PixelFormat.BGRA ? 1 : 2);
        AbiLayouts.putInt(f, l, "width", p.width());
        AbiLayouts.putInt(f, l, "height", p.height());
        int n = p.format().planes();
        AbiLayouts.putInt(f, l, "plane_count", n);
        long planes = AbiLayouts.offset(l, "planes");
        long strides = AbiLayouts.offset(l, "strides");
        for (int i = 0; i < 3; i++) {
            f.set(java.lang.foreign.ValueLayout.ADDRESS, planes + i * 8L, i < n ? p.plane(i) : MemorySegment.NULL);
            f.set(java.lang.foreign.ValueLayout.JAVA_INT, strides + i * 4L, i < n ? p.stride(i) : 0);
        }
        AbiLayouts.putInt(f, l, "reserved", 0);
        AbiLayouts.putLong(f, l, "pts_ns", p.captureNs());
        AbiLayouts.putLong(f, l, "frame_index", p.frameCounter());
        AbiLayouts.putLong(f, l, "decoded_ns", System.nanoTime());
    }

    @Override
    public void stats(ViewerStats stats) {
        // no overlay: the app reads punktfunk_get_stats
    }

    @Override
    public long framesPresented() {
        return presented;
    }

    @Override
    public long framesDropped() {
        return replaced;
    }

    long delivered() {
        return delivered;
    }

    /** Frees the buffers; the caller has stopped the decode thread first. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            fresh.signalAll();
        } finally {
            lock.unlock();
        }
        pollLock.lock(); // a poll in progress finishes writing before the pictures go
        try {
            for (Picture p : new Picture[] {back, ready, front}) {
                if (p != null) {
                    p.close();
                }
            }
            arena.close();
        } finally {
            pollLock.unlock();
        }
    }
}
