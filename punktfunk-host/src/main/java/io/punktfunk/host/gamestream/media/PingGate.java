package io.punktfunk.host.gamestream.media;

import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.PeerAddress;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Learns a GameStream client's media address from its pings on the video or audio port
 * (gamestream.md §4.3). A client with {@code ML_FF_SESSION_ID_V1} sends {@code SS_PING}: the
 * 16 ASCII bytes of the launch's ping payload, then a big-endian 32-bit sequence (20 bytes) every
 * 500 ms; an older client sends the 4 bytes {@code "PING"}, accepted only from the address RTSP
 * came from. Every accepted ping (re)sets the peer, so a client whose port changes is followed.
 * Anything else is dropped and counted. Used by one thread; allocates nothing for {@code SS_PING}s.
 */
public final class PingGate {
    /** Length of {@code SS_PING}: payload plus sequence. */
    public static final int SS_PING_BYTES = 20;
    /** Length of the ping payload the launch hands out (16 ASCII hex characters). */
    public static final int PAYLOAD_BYTES = 16;
    private static final byte[] LEGACY_PING = "PING".getBytes(StandardCharsets.US_ASCII);

    private final MemorySegment payload;
    private final MemorySegment legacy;
    private final InetAddress legacyFrom;
    private final PeerAddress peer = PeerAddress.empty();
    private long pings;
    private long rejected;
    private long lastPingNs;

    /**
     * @param payload    the 16-byte ping payload of this launch, or null to accept only legacy pings
     * @param legacyFrom the client's IP for legacy {@code "PING"}s, or null to refuse them
     */
    public PingGate(byte[] payload, InetAddress legacyFrom) {
        if (payload == null && legacyFrom == null) {
            throw new IllegalArgumentException("a ping gate needs a ping payload or a legacy client address");
        }
        if (payload != null && payload.length != PAYLOAD_BYTES) {
            throw new IllegalArgumentException("ping payload must be " + PAYLOAD_BYTES + " bytes: " + payload.length);
        }
        Arena arena = Arena.ofAuto();
        this.payload = payload == null ? null : arena.allocate(PAYLOAD_BYTES).copyFrom(MemorySegment.ofArray(payload));
        this.legacy = arena.allocate(LEGACY_PING.length).copyFrom(MemorySegment.ofArray(LEGACY_PING));
        this.legacyFrom = legacyFrom;
    }

    /**
     * Checks datagram {@code i} of {@code batch}: a valid ping sets the peer and returns true;
     * anything else is counted in {@link #rejected()}.
     */
    public boolean offer(DatagramBatch batch, int i, long nowNs) {
        MemorySegment slab = batch.slab();
        long off = batch.offset(i);
        int len = batch.length(i);
        boolean ok;
        if (payload != null && len == SS_PING_BYTES) {
            ok = MemorySegment.mismatch(slab, off, off + PAYLOAD_BYTES, payload, 0, PAYLOAD_BYTES) == -1;
        } else if (legacyFrom != null && len == LEGACY_PING.length
                && MemorySegment.mismatch(slab, off, off + len, legacy, 0, len) == -1) {
            InetSocketAddress from = batch.peerSocketAddress(i); // legacy only: allocation per ping is fine
            ok = from != null && legacyFrom.equals(from.getAddress());
        } else {
            ok = false;
        }
        if (!ok) {
            rejected++;
            return false;
        }
        batch.peer(i, peer);
        pings++;
        lastPingNs = nowNs;
        return true;
    }

    /** Where media goes: the source of the last accepted ping (unset before the first). */
    public PeerAddress peer() {
        return peer;
    }

    /** Whether a ping has been accepted. */
    public boolean hasPeer() {
        return peer.isSet();
    }

    /** Pings accepted. */
    public long pings() {
        return pings;
    }

    /** Datagrams that were not a valid ping (wrong length, payload or sender), dropped. */
    public long rejected() {
        return rejected;
    }

    /** {@code nowNs} of the last accepted ping (0 before the first). */
    public long lastPingNs() {
        return lastPingNs;
    }
}
