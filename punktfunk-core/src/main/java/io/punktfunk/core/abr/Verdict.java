package io.punktfunk.core.abr;

/** What the controller made of one delivery report. */
public enum Verdict {
    /** Nothing lost, no queue building: may probe upward once the hold time has passed. */
    CLEAN,
    /** The one-way delay rose over its minimum: a queue is building at the bottleneck. */
    QUEUEING,
    /** Frames were lost: the link dropped what we sent. */
    LOSS,
    /** The bring-up ramp (or a probe) proved the link: start below it. */
    RAMP,
    /** No report content yet (first report, empty window). */
    UNKNOWN
}
