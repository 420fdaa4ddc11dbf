package io.punktfunk.control.quic;

import java.time.Duration;

/**
 * Transport knobs shared by host and client.
 *
 * @param idleTimeout       QUIC max idle timeout: a peer silent this long is gone (reference §2.1: 8 s)
 * @param keepaliveInterval how often an otherwise quiet client sends a Keepalive (min(idle/2, 4 s))
 * @param maxFrameBytes     largest control frame accepted; bigger ones close the session
 * @param eventLoopThreads  Netty I/O threads (1 is plenty for the control plane of a few clients)
 * @param handshakeTimeout  a connection must start a session (Start received) within this, pairing included
 */
public record QuicSettings(Duration idleTimeout, Duration keepaliveInterval, int maxFrameBytes, int eventLoopThreads,
                           Duration handshakeTimeout) {
    /** ALPN of the punktfunk/1 control protocol. */
    public static final String ALPN = "pkf1";
    /** Default UDP port of the control plane. */
    public static final int DEFAULT_PORT = 9777;
    /** Default frame bound: the largest typed message is ~330 bytes, so 4 KiB leaves room and little to abuse. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 4096;

    public QuicSettings {
        if (idleTimeout.toMillis() < 100 || keepaliveInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("idle timeout must be ≥ 100 ms and longer than the keepalive interval");
        }
        if (maxFrameBytes < 512 || maxFrameBytes > 65535) {
            throw new IllegalArgumentException("max frame bytes must be 512..65535");
        }
    }

    /** Idle 8 s, keepalive 4 s, 4 KiB frames, one I/O thread. */
    public static QuicSettings defaults() {
        return withIdleTimeout(Duration.ofSeconds(8));
    }

    /** Defaults with another idle timeout; keepalive becomes min(idle/2, 4 s). */
    public static QuicSettings withIdleTimeout(Duration idle) {
        Duration half = idle.dividedBy(2);
        return new QuicSettings(idle, half.compareTo(Duration.ofSeconds(4)) < 0 ? half : Duration.ofSeconds(4),
                DEFAULT_MAX_FRAME_BYTES, 1, Duration.ofSeconds(15));
    }

    /** The same settings with another handshake deadline. */
    public QuicSettings withHandshakeTimeout(Duration d) {
        return new QuicSettings(idleTimeout, keepaliveInterval, maxFrameBytes, eventLoopThreads, d);
    }
}
