package io.punktfunk.core.session;

/**
 * Told when the client gave up on frames, so it can ask the host for a keyframe or an RFI range.
 * Called on the session's receive thread: keep it short and non-blocking (e.g. set a flag).
 */
@FunctionalInterface
public interface FrameLossListener {

    /**
     * @param newlyLost   frames lost since the last call (abandoned by the reassembler, or dropped
     *                    because the caller did not poll fast enough)
     * @param totalLost   frames lost since the session started
     * @param lastGoodIndex frame index of the last frame delivered before the loss was noticed (-1 = none yet)
     */
    void onFramesLost(long newlyLost, long totalLost, long lastGoodIndex);
}
