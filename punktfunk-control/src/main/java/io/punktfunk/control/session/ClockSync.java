package io.punktfunk.control.session;

/**
 * NTP-style clock offset from ClockProbe/ClockEcho rounds (reference §1.16): for one round
 * {@code offset = ((t2 − t1) + (t3 − t4)) / 2}, {@code rtt = (t4 − t1) − (t3 − t2)}; the estimate is the
 * round with the smallest RTT, whose offset error is bounded by rtt/2. Not thread-safe.
 */
public final class ClockSync {
    /** One estimate: host clock minus client clock, and the round trip it was measured with. */
    public record Estimate(long offsetNs, long rttNs, int rounds) {
    }

    private long bestRttNs = Long.MAX_VALUE;
    private long bestOffsetNs;
    private int rounds;

    /** Adds a round; {@code t4} is the client's receive time. Returns that round's RTT. */
    public long add(long t1, long t2, long t3, long t4) {
        long rtt = (t4 - t1) - (t3 - t2);
        long offset = ((t2 - t1) + (t3 - t4)) / 2;
        rounds++;
        if (rtt >= 0 && rtt < bestRttNs) {
            bestRttNs = rtt;
            bestOffsetNs = offset;
        }
        return rtt;
    }

    /** The min-RTT estimate so far, or null before a valid round. */
    public Estimate estimate() {
        return bestRttNs == Long.MAX_VALUE ? null : new Estimate(bestOffsetNs, bestRttNs, rounds);
    }
}
