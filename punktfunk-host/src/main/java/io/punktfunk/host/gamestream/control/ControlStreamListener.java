package io.punktfunk.host.gamestream.control;

import java.net.InetSocketAddress;

/**
 * What the control stream tells the rest of the GameStream session. Called on the control stream's I/O
 * thread; implementations must not block. Every method has a do-nothing default.
 */
public interface ControlStreamListener {
    /** The client's ENet connection with the expected connect data is up. */
    default void connected(InetSocketAddress client) {
    }

    /**
     * The client asked for a keyframe (0x0302, also sent once at connect) or invalidated reference frames
     * (0x0301, answered with a keyframe because the host does not advertise reference-frame invalidation).
     */
    default void keyframeRequested() {
    }

    /** The client needed FEC to rebuild a frame (0x5502). */
    default void fecStatus(FrameFecStatus status) {
    }

    /** The client's connection is gone (it disconnected, timed out, broke the protocol, or the host ended it). */
    default void disconnected(String reason) {
    }
}
