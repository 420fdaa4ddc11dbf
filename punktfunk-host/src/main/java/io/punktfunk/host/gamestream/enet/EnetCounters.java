package io.punktfunk.host.gamestream.enet;

import java.util.concurrent.atomic.AtomicLongArray;

/** Live {@link EnetCounter} values of one server; written by its I/O thread, read by anyone. */
public final class EnetCounters {
    private final AtomicLongArray values = new AtomicLongArray(EnetCounter.values().length);

    void increment(EnetCounter c) {
        values.getAndIncrement(c.ordinal());
    }

    void add(EnetCounter c, long n) {
        values.getAndAdd(c.ordinal(), n);
    }

    /** Current value of {@code c}. */
    public long get(EnetCounter c) {
        return values.get(c.ordinal());
    }

    /** Every non-zero counter on one line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (EnetCounter c : EnetCounter.values()) {
            long v = get(c);
            if (v != 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(c.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(v);
            }
        }
        return sb.isEmpty() ? "nothing counted" : sb.toString();
    }
}
