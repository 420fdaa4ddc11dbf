package io.punktfunk.client.view;

/**
 * Count, total and worst time of one step of presenting (the copy on the decode thread, or the draw
 * on the event thread). Written by one thread, read by any.
 */
public final class PresentTiming {

    private volatile long count;
    private volatile long totalNs;
    private volatile long maxNs;

    void record(long ns) {
        // Single writer: plain read-modify-write of volatiles is safe and allocation-free.
        count++;
        totalNs += ns;
        if (ns > maxNs) {
            maxNs = ns;
        }
    }

    public long count() {
        return count;
    }

    /** Mean milliseconds per recorded step, 0 before the first. */
    public double meanMs() {
        long n = count;
        return n == 0 ? 0 : totalNs / 1e6 / n;
    }

    public double maxMs() {
        return maxNs / 1e6;
    }

    @Override
    public String toString() {
        return String.format("%d x mean %.3f ms max %.3f ms", count, meanMs(), maxMs());
    }
}
