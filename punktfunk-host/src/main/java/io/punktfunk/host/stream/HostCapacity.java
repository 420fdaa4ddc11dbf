package io.punktfunk.host.stream;

import io.punktfunk.control.handshake.Mode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Admission by pixel rate: what a host can capture, encode and send in real time is, for one codec
 * and preset, close to proportional to the pixels per second its sessions ask for (width × height ×
 * refresh). Each running session holds its mode's pixel rate; a session whose rate would take the sum
 * over the budget is refused ({@code BUSY}, "host at capacity: …") instead of admitted into a host
 * that then drops frames in every session. A lone session is always admitted: refusing it frees
 * nothing for anyone. The budget defaults to {@link #PER_CORE_PIXELS_PER_SECOND} per core
 * (docs/fleet.md has the measurement behind it) and is a host setting ({@code stream.capacity-mpx}).
 * Thread-safe: sessions start on the control event loop and end on a lifecycle thread.
 */
public final class HostCapacity {
    /**
     * Pixels per second one core serves with x264 ultrafast/zerolatency H.264 at 20 Mbit/s, synthetic
     * source, data plane included: two cores carried four 1280×720@60 sessions (221 Mpx/s) at 60 fps
     * with no frame lost, so 125 Mpx/s per core admits those four and refuses a fifth (docs/fleet.md).
     */
    public static final long PER_CORE_PIXELS_PER_SECOND = 125_000_000L;

    private long budget; // guarded by this; pixels per second, Long.MAX_VALUE = no limit
    private final Map<Long, Long> held = new HashMap<>(); // guarded by this: session id → pixels per second

    private HostCapacity(long budget) {
        this.budget = budget;
    }

    /** {@link #PER_CORE_PIXELS_PER_SECOND} for each of {@code cores}. */
    public static HostCapacity forCores(int cores) {
        return new HostCapacity(defaultBudget(cores));
    }

    /** The default budget for this machine: {@link #PER_CORE_PIXELS_PER_SECOND} per available core. */
    public static long defaultBudget(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be ≥ 1, not " + cores);
        }
        return cores * PER_CORE_PIXELS_PER_SECOND;
    }

    /** A fixed budget in pixels per second ({@link Long#MAX_VALUE}: no limit). */
    public static HostCapacity ofPixelsPerSecond(long budget) {
        return new HostCapacity(check(budget));
    }

    /** Changes the budget for sessions that start from now on; running sessions keep their place. */
    public synchronized void budget(long pixelsPerSecond) {
        budget = check(pixelsPerSecond);
    }

    public synchronized long budget() {
        return budget;
    }

    /** A mode's pixel rate. */
    public static long pixelsPerSecond(Mode mode) {
        return (long) mode.width() * mode.height() * mode.refreshHz();
    }

    /**
     * Takes {@code mode}'s pixel rate for session {@code id}, or refuses it.
     *
     * @return null when admitted, else the reason (for a BUSY close)
     */
    public synchronized String admit(long id, Mode mode) {
        long need = pixelsPerSecond(mode);
        long used = used();
        if (!held.isEmpty() && need > budget - used) {
            return String.format(Locale.ROOT, "host at capacity: %d session%s use %s of %s Mpx/s; %s needs %s more",
                    held.size(), held.size() == 1 ? "" : "s", mpx(used), mpx(budget), mode, mpx(need));
        }
        held.put(id, need);
        return null;
    }

    /** Gives session {@code id}'s pixel rate back (no-op for a session never admitted). */
    public synchronized void release(long id) {
        held.remove(id);
    }

    /** Pixels per second held by admitted sessions. */
    public synchronized long used() {
        long sum = 0;
        for (long v : held.values()) {
            sum += v;
        }
        return sum;
    }

    /** Sessions admitted and not yet released. */
    public synchronized int sessions() {
        return held.size();
    }

    private static String mpx(long pixelsPerSecond) {
        return pixelsPerSecond == Long.MAX_VALUE ? "unlimited"
                : String.format(Locale.ROOT, "%.1f", pixelsPerSecond / 1e6);
    }

    private static long check(long budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("capacity must be > 0 pixels per second, not " + budget);
        }
        return budget;
    }
}
