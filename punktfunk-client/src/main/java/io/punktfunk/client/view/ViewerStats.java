package io.punktfunk.client.view;

/**
 * The figures the stats overlay shows, measured by the session over the last second. A plain value:
 * the session builds a new one each second and hands it to {@link VideoPresenter#stats}.
 *
 * @param fps             pictures decoded per second
 * @param mbps            video payload received, megabits per second
 * @param latencyP50Ms    glass-to-glass latency (capture on the host to presentation here), median, ms
 * @param latencyP99Ms    the same, 99th percentile, ms
 * @param lossPercent     data packets lost on the wire (before FEC), percent of those sent
 * @param fecRecovered    packets rebuilt from FEC parity
 * @param framesDropped   frames the session could not show (unrecoverable loss, decoder errors)
 */
public record ViewerStats(double fps, double mbps, double latencyP50Ms, double latencyP99Ms, double lossPercent,
                          long fecRecovered, long framesDropped) {

    /** Shown before the session's first report. */
    public static final ViewerStats NONE = new ViewerStats(0, 0, 0, 0, 0, 0, 0);
}
