package io.punktfunk.control.input;

import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.message.Rumble;

/**
 * Client side of the rumble datagram: applies the per-pad seq gate and the TTL. A level holds until a newer
 * datagram changes it or its TTL runs out without a refresh; then {@link #expire} silences the pad (the host
 * may have died or the stop datagram may be lost: a motor must never run on by itself).
 *
 * <p>Confined to one thread; times come from the caller ({@code System.nanoTime()} in production, a
 * hand-stepped clock in tests). Deadlines compare as {@code deadline - now <= 0} so they survive wrap.
 */
public final class RumbleGate {
    /** Where applied levels go: the pad's motors now (all zero = stop). */
    @FunctionalInterface
    public interface Motors {
        void set(int pad, int low, int high, int leftTrigger, int rightTrigger);
    }

    private static final int NONE = -1;
    private final Motors motors;
    private final int[] lastSeq = new int[InputEvent.MAX_PADS];
    private final long[] deadlineNs = new long[InputEvent.MAX_PADS];
    private int activeMask;
    private long applied;
    private long stale;
    private long expired;

    public RumbleGate(Motors motors) {
        this.motors = motors;
        java.util.Arrays.fill(lastSeq, NONE);
    }

    /** Applies {@code r} unless it is stale; returns whether it was applied. */
    public boolean offer(Rumble r, long nowNs) {
        int pad = r.pad();
        if (r.seq() != Rumble.NO_SEQ) {
            if (lastSeq[pad] != NONE && !Seq8.newer(r.seq(), lastSeq[pad])) {
                stale++;
                return false;
            }
            lastSeq[pad] = r.seq();
        }
        applied++;
        if (r.silent()) {
            activeMask &= ~(1 << pad);
        } else {
            activeMask |= 1 << pad;
            deadlineNs[pad] = nowNs + r.effectiveTtlMs() * 1_000_000L;
        }
        motors.set(pad, r.low(), r.high(), r.leftTrigger(), r.rightTrigger());
        return true;
    }

    /**
     * Silences every running pad whose TTL has passed at {@code nowNs}; returns how many. Such a pad's seq gate
     * is reset too: the host stopped refreshing, so whatever it sends next starts a new run (a wrapped seq after
     * a long gap would otherwise look stale).
     */
    public int expire(long nowNs) {
        int n = 0;
        for (int mask = activeMask; mask != 0; mask &= mask - 1) {
            int pad = Integer.numberOfTrailingZeros(mask);
            if (deadlineNs[pad] - nowNs <= 0) {
                activeMask &= ~(1 << pad);
                lastSeq[pad] = NONE;
                expired++;
                n++;
                motors.set(pad, 0, 0, 0, 0);
            }
        }
        return n;
    }

    /** Silences every running pad now (session over). */
    public void stopAll() {
        for (int mask = activeMask; mask != 0; mask &= mask - 1) {
            motors.set(Integer.numberOfTrailingZeros(mask), 0, 0, 0, 0);
        }
        activeMask = 0;
    }

    /** True while some pad runs, i.e. {@link #nextDeadlineNs()} is meaningful. */
    public boolean anyRunning() {
        return activeMask != 0;
    }

    /** Earliest TTL deadline of the running pads. */
    public long nextDeadlineNs() {
        long best = 0;
        boolean first = true;
        for (int mask = activeMask; mask != 0; mask &= mask - 1) {
            long d = deadlineNs[Integer.numberOfTrailingZeros(mask)];
            if (first || d - best < 0) {
                best = d;
                first = false;
            }
        }
        return best;
    }

    public boolean running(int pad) {
        return (activeMask & (1 << pad)) != 0;
    }

    public long applied() {
        return applied;
    }

    public long staleDropped() {
        return stale;
    }

    public long expiredCount() {
        return expired;
    }
}
