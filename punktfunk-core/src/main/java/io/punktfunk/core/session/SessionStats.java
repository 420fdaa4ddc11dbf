package io.punktfunk.core.session;

import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.transport.TransportCounter;
import io.punktfunk.core.transport.TransportStats;

/**
 * One snapshot of a session's counters (punktfunk-reference.md §1.14 names), folding the packet
 * layer's {@link DataPlaneCounters} and the transport's {@link TransportStats} without double
 * counting: send-side packets and bytes come from the transport (only it knows what the kernel
 * took), receive-side accounting from the packet layer (every datagram offered is received, then
 * accepted, unneeded or dropped). Fields a role never touches stay 0.
 *
 * @param framesSubmitted        host: frames {@code submitFrame} accepted into the send queue
 * @param framesQueueDropped     host: frames refused because the send queue was full
 * @param framesSent             host: media frames packetized, sealed and handed to the transport
 * @param probeFramesSent        host: speed-test frames sent
 * @param framesCompleted        client: frames reassembled whole
 * @param framesDropped          client: frames abandoned incomplete (loss beyond FEC or the loss window)
 * @param framesDeliveryDropped  client: completed frames dropped because {@code pollFrame} fell behind
 * @param packetsSent            datagrams the transport handed to the kernel
 * @param packetsSendDropped     datagrams dropped locally (send buffer full or a transient send error)
 * @param bytesSent              wire bytes handed to the kernel
 * @param sealedBytes            host: wire bytes sealed (what the session attempted to send)
 * @param packetsReceived        client: datagrams offered to the receive path, good or bad
 * @param packetsAccepted        client: authentic datagrams stored or used
 * @param packetsUnneeded        client: datagrams of already complete blocks (normal with FEC)
 * @param packetsDropped         client: datagrams rejected (malformed, forged, replayed, stale, over budget, truncated)
 * @param bytesReceived          client: wire bytes offered to the receive path
 * @param mediaBytesReceived     client: bytes of delivered frames
 * @param fecRecoveredShards     client: originals restored by FEC
 * @param fecLateShards          client: originals that arrived after FEC restored them
 * @param probePacketsReceived   client: speed-test datagrams accepted
 * @param probeBytesReceived     client: their wire bytes
 * @param sendSyscalls           sendmmsg/sendto calls
 * @param recvSyscalls           recvmmsg/recv calls, empty ones included
 * @param pollSyscalls           ppoll calls made while idle
 * @param keyUpdates             host: epochs the sealer moved to; client: epochs the opener followed
 * @param dropKeyEpoch           client: datagrams of an epoch whose key is gone (old key after its overlap)
 * @param dropForeignSender      datagrams from an address other than the peer's, dropped before any crypto
 */
public record SessionStats(long framesSubmitted, long framesQueueDropped, long framesSent, long probeFramesSent,
                           long framesCompleted, long framesDropped, long framesDeliveryDropped,
                           long packetsSent, long packetsSendDropped, long bytesSent, long sealedBytes,
                           long packetsReceived, long packetsAccepted, long packetsUnneeded, long packetsDropped,
                           long bytesReceived, long mediaBytesReceived, long fecRecoveredShards, long fecLateShards,
                           long probePacketsReceived, long probeBytesReceived,
                           long sendSyscalls, long recvSyscalls, long pollSyscalls,
                           long keyUpdates, long dropKeyEpoch, long dropForeignSender) {

    /** Builds a snapshot; {@code session} holds the session-level counts the two lower layers do not have. */
    static SessionStats of(DataPlaneCounters dp, TransportStats tx, SessionCounters session) {
        // The transport drops datagrams too long for its buffers before the packet layer sees them.
        long truncated = tx.get(TransportCounter.PACKETS_TRUNCATED);
        return new SessionStats(
                session.framesSubmitted(),
                session.framesQueueDropped(),
                dp.get(DataPlaneCounter.FRAMES_SUBMITTED),
                session.probeFramesSent(),
                dp.get(DataPlaneCounter.FRAMES_COMPLETED),
                dp.get(DataPlaneCounter.FRAMES_DROPPED),
                session.framesDeliveryDropped(),
                tx.get(TransportCounter.PACKETS_SENT),
                tx.get(TransportCounter.PACKETS_SEND_DROPPED) + tx.get(TransportCounter.PACKETS_SEND_TRANSIENT_DROPPED),
                tx.get(TransportCounter.BYTES_SENT),
                session.sealedBytes(),
                dp.get(DataPlaneCounter.PACKETS_RECEIVED) + truncated,
                dp.get(DataPlaneCounter.PACKETS_ACCEPTED),
                dp.get(DataPlaneCounter.PACKETS_UNNEEDED),
                dp.get(DataPlaneCounter.PACKETS_DROPPED) + truncated,
                dp.get(DataPlaneCounter.BYTES_RECEIVED),
                dp.get(DataPlaneCounter.MEDIA_BYTES_RECEIVED),
                dp.get(DataPlaneCounter.FEC_RECOVERED_SHARDS),
                dp.get(DataPlaneCounter.FEC_LATE_SHARDS),
                dp.get(DataPlaneCounter.PROBE_PACKETS_RECEIVED),
                dp.get(DataPlaneCounter.PROBE_BYTES_RECEIVED),
                tx.get(TransportCounter.SEND_SYSCALLS),
                tx.get(TransportCounter.RECV_SYSCALLS),
                tx.get(TransportCounter.POLL_SYSCALLS),
                dp.get(DataPlaneCounter.KEY_UPDATES),
                dp.get(DataPlaneCounter.DROP_KEY_EPOCH),
                dp.get(DataPlaneCounter.DROP_FOREIGN_SENDER));
    }

    /** Frames lost on the client, whatever the cause (the signal for a keyframe request). */
    public long framesLost() {
        return framesDropped + framesDeliveryDropped;
    }
}
