package io.punktfunk.host.gamestream.client.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The client side of GameStream audio for tests (gamestream.md §4, §7): pings the host's audio
 * port every 500 ms from a plain UDP socket and keeps every datagram it receives, except those
 * {@code drop} (payload type, RTP sequence) says to lose. {@link AudioDepacketizer} turns the kept
 * datagrams into Opus packets afterwards.
 */
public final class GameStreamAudioClient implements AutoCloseable {
    private static final long PING_INTERVAL_NS = 500_000_000L;

    private final DatagramSocket socket;
    private final InetSocketAddress host;
    private final byte[] pingPayload;
    private final BiPredicate<Integer, Integer> drop;
    private final List<byte[]> kept = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int pingSequence;
    private volatile int received;
    long dropped;

    public GameStreamAudioClient(InetSocketAddress host, byte[] pingPayload, BiPredicate<Integer, Integer> drop) {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.host = host;
        this.pingPayload = pingPayload.clone();
        this.drop = drop;
        this.thread = Thread.ofPlatform().name("test-gs-audio-client").daemon().start(this::run);
    }

    private void run() {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        long nextPingNs = System.nanoTime();
        try {
            while (running) {
                long now = System.nanoTime();
                if (now - nextPingNs >= 0) {
                    ByteBuffer ping = ByteBuffer.allocate(20).put(pingPayload).putInt(++pingSequence);
                    socket.send(new DatagramPacket(ping.array(), 20, host));
                    nextPingNs = now + PING_INTERVAL_NS;
                }
                try {
                    packet.setLength(buf.length);
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                received++;
                int len = packet.getLength();
                if (len >= 4 && drop.test(buf[1] & 0x7F, ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF))) {
                    dropped++;
                    continue;
                }
                kept.add(Arrays.copyOf(buf, len));
            }
        } catch (IOException e) {
            if (running) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Datagrams received so far (kept or dropped). */
    public int received() {
        return received;
    }

    /** The datagrams kept; read after {@link #close()}. */
    public List<byte[]> kept() {
        return kept;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
