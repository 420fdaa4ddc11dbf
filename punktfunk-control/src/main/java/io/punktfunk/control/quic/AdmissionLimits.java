package io.punktfunk.control.quic;

import java.time.Duration;

/**
 * How many QUIC connections the host holds and for how long before they prove themselves. A
 * connection is <em>handshaking</em> from its first packet until its Hello is accepted (or its PIN
 * ceremony succeeds); only then may it stay for the idle timeout. Sources are IPv4 addresses or
 * IPv6 /64s.
 *
 * @param maxHandshaking           handshaking connections host-wide
 * @param maxHandshakingPerSource  handshaking connections from one source
 * @param maxConnections           connections host-wide, sessions included
 * @param maxConnectionsPerSource  connections from one source, sessions included
 * @param helloTimeout             the first message (Hello or PairRequest) must arrive this soon after the first packet
 * @param retryAboveHandshaking    send QUIC Retry (address validation) while more than this many are handshaking;
 *                                 0 = always, {@code Integer.MAX_VALUE} = never
 */
public record AdmissionLimits(int maxHandshaking, int maxHandshakingPerSource, int maxConnections, int maxConnectionsPerSource,
                              Duration helloTimeout, int retryAboveHandshaking) {
    public AdmissionLimits {
        if (maxHandshaking < 1 || maxHandshakingPerSource < 1 || maxConnections < 1 || maxConnectionsPerSource < 1) {
            throw new IllegalArgumentException("connection caps must be ≥ 1");
        }
        if (helloTimeout.isNegative() || helloTimeout.isZero()) {
            throw new IllegalArgumentException("hello timeout must be positive");
        }
    }

    /**
     * 64 handshaking (8 per source), 256 connections (32 per source), Hello within 5 s, Retry above 16
     * handshaking. A LAN host serves a handful of clients: these leave wide room for them while a flood
     * costs at most 64 TLS states plus 256 idle QUIC connections (tens of KB each).
     */
    public static AdmissionLimits defaults() {
        return new AdmissionLimits(64, 8, 256, 32, Duration.ofSeconds(5), 16);
    }

    public AdmissionLimits withHelloTimeout(Duration d) {
        return new AdmissionLimits(maxHandshaking, maxHandshakingPerSource, maxConnections, maxConnectionsPerSource, d,
                retryAboveHandshaking);
    }

    public AdmissionLimits withRetryAboveHandshaking(int n) {
        return new AdmissionLimits(maxHandshaking, maxHandshakingPerSource, maxConnections, maxConnectionsPerSource,
                helloTimeout, n);
    }

    public AdmissionLimits withCaps(int handshaking, int handshakingPerSource, int connections, int connectionsPerSource) {
        return new AdmissionLimits(handshaking, handshakingPerSource, connections, connectionsPerSource, helloTimeout,
                retryAboveHandshaking);
    }
}
