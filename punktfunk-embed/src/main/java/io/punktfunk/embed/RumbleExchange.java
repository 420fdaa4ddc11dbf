package io.punktfunk.embed;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rumble levels for the app: the control event loop calls {@link #onRumble} with applied levels only
 * (after the client's seq gate and TTL, docs/control-plane.md §6.2); they go to the callback or a
 * small queue (oldest dropped first: levels are state, the newest wins).
 */
final class RumbleExchange {
    static final int QUEUE = 64;

    private record Level(int pad, int low, int high, int lt, int rt) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Level> queue = new ArrayDeque<>();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment callbackStruct = arena.allocate(AbiLayouts.RUMBLE);
    private volatile NativeCallback callback;
    private boolean closed;

    void callback(NativeCallback cb) {
        lock.lock();
        try {
            callback = cb;
        } finally {
            lock.unlock();
        }
    }

    void onRumble(int pad, int low, int high, int lt, int rt) {
        Level l = new Level(pad, low, high, lt, rt);
        lock.lock();
        try {
            if (closed) {
                return;
            }
            NativeCallback cb = callback;
            if (cb != null) {
                write(l, callbackStruct);
                cb.call(callbackStruct);
                return;
            }
            if (queue.size() == QUEUE) {
                queue.pollFirst();
            }
            queue.addLast(l);
        } finally {
            lock.unlock();
        }
    }

    int poll(long address) {
        lock.lock();
        try {
            Level l = queue.pollFirst();
            if (l == null) {
                return EmbedStatus.TIMEOUT;
            }
            write(l, AbiLayouts.at(address, AbiLayouts.RUMBLE));
            return EmbedStatus.OK;
        } finally {
            lock.unlock();
        }
    }

    private static void write(Level l, MemorySegment s) {
        var r = AbiLayouts.RUMBLE;
        AbiLayouts.putShort(s, r, "pad", l.pad);
        AbiLayouts.putShort(s, r, "low", l.low);
        AbiLayouts.putShort(s, r, "high", l.high);
        AbiLayouts.putShort(s, r, "left_trigger", l.lt);
        AbiLayouts.putShort(s, r, "right_trigger", l.rt);
        AbiLayouts.putShort(s, r, "reserved", 0);
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            arena.close();
        } finally {
            lock.unlock();
        }
    }
}
