package io.punktfunk.control.quic;

import io.punktfunk.control.message.AudioFrame;
import io.punktfunk.control.message.ControlMessage.ProbeResult;

/** What a client application hears from the host after the handshake. Called on the Netty event loop. */
public interface ClientControlSessionListener {
    /** An audio datagram. */
    default void onAudio(AudioFrame frame) {
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
