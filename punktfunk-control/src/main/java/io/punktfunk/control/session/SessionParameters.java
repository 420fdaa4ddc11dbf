package io.punktfunk.control.session;

import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.Welcome;
import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.frame.FecConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Everything the data plane needs from one negotiated session, identical on host and client:
 * where to send, the FEC geometry, and the AEAD keys. Uses core's {@link FecConfig} and
 * {@link MediaKeys} so it plugs straight into the packetizer and sealer.
 *
 * @param hostDataPort   the host's data-plane UDP port (from Welcome)
 * @param clientDataPort the client's data-plane UDP port (from Start; 0 = learn it from the first packet)
 * @param fec            the FEC the session starts with; adaptive FEC moves the percentage later
 * @param mediaKeys      punktfunk/1 sends one 20-byte secret (Welcome's key and salt) inside TLS; each direction
 *                       derives its own key and salt from it ({@code MediaKeys.derive}, HKDF-SHA256)
 */
public record SessionParameters(Fingerprint clientFingerprint, InetAddress hostAddress, InetAddress clientAddress,
                                int hostDataPort, int clientDataPort, Mode mode, int codec, FecConfig fec,
                                int shardPayload, int bitrateKbps, MediaKeys mediaKeys) {

    /** Builds the parameters from the Welcome both ends saw and the client's Start port. */
    public static SessionParameters of(Welcome w, Fingerprint client, InetAddress hostAddress, InetAddress clientAddress,
                                       int clientDataPort) {
        // Netty's QUIC exposes no TLS exporter, so the per-direction keys come from the session secret
        // the Welcome carried inside TLS (docs/wire-format.md "Keys").
        byte[] secret = new byte[w.key().length + w.salt().length];
        System.arraycopy(w.key(), 0, secret, 0, w.key().length);
        System.arraycopy(w.salt(), 0, secret, w.key().length, w.salt().length);
        MediaKeys keys = MediaKeys.derive(secret);
        return new SessionParameters(client, hostAddress, clientAddress, w.dataPort(), clientDataPort, w.mode(), w.codec(),
                w.fec(), w.shardPayload(), w.bitrateKbps(), keys);
    }

    /** The host's data-plane endpoint, as the client sends to it. */
    public InetSocketAddress hostDataEndpoint() {
        return new InetSocketAddress(hostAddress, hostDataPort);
    }

    /** The client's data-plane endpoint as announced (port may be 0). */
    public InetSocketAddress clientDataEndpoint() {
        return new InetSocketAddress(clientAddress, clientDataPort);
    }
}
