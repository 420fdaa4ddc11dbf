package io.punktfunk.core.session;

import io.punktfunk.core.crypto.Direction;
import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.crypto.PacketOpener;
import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.PeerAddress;
import io.punktfunk.core.transport.Transport;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The host's side of addressing: reads what arrives on its (unconnected) data socket, learns the
 * client's address from the first hello that authenticates under the client-to-host key, and from
 * then on drops every datagram from another address before any crypto, counting it
 * ({@code drop_foreign_sender}). Until then, unauthentic hellos are dropped by the opener
 * ({@code drop_aead}) and teach nothing. Runs on the host's send thread; allocates nothing per
 * datagram.
 */
final class PeerGate implements AutoCloseable {
    private static final int BATCH = 32;

    private final DataPlaneCounters counters;
    private final PacketOpener opener;
    private final DatagramBatch batch = new DatagramBatch(BATCH, io.punktfunk.core.frame.ReassemblerLimits.MAX_DATAGRAM_BYTES);
    private final byte[] scratch = new byte[HelloDatagram.BYTES];
    private final MemorySegment scratchView = MemorySegment.ofArray(scratch);
    private final PeerAddress learned = PeerAddress.empty();
    private final CountDownLatch known = new CountDownLatch(1);
    private volatile PeerAddress peer;

    /**
     * A gate that learns the peer ({@code learn}) or knows it already: {@code fixed}, or null for a
     * transport that has only one peer (connected socket, loopback).
     */
    PeerGate(MediaKeys keys, DataPlaneCounters counters, PeerAddress fixed, boolean learn) {
        this.counters = counters;
        this.opener = new PacketOpener(keys, Direction.CLIENT_TO_HOST, counters);
        if (!learn) {
            peer = fixed;
            known.countDown();
        }
    }

    /** The client's address: null while still learning it, or when the transport has only one peer. */
    PeerAddress peer() {
        return peer;
    }

    /** Waits up to {@code timeoutNs} for the client's address; null if it did not come (or there is none to learn). */
    InetSocketAddress await(long timeoutNs) throws InterruptedException {
        PeerAddress p = known.await(timeoutNs, TimeUnit.NANOSECONDS) ? peer : null;
        return p == null ? null : p.toSocketAddress();
    }

    /**
     * Reads what waits on the socket, first waiting up to {@code waitNs} for a datagram, at most
     * {@code maxBatches} batches. Returns datagrams read.
     */
    int poll(Transport transport, long waitNs, int maxBatches, long nowNs, Logger log, String name) {
        int total = 0;
        for (int b = 0; b < maxBatches; b++) {
            int n = transport.recvBatch(batch, b == 0 ? waitNs : 0);
            for (int i = 0; i < n; i++) {
                onDatagram(i, nowNs, log, name);
            }
            total += n;
            if (!batch.isFull()) {
                break;
            }
        }
        return total;
    }

    private void onDatagram(int i, long nowNs, Logger log, String name) {
        int len = batch.length(i);
        counters.increment(DataPlaneCounter.PACKETS_RECEIVED);
        counters.add(DataPlaneCounter.BYTES_RECEIVED, len);
        PeerAddress p = peer;
        if (p != null && !batch.peerIs(i, p)) {
            counters.drop(DataPlaneCounter.DROP_FOREIGN_SENDER);
            return;
        }
        if (len != HelloDatagram.BYTES) {
            counters.drop(DataPlaneCounter.DROP_MALFORMED);
            return;
        }
        MemorySegment.copy(batch.slab(), batch.offset(i), scratchView, 0, len);
        if (!HelloDatagram.looksLike(scratchView, len)) {
            counters.drop(DataPlaneCounter.DROP_MALFORMED);
            return;
        }
        if (!opener.open(scratch, 0, len, nowNs)) {
            return; // counted by the opener (replay, key epoch, aead)
        }
        counters.increment(DataPlaneCounter.PACKETS_ACCEPTED);
        if (p == null) {
            batch.peer(i, learned);
            peer = learned;
            known.countDown();
            log.info("{}: client data address {} (from its first authentic hello)", name, learned);
        }
    }

    @Override
    public void close() {
        batch.close();
    }
}
