package io.punktfunk.core.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Linux UDP through FFM: {@code sendmmsg} with UDP GSO for runs of equal-size datagrams to one
 * peer, {@code recvmmsg} straight into the caller's {@link DatagramBatch}, optional UDP GRO with
 * the coalesced datagrams split again by the {@code UDP_GRO} control message's segment size.
 *
 * <p>Three parts that share nothing but the socket: {@link MmsgSocket} (setup, options, close),
 * {@link GsoSendPath} (the sender thread's) and {@link GroReceivePath} (the receiver thread's), each
 * with its native structures allocated once, so a sender and a receiver thread run at once.
 */
final class MmsgUdpTransport implements UdpTransport {
    /** Kernel limit on segments per GSO super-datagram ({@code UDP_MAX_SEGMENTS}). */
    static final int GSO_MAX_SEGMENTS = 64;
    /** Largest UDP payload over IPv4 (65535 − 20 − 8), hence safe for IPv6 too. */
    static final int GSO_MAX_BYTES = 65507;
    /** A GRO super-datagram is at most 64 KiB. */
    static final int GRO_BUFFER_BYTES = 65536;

    private final MmsgSocket socket;
    private final GsoSendPath send;
    private final GroReceivePath receive;
    private volatile boolean closed;

    MmsgUdpTransport(UdpTransportConfig config) throws IOException {
        this.socket = new MmsgSocket(config);
        try {
            this.send = new GsoSendPath(socket);
            this.receive = new GroReceivePath(socket, config);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public int sendBatch(DatagramBatch batch, int from, int to) {
        return send.sendBatch(batch, from, to);
    }

    @Override
    public int recvBatch(DatagramBatch batch) {
        return receive.recvBatch(batch);
    }

    @Override
    public int recvBatch(DatagramBatch batch, long timeoutNs) {
        return receive.recvBatch(batch, timeoutNs);
    }

    @Override
    public boolean awaitReadable(long timeoutNs) {
        return receive.awaitReadable(timeoutNs);
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress;
    }

    @Override
    public TransportStats stats() {
        return socket.stats;
    }

    @Override
    public String backendName() {
        return "sendmmsg/recvmmsg (FFM" + (send.gsoActive() ? ", GSO" : "") + (socket.groActive ? ", GRO" : "") + ")";
    }

    @Override
    public int sendBufferBytes() {
        return socket.sendBufferBytes;
    }

    @Override
    public int receiveBufferBytes() {
        return socket.receiveBufferBytes;
    }

    @Override
    public boolean gsoActive() {
        return send.gsoActive();
    }

    @Override
    public boolean groActive() {
        return socket.groActive;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        socket.close();
    }
}
