package io.punktfunk.control.session;

import io.punktfunk.control.handshake.FecParameters;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.Welcome;
import io.punktfunk.control.identity.Fingerprint;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Everything the data plane needs from one negotiated session, identical on host and client:
 * where to send, the FEC geometry, and the AEAD key + salt per direction.
 *
 * @param hostDataPort   the host's data-plane UDP port (from Welcome)
 * @param clientDataPort the client's data-plane UDP port (from Start; 0 = learn it from the first packet)
 */
public record SessionParameters(Fingerprint clientFingerprint, InetAddress hostAddress, InetAddress clientAddress,
                                int hostDataPort, int clientDataPort, Mode mode, int codec, FecParameters fec,
                                int shardPayload, int bitrateKbps, MediaKey hostToClient, MediaKey clientToHost) {

    /** Builds the parameters from the Welcome both ends saw and the client's Start port. */
    public static SessionParameters of(Welcome w, Fingerprint client, InetAddress hostAddress, InetAddress clientAddress,
                                       int clientDataPort) {
        MediaKey[] keys = MediaKey.directions(w.key(), w.salt());
        return new SessionParameters(client, hostAddress, clientAddress, w.dataPort(), clientDataPort, w.mode(), w.codec(),
                w.fec(), w.shardPayload(), w.bitrateKbps(), keys[0], keys[1]);
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
