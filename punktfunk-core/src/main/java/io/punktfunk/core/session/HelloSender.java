package io.punktfunk.core.session;

import io.punktfunk.core.crypto.Direction;
import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.crypto.PacketSealer;
import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.MemorySegment;

/**
 * Sends the client's hellos on its connected data socket: every {@link #SEEKING_NS} until the host's
 * first authentic packet arrived (the host streams only once it knows where to), then every
 * {@link #KEEPALIVE_NS} so a NAT keeps the binding. A lost or refused hello is a counted send drop
 * of the transport, never an exception. Runs on the receive thread; allocates nothing per hello.
 */
final class HelloSender implements AutoCloseable {
    /** While the host has not answered: a lost hello costs at most this much start-up time. */
    static final long SEEKING_NS = 100_000_000L;
    /** Once streaming: well inside the shortest common NAT UDP timeout (30 s). */
    static final long KEEPALIVE_NS = 1_000_000_000L;

    private final PacketSealer sealer;
    private final int fecScheme;
    private final byte[] packet = new byte[HelloDatagram.BYTES];
    private final MemorySegment view = MemorySegment.ofArray(packet);
    private final MediaHeaderFlyweight header = new MediaHeaderFlyweight().wrap(view, 0);
    private final DatagramBatch batch = new DatagramBatch(1, HelloDatagram.BYTES);
    private long nextNs;
    private boolean started;
    private int sent;

    HelloSender(MediaKeys keys, int fecScheme) {
        this.sealer = new PacketSealer(keys, Direction.CLIENT_TO_HOST);
        this.fecScheme = fecScheme;
    }

    /** Sends a hello if one is due; {@code answered} = the host's packets already arrive. */
    void maybeSend(Transport transport, long nowNs, boolean answered) {
        if (started && nowNs - nextNs < 0) {
            return;
        }
        started = true;
        java.util.Arrays.fill(packet, (byte) 0);
        HelloDatagram.write(header, sent++, fecScheme);
        sealer.seal(packet, 0, 0);
        batch.clear();
        batch.add(view, 0, HelloDatagram.BYTES, null);
        transport.sendBatch(batch);
        nextNs = nowNs + (answered ? KEEPALIVE_NS : SEEKING_NS);
    }

    /** Hellos sent so far. */
    int sent() {
        return sent;
    }

    @Override
    public void close() {
        batch.close();
    }
}
