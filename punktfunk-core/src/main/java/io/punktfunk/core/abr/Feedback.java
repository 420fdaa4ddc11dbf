package io.punktfunk.core.abr;

/**
 * One client delivery report as the controller sees it.
 *
 * @param intervalNs   the report window
 * @param wireBytes    datagram bytes that arrived in it (video, parity, probes)
 * @param framesLost   frames that never completed in it
 * @param queueDelayNs rise of the one-way delay over its recent minimum (relative: no clock sync)
 */
public record Feedback(long intervalNs, long wireBytes, long framesLost, long queueDelayNs) {

    /** Delivered wire rate in bit/s (0 for an empty window). */
    public long deliveredBps() {
        return intervalNs <= 0 ? 0 : (long) (wireBytes * 8e9 / intervalNs);
    }
}
