package io.punktfunk.host.gamestream.enet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.punktfunk.host.gamestream.client.enet.EnetTestClient;
import io.punktfunk.host.gamestream.client.enet.LossyUdpSocket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ENet server against the independent test client over real loopback UDP: handshake, reliable delivery
 * through a lossy link, fragments both ways, ping, disconnect both ways, timeouts, and hostile datagrams.
 */
class EnetServerTest {
    /** The connect data the reference's validation run used (X-SS-Connect-Data). */
    static final int DATA = 305419896;
    static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EnetServer server;
    private RecordingEnetListener listener;

    private EnetServer start(EnetServerConfig config) {
        listener = new RecordingEnetListener(DATA);
        server = EnetServer.open(config.bindAddress(new InetSocketAddress("127.0.0.1", 0)), listener);
        return server;
    }

    private EnetServer start() {
        return start(new EnetServerConfig());
    }

    private EnetTestClient client(long seed, double sendLoss, double receiveLoss, int data) throws IOException {
        LossyUdpSocket socket = new LossyUdpSocket(seed).loss(sendLoss, receiveLoss);
        EnetTestClient c = EnetTestClient.connect(socket, server.localAddress(), data);
        closeables.add(c);
        return c;
    }

    private EnetTestClient connected(long seed) throws Exception {
        EnetTestClient c = client(seed, 0, 0, DATA);
        assertTrue(c.awaitConnected(WAIT), "handshake");
        return c;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached: " + what);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void handshakeAnswersConnectWithVerifyConnectEchoingTheClientsValues() throws Exception {
        start();
        EnetTestClient c = connected(1);
        EnetPeer peer = listener.awaitConnected();
        assertNotNull(peer);
        assertEquals(DATA, peer.connectData());
        assertEquals(48, peer.channelCount());
        assertEquals(c.serverPeerId(), peer.id());

        ByteBuffer v = ByteBuffer.wrap(c.verifyCommand());
        assertEquals(0x83, v.get(0) & 0xFF, "VERIFY_CONNECT with acknowledge flag");
        assertEquals(0xFF, v.get(1) & 0xFF, "peer channel");
        assertEquals(1, v.getShort(2), "first reliable command of the peer channel");
        assertEquals(peer.id(), v.getShort(4));
        assertEquals(EnetTestClient.DEFAULT_MTU, v.getInt(8));
        assertEquals(32768, v.getInt(12), "the client's window, within ENet's bounds");
        assertEquals(48, v.getInt(16));
        assertEquals(0, v.getInt(20));
        assertEquals(0, v.getInt(24));
        assertEquals(5000, v.getInt(28), "throttle interval echoed");
        assertEquals(2, v.getInt(32));
        assertEquals(2, v.getInt(36));
        assertEquals(0x1234_5678, v.getInt(40), "connect id echoed");
        assertEquals(1, server.counters().get(EnetCounter.CONNECTS_ACCEPTED));
    }

    /** The CONNECT exactly as the reference observed it from moonlight-common-c (52 bytes, 0x8FFF, mtu 900, 48 channels). */
    @Test
    void theObservedMoonlightConnectDatagramIsAnsweredWithVerifyConnect() throws Exception {
        start();
        ByteBuffer d = ByteBuffer.allocate(52);
        d.putShort((short) 0x8FFF).putShort((short) 1234);
        d.put((byte) 0x82).put((byte) 0xFF).putShort((short) 1);
        d.putShort((short) 0).put((byte) 0xFF).put((byte) 0xFF);
        d.putInt(900).putInt(65536).putInt(0x30).putInt(0).putInt(0).putInt(5000).putInt(2).putInt(2)
                .putInt(0xCAFE).putInt(DATA);
        assertEquals(52, d.position());
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(10_000);
            s.send(new DatagramPacket(d.array(), 52, server.localAddress()));
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            ByteBuffer r;
            do {
                s.receive(p);
                r = ByteBuffer.wrap(p.getData(), 0, p.getLength());
            } while (!containsCommand(r, 3));
            assertEquals(0, r.getShort(0) & 0x0FFF, "addressed to the client's peer id 0");
            assertTrue((r.getShort(0) & 0x8000) != 0, "sentTime present, as a datagram with reliable commands needs");
        }
    }

    private static boolean containsCommand(ByteBuffer r, int type) {
        int off = (r.getShort(0) & 0x8000) != 0 ? 4 : 2;
        while (off + 4 <= r.limit()) {
            int t = r.get(off) & 0x0F;
            if (t == type) {
                return true;
            }
            off += switch (t) {
                case 1 -> 8;
                case 3 -> 44;
                case 5 -> 4;
                default -> r.limit();
            };
        }
        return false;
    }

    @Test
    void aConnectWithUnexpectedDataIsRefusedWithDisconnect() throws Exception {
        start();
        EnetTestClient c = client(2, 0, 0, DATA + 1);
        assertTrue(c.awaitDisconnected(WAIT), "refused client hears DISCONNECT");
        // on a loaded box the client may resend its CONNECT before the DISCONNECT reaches it: each is refused
        assertTrue(server.counters().get(EnetCounter.CONNECTS_REFUSED) >= 1, "the connect was refused");
        assertTrue(listener.connected.isEmpty());
        assertTrue(server.peers().isEmpty());
    }

    @Test
    void reliablePacketsArriveCompleteAndInOrderPerChannelOverALossyLink() throws Exception {
        start();
        EnetTestClient c = client(7, 0.2, 0.2, DATA);
        assertTrue(c.awaitConnected(WAIT));
        EnetPeer peer = listener.awaitConnected();
        int n = 300;
        for (int i = 0; i < n; i++) {
            c.sendReliable(i % 4, ("up " + i).getBytes(StandardCharsets.US_ASCII));
        }
        Map<Integer, Integer> nextPerChannel = new HashMap<>();
        for (int i = 0; i < n; i++) {
            RecordingEnetListener.Packet p = listener.awaitPacket();
            assertNotNull(p, "packet " + i + " of " + n + " (client pending: " + c.pending() + ")");
            int expected = nextPerChannel.getOrDefault(p.channel(), p.channel());
            assertEquals("up " + expected, new String(p.data(), StandardCharsets.US_ASCII), "order on channel " + p.channel());
            nextPerChannel.put(p.channel(), expected + 4);
        }
        for (int i = 0; i < n; i++) {
            byte[] m = ("down " + i).getBytes(StandardCharsets.US_ASCII);
            assertTrue(peer.send(i % 3, Delivery.RELIABLE, m, 0, m.length));
        }
        nextPerChannel.clear();
        for (int i = 0; i < n; i++) {
            EnetTestClient.Packet p = c.poll(WAIT);
            assertNotNull(p, "packet " + i + " to the client");
            int expected = nextPerChannel.getOrDefault(p.channel(), p.channel());
            assertEquals("down " + expected, new String(p.data(), StandardCharsets.US_ASCII));
            nextPerChannel.put(p.channel(), expected + 3);
        }
        assertTrue(server.counters().get(EnetCounter.RETRANSMISSIONS) > 0, "the host had to retransmit");
        assertTrue(server.counters().get(EnetCounter.DUPLICATES_DROPPED) > 0, "lost acks made the client resend");
        assertNull(c.failure());
        assertTrue(listener.received.isEmpty(), "nothing delivered twice");
    }

    @Test
    void fragmentedPacketsAreReassembledBothWaysOverALossyLink() throws Exception {
        start();
        EnetTestClient c = client(11, 0.1, 0.1, DATA);
        assertTrue(c.awaitConnected(WAIT));
        EnetPeer peer = listener.awaitConnected();
        byte[] up = new byte[10_000];
        new SplittableRandom(1).nextBytes(up);
        c.sendReliable(5, up);
        c.sendReliable(5, "after".getBytes(StandardCharsets.US_ASCII));
        RecordingEnetListener.Packet p = listener.awaitPacket();
        assertNotNull(p);
        assertEquals(5, p.channel());
        assertArrayEquals(up, p.data());
        assertEquals("after", new String(listener.awaitPacket().data(), StandardCharsets.US_ASCII));

        byte[] down = new byte[20_000];
        new SplittableRandom(2).nextBytes(down);
        assertTrue(peer.send(1, Delivery.RELIABLE, down, 0, down.length));
        EnetTestClient.Packet q = c.poll(WAIT);
        assertNotNull(q);
        assertEquals(1, q.channel());
        assertArrayEquals(down, q.data());
        assertNull(c.failure());
    }

    @Test
    void pingsAreAcknowledgedAndAnIdlePeerIsPinged() throws Exception {
        start(new EnetServerConfig().pingIntervalMs(100));
        EnetTestClient c = connected(3);
        listener.awaitConnected();
        await(() -> c.unacknowledged() == 0, "handshake commands acknowledged");
        c.ping();
        await(() -> c.unacknowledged() == 0, "ping acknowledged");
        await(() -> c.pingsReceived() > 0, "the host pings an idle peer");
        assertTrue(server.peers().size() == 1 && server.peers().getFirst().state() == EnetPeer.State.CONNECTED);
    }

    @Test
    void aClientDisconnectIsAcknowledgedAndReported() throws Exception {
        start();
        EnetTestClient c = connected(4);
        EnetPeer peer = listener.awaitConnected();
        c.disconnect();
        assertTrue(c.awaitDisconnected(WAIT), "DISCONNECT acknowledged");
        RecordingEnetListener.Gone gone = listener.awaitGone(WAIT);
        assertNotNull(gone);
        assertEquals(peer, gone.peer());
        assertEquals(DisconnectReason.CLIENT_DISCONNECTED, gone.reason());
        assertTrue(server.peers().isEmpty());
        byte[] m = {1};
        assertTrue(!peer.send(0, Delivery.RELIABLE, m, 0, 1), "a gone peer takes nothing");
    }

    @Test
    void aHostDisconnectReachesTheClientAfterQueuedPackets() throws Exception {
        start();
        EnetTestClient c = connected(5);
        EnetPeer peer = listener.awaitConnected();
        byte[] last = "last words".getBytes(StandardCharsets.US_ASCII);
        peer.send(0, Delivery.RELIABLE, last, 0, last.length);
        server.disconnect(peer, 42);
        assertTrue(c.awaitDisconnected(WAIT));
        assertEquals(42, c.disconnectData());
        EnetTestClient.Packet p = c.poll(WAIT);
        assertNotNull(p, "the packet queued before the disconnect arrived");
        assertArrayEquals(last, p.data());
        RecordingEnetListener.Gone gone = listener.awaitGone(WAIT);
        assertNotNull(gone);
        assertEquals(DisconnectReason.HOST_DISCONNECTED, gone.reason());
    }

    @Test
    void aPeerThatStopsAcknowledgingTimesOut() throws Exception {
        start(new EnetServerConfig().initialRtoMs(50).minRtoMs(20).maxRtoMs(200).peerTimeoutMs(1000));
        LossyUdpSocket socket = new LossyUdpSocket(6);
        EnetTestClient c = EnetTestClient.connect(socket, server.localAddress(), DATA);
        closeables.add(c);
        assertTrue(c.awaitConnected(WAIT));
        EnetPeer peer = listener.awaitConnected();
        socket.deaf(true);
        byte[] m = {1, 2, 3};
        peer.send(0, Delivery.RELIABLE, m, 0, m.length);
        RecordingEnetListener.Gone gone = listener.awaitGone(WAIT);
        assertNotNull(gone);
        assertEquals(DisconnectReason.TIMED_OUT, gone.reason());
        assertEquals(1, server.counters().get(EnetCounter.PEERS_TIMED_OUT));
        assertTrue(server.counters().get(EnetCounter.RETRANSMISSIONS) > 0);
    }

    @Test
    void unsequencedDuplicatesAreDroppedAndUnreliablePacketsDelivered() throws Exception {
        start();
        EnetTestClient c = connected(8);
        EnetPeer peer = listener.awaitConnected();
        c.sendUnsequenced(0, new byte[] {7}, 1);
        c.sendUnsequenced(0, new byte[] {8}, 1);
        c.sendUnsequenced(0, new byte[] {9}, 2);
        c.sendUnreliable(3, new byte[] {10});
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add((int) listener.awaitPacket().data()[0]);
        }
        assertEquals(List.of(7, 9, 10), got);
        assertEquals(1, server.counters().get(EnetCounter.UNRELIABLE_DROPPED));

        byte[] m = {11};
        peer.send(2, Delivery.UNSEQUENCED, m, 0, 1);
        m[0] = 12;
        peer.send(2, Delivery.UNRELIABLE, m, 0, 1);
        assertEquals(11, c.poll(WAIT).data()[0]);
        assertEquals(12, c.poll(WAIT).data()[0]);
    }

    @Test
    void hostileDatagramsAreCountedAndDroppedWhileOtherPeersKeepWorking() throws Exception {
        start();
        EnetTestClient a = connected(9);
        EnetPeer peerA = listener.awaitConnected();
        EnetTestClient b = connected(10);
        EnetPeer peerB = listener.awaitConnected();
        await(() -> a.unacknowledged() == 0 && b.unacknowledged() == 0, "handshakes acknowledged");
        int fieldA = a.headerPeerField();

        a.sendRaw(new byte[] {0x01});                                            // shorter than a header
        a.sendRaw(new byte[] {(byte) 0x80, 0x00, 0x00, 0x01});                  // header, no command
        a.sendRaw(datagram(fieldA, 0x0E, 0, 0, new byte[4]));                    // command type 14 does not exist
        a.sendRaw(datagram(fieldA, 0x86, 0, 1, new byte[] {0x01, 0x00, 'x'}));  // SEND_RELIABLE claiming 256 data bytes
        long malformed = 4;
        await(() -> server.counters().get(EnetCounter.MALFORMED_DROPPED) == malformed, "malformed counted");

        a.sendRaw(datagram(0x8000 | 0x7FF, 0x85, 0xFF, 1, new byte[0]));         // peer id beyond the table
        a.sendRaw(datagram(b.headerPeerField(), 0x85, 0xFF, 1, new byte[0]));    // B's id from A's address
        a.sendRaw(datagram(fieldA ^ 0x1000, 0x85, 0xFF, 1, new byte[0]));        // A's id, wrong session
        await(() -> server.counters().get(EnetCounter.UNKNOWN_PEER_DROPPED) == 3, "unknown peers counted");

        a.sendRaw(datagram(fieldA | 0x4000, 0x85, 0xFF, 1, new byte[0]));        // compressed
        await(() -> server.counters().get(EnetCounter.COMPRESSED_DROPPED) == 1, "compressed counted");

        // random garbage from a stranger's socket: counted, nothing escapes
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            SplittableRandom r = new SplittableRandom(99);
            for (int i = 0; i < 2000; i++) {
                byte[] g = new byte[r.nextInt(1, 120)];
                r.nextBytes(g);
                if (g.length >= 2 && (g[0] & 0x0F) == 0x0F && g[1] == (byte) 0xFF) {
                    g[1] = 0; // keep garbage from being a well-formed CONNECT by chance
                }
                s.send(new DatagramPacket(g, g.length, server.localAddress()));
            }
        }
        await(() -> server.counters().get(EnetCounter.DATAGRAMS_RECEIVED) >= 2009, "garbage received");
        assertEquals(2, server.peers().size(), "garbage connected nobody and ended nobody");

        // a command on a channel the peer does not have is a protocol violation: A goes, B stays
        a.sendRaw(datagram(fieldA, 0x86, 200, 1, new byte[] {0x00, 0x01, 'x'}));
        RecordingEnetListener.Gone gone = listener.awaitGone(WAIT);
        assertNotNull(gone);
        assertEquals(peerA, gone.peer());
        assertEquals(DisconnectReason.PROTOCOL_VIOLATION, gone.reason());
        assertTrue(a.awaitDisconnected(WAIT), "A was told");

        listener.received.clear();
        b.sendReliable(0, "still here".getBytes(StandardCharsets.US_ASCII));
        RecordingEnetListener.Packet p = listener.awaitPacket();
        assertNotNull(p);
        assertEquals(peerB, p.peer());
        assertEquals("still here", new String(p.data(), StandardCharsets.US_ASCII));
    }

    /** A datagram with header {@code field} + sentTime and one command with {@code body}. */
    static byte[] datagram(int field, int command, int channel, int seq, byte[] body) {
        ByteBuffer d = ByteBuffer.allocate(8 + body.length);
        d.putShort((short) field).putShort((short) 0).put((byte) command).put((byte) channel).putShort((short) seq).put(body);
        return d.array();
    }
}
