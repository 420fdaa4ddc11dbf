package io.punktfunk.control.quic;

import io.punktfunk.control.message.AudioFrame;
import io.punktfunk.control.message.ControlMessage.ProbeResult;

/** What a client application hears from the host after the handshake. Called on the Netty event loop. */
public interface ClientControlSessionListener {
    /** An audio datagram. */
    default void onAudio(AudioFrame frame) {
    }

    /**
     * Set pad {@code pad}'s motors to these speeds (0..65535) now; all zero = stop. Already seq-gated (stale
     * datagrams never arrive here) and TTL-guarded: when the host stops refreshing a level, this is called
     * with zeros once its TTL has passed, and once more for every running pad when the session ends.
     */
    default void onRumble(int pad, int low, int high, int leftTrigger, int rightTrigger) {
    }

    /** The host's adaptive FEC moved to {@code percent}. */
    default void onFecChanged(int percent) {
    }

    /** The bitrate now in force after a SetBitrate ({@code reason} 0 granted, 1 clamped). */
    default void onBitrateChanged(int kbps, int reason) {
    }

    /** A speed-test burst finished on the host. */
    default void onProbeResult(ProbeResult result) {
    }

    /** The session ended: close message from the host, our own close, idle timeout or error. */
    default void onClosed(int code, String reason) {
    }
}
