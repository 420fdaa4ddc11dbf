package io.punktfunk.host.gamestream.client.enet;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test client's UDP socket with an impaired link in front of it: each datagram, in either direction, is
 * dropped with a seeded probability, and incoming traffic can be cut off entirely (a client that vanished).
 */
public final class LossyUdpSocket implements AutoCloseable {
    private final DatagramSocket socket;
    private final SplittableRandom random;
    private volatile double sendLoss;
    private volatile double receiveLoss;
    private volatile boolean deaf;
    private final AtomicLong droppedOut = new AtomicLong();
    private final AtomicLong droppedIn = new AtomicLong();
    private final DatagramPacket in = new DatagramPacket(new byte[65536], 65536);

    public LossyUdpSocket(long seed) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.socket.setSoTimeout(5);
        this.random = new SplittableRandom(seed);
    }

    /** Drop probabilities for datagrams sent and received from now on. */
    public LossyUdpSocket loss(double send, double receive) {
        this.sendLoss = send;
        this.receiveLoss = receive;
        return this;
    }

    /** While set, every incoming datagram is dropped. */
    public void deaf(boolean on) {
        this.deaf = on;
    }

    private synchronized boolean drop(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    public void send(byte[] data, int length, InetSocketAddress to) throws IOException {
        if (drop(sendLoss)) {
            droppedOut.incrementAndGet();
            return;
        }
        socket.send(new DatagramPacket(data, length, to));
    }

    /** The next datagram that survives the link, or null after the socket's short timeout. */
    public byte[] receive() throws IOException {
        try {
            socket.receive(in);
        } catch (SocketTimeoutException e) {
            return null;
        }
        if (deaf || drop(receiveLoss)) {
            droppedIn.incrementAndGet();
            return null;
        }
        return java.util.Arrays.copyOf(in.getData(), in.getLength());
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public long droppedOut() {
        return droppedOut.get();
    }

    public long droppedIn() {
        return droppedIn.get();
    }

    @Override
    public void close() {
        socket.close();
    }
}
