package io.punktfunk.core.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One set of {@link DataPlaneCounter}s, e.g. per session. Bumps are atomic adds on a plain
 * {@code long[]} through a VarHandle (no boxing, no allocation), so the send thread, the receive
 * thread and a stats reader may share one set; reads are opaque, i.e. eventually current.
 */
public final class DataPlaneCounters {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final DataPlaneCounter[] ALL = DataPlaneCounter.values();

    private final long[] values = new long[ALL.length];

    /** Adds one. */
    public void increment(DataPlaneCounter counter) {
        SLOTS.getAndAdd(values, counter.ordinal(), 1L);
    }

    /** Adds {@code delta} (may be zero). */
    public void add(DataPlaneCounter counter, long delta) {
        SLOTS.getAndAdd(values, counter.ordinal(), delta);
    }

    /** Counts one dropped received datagram under its reason (a {@code DROP_*} counter). */
    public void drop(DataPlaneCounter reason) {
        SLOTS.getAndAdd(values, DataPlaneCounter.PACKETS_DROPPED.ordinal(), 1L);
        SLOTS.getAndAdd(values, reason.ordinal(), 1L);
    }

    /** Current value. */
    public long get(DataPlaneCounter counter) {
        return (long) SLOTS.getOpaque(values, counter.ordinal());
    }

    /** Copies every value into {@code into}, indexed by ordinal; {@code into} needs one slot per counter. */
    public void snapshot(long[] into) {
        for (int i = 0; i < values.length; i++) {
            into[i] = (long) SLOTS.getOpaque(values, i);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (DataPlaneCounter c : ALL) {
            long v = get(c);
            if (v != 0) {
                sb.append(sb.length() > 1 ? ", " : "").append(c.label()).append('=').append(v);
            }
        }
        return sb.append('}').toString();
    }
}
