package io.punktfunk.host.gamestream.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.core.transport.UdpTransportConfig;
import io.punktfunk.host.gamestream.client.enet.EnetTestClient;
import io.punktfunk.host.gamestream.client.enet.LossyUdpSocket;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The server's per-datagram path (receive, parse, deliver, acknowledge, send) allocates nothing per packet once warm:
 * the test thread drives {@link EnetServer#poll} itself and counts its own allocated bytes while the test
 * client sends reliable packets.
 */
class EnetAllocationTest {
    private static final int WARMUP = 8000;
    private static final int MEASURED = 4000;
    private static final int WINDOWS = 4;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Counts packets without allocating. */
    private static final class CountingListener implements EnetListener {
        int packets;
        long bytes;
        EnetPeer peer;

        @Override
        public boolean acceptConnect(InetSocketAddress from, int connectData) {
            return true;
        }

        @Override
        public void connected(EnetPeer p) {
            peer = p;
        }

        @Override
        public void received(EnetPeer p, int channel, byte[] data, int offset, int length) {
            packets++;
            bytes += length;
        }

        @Override
        public void disconnected(EnetPeer p, DisconnectReason reason, String detail) {
        }
    }

    @Test
    void receivingAcknowledgingAndDeliveringAllocatesNothingOnceWarm() throws Exception {
        CountingListener listener = new CountingListener();
        try (UdpTransport transport = UdpTransport.open(new UdpTransportConfig()
                .bindAddress(new InetSocketAddress("127.0.0.1", 0)).socketBufferBytes(4 << 20).gso(false).gro(false));
             EnetServer server = new EnetServer(transport, new EnetServerConfig(), listener, System::nanoTime)) {
            EnetTestClient client = EnetTestClient.connect(new LossyUdpSocket(1), transport.localAddress(), 7);
            try {
                long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (listener.peer == null || client.unacknowledged() > 0) {
                    server.poll(1_000_000);
                    assertTrue(System.nanoTime() < end, "handshake");
                }
                byte[] message = new byte[40];
                pump(server, listener, client, message, WARMUP, end);
                long least = Long.MAX_VALUE;
                StringBuilder windows = new StringBuilder();
                for (int w = 0; w < WINDOWS; w++) {
                    long bytes = pump(server, listener, client, message, MEASURED, end);
                    least = Math.min(least, bytes);
                    windows.append(bytes).append(' ');
                }
                assertEquals(WARMUP + WINDOWS * MEASURED, listener.packets);
                // An allocation per packet (≥ 16 bytes each) would show in every window as ≥ 64 KB. One-off
                // events — a late JIT transition, the transport's errno capture after an empty timed receive —
                // land in some windows only, so the quietest window is the one that counts.
                assertTrue(least < 1024, "bytes allocated per window of " + MEASURED + " packets: " + windows);
                assertTrue(server.counters().get(EnetCounter.DATAGRAMS_SENT) >= MEASURED, "acknowledgements went out");
            } finally {
                client.close();
            }
        }
    }

    /**
     * Has the client send {@code n} reliable packets from another thread (its sends allocate), at most 32
     * unacknowledged at a time, while this thread polls the server until all are delivered.
     *
     * @return bytes this thread allocated while polling
     */
    private static long pump(EnetServer server, CountingListener listener, EnetTestClient client, byte[] message, int n,
                            long end) throws InterruptedException {
        int target = listener.packets + n;
        Thread sender = Thread.ofPlatform().name("enet-alloc-sender").start(() -> {
            for (int i = 0; i < n && System.nanoTime() < end; i++) {
                while (client.unacknowledged() > 32 && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                client.sendReliable(0, message);
            }
        });
        long before = allocated();
        while (listener.packets < target) {
            server.poll(1_000_000);
            if (System.nanoTime() > end) {
                sender.join();
                throw new AssertionError("only " + listener.packets + " of " + target + " packets delivered");
            }
        }
        long bytes = allocated() - before;
        sender.join();
        return bytes;
    }
}
