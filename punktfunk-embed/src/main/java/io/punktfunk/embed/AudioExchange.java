package io.punktfunk.embed;

import io.punktfunk.control.message.AudioFrame;
import io.punktfunk.media.audio.AudioPlayer;
import io.punktfunk.media.audio.PcmFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands audio to the app: decoded PCM (as the client's {@link AudioPlayer}, fed one 10 ms frame per
 * 10 ms by its jitter buffer) or the host's Opus packets as they arrive. Queued for
 * {@code poll} (50 frames = 500 ms, oldest dropped first) or passed to a callback.
 */
final class AudioExchange implements AudioPlayer {
    static final int QUEUE_FRAMES = 50;
    /** Bigger than any 10 ms Opus packet and than a PCM frame (1920 bytes). */
    private static final int MAX_BYTES = 4096;

    private record Pending(byte[] data, int seq, long ptsNs) {
    }

    private final int format;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ReentrantLock callbackLock = new ReentrantLock();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment front = arena.allocate(MAX_BYTES, 16);
    private final MemorySegment callbackData = arena.allocate(MAX_BYTES, 16);
    private final MemorySegment callbackStruct = arena.allocate(AbiLayouts.AUDIO);
    private volatile NativeCallback callback;
    private volatile boolean closed;
    private int pcmSeq;
    private volatile long received;
    private volatile long delivered;
    private volatile long dropped;

    AudioExchange(int format) {
        this.format = format;
    }

    void callback(NativeCallback cb) {
        callbackLock.lock();
        try {
            callback = cb;
        } finally {
            callbackLock.unlock();
        }
    }

    /** PCM mode: the client's audio thread, one frame per 10 ms. */
    @Override
    public void play(short[] frame) {
        byte[] bytes = new byte[frame.length * 2];
        MemorySegment.copy(frame, 0, MemorySegment.ofArray(bytes), ValueLayout.JAVA_SHORT_UNALIGNED, 0, frame.length);
        offer(new Pending(bytes, pcmSeq++, System.nanoTime()));
    }

    /** Opus mode: the control event loop, one datagram. */
    void onOpus(AudioFrame f) {
        if (f.opus().length <= MAX_BYTES) {
            offer(new Pending(f.opus(), f.seq(), f.ptsNs()));
        }
    }

    private void offer(Pending p) {
        received++;
        if (callback != null) {
            callbackLock.lock();
            try {
                NativeCallback cb = callback;
                if (cb != null && !closed) {
                    MemorySegment.copy(MemorySegment.ofArray(p.data), 0, callbackData, 0, p.data.length);
                    write(p, callbackData, callbackStruct);
                    cb.call(callbackStruct);
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
            if (queue.size() == QUEUE_FRAMES) {
                queue.pollFirst();
                dropped++;
            }
            queue.addLast(p);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Oldest queued frame into the PunktfunkAudio at {@code address}; its data stays valid until the next poll. */
    int poll(long address, int timeoutMs, java.util.function.BooleanSupplier stillRunning)
            throws EmbedException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(timeoutMs, 0));
        lock.lock();
        try {
            while (closed || queue.isEmpty()) {
                if (closed || !stillRunning.getAsBoolean()) { // closed first: the buffers may be freed
                    throw new EmbedException(EmbedStatus.CLOSED, "the stream has ended");
                }
                long left = timeoutMs < 0 ? TimeUnit.MILLISECONDS.toNanos(50) : deadline - System.nanoTime();
                if (left <= 0) {
                    return EmbedStatus.TIMEOUT;
                }
                arrived.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            Pending p = queue.pollFirst();
            MemorySegment.copy(MemorySegment.ofArray(p.data), 0, front, 0, p.data.length);
            write(p, front, AbiLayouts.at(address, AbiLayouts.AUDIO));
            delivered++;
            return EmbedStatus.OK;
        } finally {
            lock.unlock();
        }
    }

    private void write(Pending p, MemorySegment data, MemorySegment s) {
        var l = AbiLayouts.AUDIO;
        AbiLayouts.putInt(s, l, "format", format);
        AbiLayouts.putInt(s, l, "sample_rate", PcmFormat.SAMPLE_RATE);
        AbiLayouts.putInt(s, l, "channels", PcmFormat.CHANNELS);
        AbiLayouts.putInt(s, l, "samples", PcmFormat.FRAME_SAMPLES);
        AbiLayouts.putAddress(s, l, "data", data);
        AbiLayouts.putInt(s, l, "bytes", p.data.length);
        AbiLayouts.putInt(s, l, "seq", p.seq);
        AbiLayouts.putLong(s, l, "pts_ns", p.ptsNs);
    }

    long received() {
        return received;
    }

    long delivered() {
        return delivered;
    }

    @Override
    public boolean hasDevice() {
        return true; // the app is the device
    }

    /** PCM mode: the client's audio thread closes its player when the stream ends; the data stays until {@link #free}. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Frees the buffers (disconnect/destroy; no poll or callback runs any more). */
    void free() {
        close();
        callbackLock.lock();
        lock.lock();
        try {
            if (arena.scope().isAlive()) {
                arena.close();
            }
        } finally {
            lock.unlock();
            callbackLock.unlock();
        }
    }
}
