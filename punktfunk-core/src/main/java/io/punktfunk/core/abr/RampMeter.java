package io.punktfunk.core.abr;

/**
 * The client's side of the bring-up ramp (punktfunk-reference.md §1.15): the host sends probe
 * traffic in 25 ms steps doubling from 5 Mbit/s; this meter samples the probe bytes that arrived
 * (cumulative counter, sampled every ~1 ms) and reports the link: the highest rate delivered over
 * any {@link #WINDOW_NS} window. Once a step offers more than the bottleneck drains, the arrival
 * rate stops doubling and saturates at the bottleneck's rate (the wall), so the peak is the link.
 * Allocation-free after construction; one thread.
 */
public final class RampMeter {
    /** Two ramp steps: short enough to see the wall step, long enough to smooth receive batching. */
    public static final long WINDOW_NS = 50_000_000L;
    /** The ramp is over when no probe byte arrived for this long after the first one. */
    public static final long QUIET_NS = 60_000_000L;

    private final long[] t;
    private final long[] bytes;
    private int n;
    private long firstNs = -1;
    private long lastChangeNs;
    private long lastBytes = -1;

    /** @param capacity samples kept (e.g. 2 000: 2 s at 1 ms) */
    public RampMeter(int capacity) {
        t = new long[capacity];
        bytes = new long[capacity];
    }

    /** One sample of the cumulative probe byte counter. */
    public void sample(long nowNs, long probeBytes) {
        if (lastBytes < 0) {
            lastBytes = probeBytes; // baseline: bytes before the ramp do not count
            return;
        }
        if (probeBytes == lastBytes) {
            return; // only changes matter; an idle tail would stretch nothing
        }
        if (firstNs < 0) {
            firstNs = nowNs;
            add(nowNs - 1, lastBytes); // the window starts just before the first arrival
        }
        lastBytes = probeBytes;
        lastChangeNs = nowNs;
        add(nowNs, probeBytes);
    }

    private void add(long ns, long b) {
        if (n < t.length) {
            t[n] = ns;
            bytes[n] = b;
            n++;
        }
    }

    /** Whether probe bytes arrived and then stopped for {@link #QUIET_NS}. */
    public boolean done(long nowNs) {
        return firstNs >= 0 && nowNs - lastChangeNs >= QUIET_NS;
    }

    /** Whether any probe byte arrived. */
    public boolean started() {
        return firstNs >= 0;
    }

    /** The peak delivered rate over any {@link #WINDOW_NS} window, bit/s (0 = nothing measured). */
    public long linkBps() {
        double best = 0;
        int j = 0;
        for (int i = 0; i < n; i++) {
            while (j < n && t[j] - t[i] < WINDOW_NS) {
                j++;
            }
            if (j == n) {
                // the last window is shorter: count it over its own span if it covers half a window
                long span = t[n - 1] - t[i];
                if (span >= WINDOW_NS / 2) {
                    best = Math.max(best, (bytes[n - 1] - bytes[i]) * 8e9 / span);
                }
                break;
            }
            best = Math.max(best, (bytes[j] - bytes[i]) * 8e9 / (t[j] - t[i]));
        }
        return (long) best;
    }
}
