package io.punktfunk.client.stream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Glass-to-glass latency in µs: the decode thread records wait-free ({@link Recorder}), a reporter
 * takes the last interval once a second, and every interval also folds into the whole-run total.
 */
final class LatencyMeter {
    /** Up to 10 s, 3 significant digits. */
    private static final long MAX_MICROS = 10_000_000L;

    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private Histogram interval;

    /** Decode thread. */
    void record(long latencyNs) {
        recorder.recordValue(Math.clamp(latencyNs / 1000, 0, MAX_MICROS));
    }

    /** What was recorded since the last call (also added to the total). */
    synchronized Histogram interval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval.copy();
    }

    /** Everything recorded so far. */
    synchronized Histogram total() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }

    /** Percentile of {@code h} in ms (0 when empty). */
    static double percentileMs(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
