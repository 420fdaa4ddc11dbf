package io.punktfunk.core.session;

/** Who runs a session's data-plane agent (Aeron's threading modes, cut to the two we need). */
public enum ThreadingMode {
    /** The session starts its own platform thread that loops {@code doWork()} with a parking idle strategy. */
    DEDICATED,
    /** No thread: the caller drives the session by calling {@code doWork()} (tests, single-thread tools). */
    INVOKER
}
