package io.punktfunk.host.gamestream.client.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of GameStream video for tests, written from gamestream.md §4 and §6: a plain
 * UDP socket that pings the host's video port (16-byte payload + BE32 sequence, every 500 ms),
 * receives datagrams, drops a seeded share of them on purpose (injected loss), decrypts
 * {@code SS_ENC_VIDEO} datagrams with the JCA, and hands the rest to {@link VideoFrameAssembler}.
 * Completed frames go to {@link #frames()}. Counters are read after {@link #close()}.
 */
public final class GameStreamVideoClient implements AutoCloseable {
    private static final long PING_INTERVAL_NS = 500_000_000L;

    private final DatagramSocket socket;
    private final InetSocketAddress host;
    private final byte[] pingPayload;
    private final SecretKeySpec key;
    private final double lossRate;
    private final SplittableRandom random;
    private final int packetSize;
    private final VideoFrameAssembler assembler;
    private final BlockingQueue<ReceivedVideoFrame> frames = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int pingSequence;
    long datagrams;
    long injectedDrops;
    long decryptFailures;

    /**
     * @param key      the launch's rikey when video is encrypted, else null
     * @param lossRate share of received datagrams dropped before anything looks at them
     */
    public GameStreamVideoClient(InetSocketAddress host, int packetSize, byte[] pingPayload, byte[] key,
                                 double lossRate, long seed) {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setReceiveBufferSize(8 << 20);
            socket.setSoTimeout(20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.host = host;
        this.packetSize = packetSize;
        this.pingPayload = pingPayload.clone();
        this.key = key == null ? null : new SecretKeySpec(key, "AES");
        this.lossRate = lossRate;
        this.random = new SplittableRandom(seed);
        this.assembler = new VideoFrameAssembler(packetSize);
        this.thread = Thread.ofPlatform().name("test-gs-video-client").daemon().start(this::run);
    }

    private void run() {
        byte[] buf = new byte[packetSize + 16 + 32 + 64];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        long nextPingNs = System.nanoTime();
        try {
            while (running) {
                long now = System.nanoTime();
                if (now - nextPingNs >= 0) {
                    sendPing();
                    nextPingNs = now + PING_INTERVAL_NS;
                }
                try {
                    packet.setLength(buf.length);
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                datagrams++;
                if (lossRate > 0 && random.nextDouble() < lossRate) {
                    injectedDrops++;
                    if (key == null) {
                        assembler.dropped(buf, packet.getLength());
                    }
                    continue;
                }
                byte[] plain = buf;
                int len = packet.getLength();
                if (key != null) {
                    plain = decrypt(buf, len);
                    if (plain == null) {
                        decryptFailures++;
                        continue;
                    }
                    len = plain.length;
                }
                ReceivedVideoFrame frame = assembler.offer(plain, len);
                if (frame != null) {
                    frames.add(frame);
                }
            }
        } catch (IOException e) {
            if (running) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void sendPing() throws IOException {
        ByteBuffer ping = ByteBuffer.allocate(20);
        ping.put(pingPayload).putInt(++pingSequence);
        socket.send(new DatagramPacket(ping.array(), 20, host));
    }

    /** §6.5: {iv[12], LE32 frame, tag[16]} then AES-128-GCM ciphertext of the whole shard. */
    private byte[] decrypt(byte[] d, int len) {
        if (len != packetSize + 16 + 32) {
            return null;
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, d, 0, 12));
            byte[] sealed = new byte[len - 32 + 16];
            System.arraycopy(d, 32, sealed, 0, len - 32);
            System.arraycopy(d, 16, sealed, len - 32, 16);
            return gcm.doFinal(sealed);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** Frames put back together, in order of completion. */
    public BlockingQueue<ReceivedVideoFrame> frames() {
        return frames;
    }

    /** The local address the client pings from. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    VideoFrameAssembler assembler() {
        return assembler;
    }

    /** Stops pinging and receiving; the counters are final afterwards. */
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
