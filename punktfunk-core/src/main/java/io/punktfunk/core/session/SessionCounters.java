package io.punktfunk.core.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The few counts only the session knows (queue drops, frames and bytes it sent); written by one
 * thread each, read by anyone with opaque reads, like {@code DataPlaneCounters}.
 */
final class SessionCounters {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int QUEUE_DROPPED = 0;
    private static final int SUBMITTED = 1;
    private static final int PROBE_SENT = 2;
    private static final int DELIVERY_DROPPED = 3;
    private static final int SEALED_BYTES = 4;

    private final long[] values = new long[5];

    void add(int slot, long delta) {
        SLOT.getAndAdd(values, slot, delta);
    }

    private long get(int slot) {
        return (long) SLOT.getOpaque(values, slot);
    }

    void frameQueueDropped() {
        add(QUEUE_DROPPED, 1);
    }

    void frameSubmitted() {
        add(SUBMITTED, 1);
    }

    void frameSealed(boolean probe, long sealedBytes) {
        if (probe) {
            add(PROBE_SENT, 1);
        }
        add(SEALED_BYTES, sealedBytes);
    }

    void frameDeliveryDropped() {
        add(DELIVERY_DROPPED, 1);
    }

    long framesQueueDropped() {
        return get(QUEUE_DROPPED);
    }

    long framesSubmitted() {
        return get(SUBMITTED);
    }

    long probeFramesSent() {
        return get(PROBE_SENT);
    }

    long framesDeliveryDropped() {
        return get(DELIVERY_DROPPED);
    }

    long sealedBytes() {
        return get(SEALED_BYTES);
    }
}
