package io.punktfunk.core.transport;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One transport's counters. Updated once per batch (never per packet) by the I/O threads and read
 * by anyone; reads are racy snapshots, which is all a stats endpoint needs.
 */
public final class TransportStats {

    private final AtomicLongArray values = new AtomicLongArray(TransportCounter.values().length);

    /** Current value of one counter. */
    public long get(TransportCounter counter) {
        return values.get(counter.id());
    }

    void add(TransportCounter counter, long delta) {
        if (delta != 0) {
            values.getAndAdd(counter.id(), delta);
        }
    }

    void increment(TransportCounter counter) {
        values.getAndIncrement(counter.id());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (TransportCounter c : TransportCounter.values()) {
            long v = get(c);
            if (v != 0) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(c.label()).append('=').append(v);
            }
        }
        return sb.append('}').toString();
    }
}
