package io.punktfunk.control.quic;

import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.ControlMessage.LossReport;
import io.punktfunk.control.message.ControlMessage.ProbeRequest;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.pairing.PairedClientStore.PairedClient;

/**
 * What the host application (data plane, encoder, input injection) hears from the control plane.
 * Called on the Netty event loop: return quickly, hand real work to your own threads.
 */
public interface HostControlSessionListener {
    /**
     * A Hello was accepted: bind this session's data socket on {@code local} now, so the Welcome can
     * announce the port that is really bound. Called on the event loop (a socket bind is quick).
     *
     * @return the bound port, or 0 to announce the policy's configured port instead
     * @throws RuntimeException if no socket can be bound (the Hello is refused with SETUP_FAILED)
     */
    default int reserveDataPort(java.net.InetAddress local) {
        return 0;
    }

    /** A reserved data port whose session never started (the connection ended before Start): release it. */
    default void releaseDataPort(int port) {
    }

    /** Handshake done; {@link HostControlSession#parameters()} is what the data plane needs. */
    default void onSessionStarted(HostControlSession session) {
    }

    /** The session is over (close message, idle timeout, protocol error, shutdown). */
    default void onSessionEnded(HostControlSession session, int code, String reason) {
    }

    /** The client's decoder needs a keyframe. */
    default void onKeyframeRequest(HostControlSession session) {
    }

    /** Frames {@code first..last} were lost at the client: re-reference before them or send an IDR. */
    default void onInvalidateRefs(HostControlSession session, int firstFrame, int lastFrame) {
    }

    /** A delivery report (adaptive bitrate and link estimate; docs/links.md). */
    default void onDeliveryReport(HostControlSession session, ControlMessage.DeliveryReport report) {
    }

    /** The client's receiver figures (FEC-rebuilt shards, latency) for the operator. */
    default void onReceiverStats(HostControlSession session, ControlMessage.ReceiverStats stats) {
    }

    /** A loss report arrived; adaptive FEC has already been applied. */
    default void onLossReport(HostControlSession session, LossReport report) {
    }

    /** Adaptive FEC moved the parity percentage. */
    default void onFecChanged(HostControlSession session, int percent) {
    }

    /** The client asked for a new bitrate; {@code kbps} is the clamped value now in force. */
    default void onBitrateChanged(HostControlSession session, int kbps) {
    }

    /** The client asked for a speed-test burst; answer with {@link HostControlSession#sendProbeResult}. */
    default void onProbeRequest(HostControlSession session, ProbeRequest request) {
    }

    /** An input event: {@code reliable} for stream-borne edges, false for datagram state. */
    default void onInput(HostControlSession session, InputEvent event, boolean reliable) {
    }

    /** A client finished the PIN ceremony and is now paired. */
    default void onClientPaired(PairedClient client) {
    }
}
