package io.punktfunk.core.abr;

/** What the controller made of one delivery report. */
public enum Verdict {
    /** Nothing lost, no queue building: may probe upward once the hold time has passed. */
    CLEAN,
    /** The one-way delay rose over its minimum: a queue is building at the bottleneck. */
    QUEUEING,
    /** Frames were lost: the link dropped what we sent. */
    LOSS,
    /**
     * Creeping past a floor (no wall proven), the link delivered clearly less than was sent, before
     * any loss: that is the wall; the estimate settles on it and never climbs past it again.
     */
    WALL,
    /** The bring-up ramp (or a probe) proved the link: start below it. */
    RAMP,
    /** No report content yet (first report, empty window). */
    UNKNOWN
}
