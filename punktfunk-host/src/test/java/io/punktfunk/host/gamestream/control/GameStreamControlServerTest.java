package io.punktfunk.host.gamestream.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.punktfunk.host.gamestream.client.control.ControlTestClient;
import io.punktfunk.host.gamestream.client.control.NvInputPackets;
import io.punktfunk.host.gamestream.client.enet.EnetTestClient;
import io.punktfunk.host.gamestream.client.enet.LossyUdpSocket;
import io.punktfunk.host.gamestream.input.InputSink;
import io.punktfunk.host.gamestream.input.RecordingInjector;
import io.punktfunk.host.input.InputPump;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control stream end to end on loopback: the independent test client (ENet + its own JCA envelope)
 * against {@link GameStreamControlServer}, with input going through the host's real {@link InputPump} into a
 * recording injector.
 */
class GameStreamControlServerTest {
    static final int CONNECT_DATA = 0x9ABC_DEF0;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final byte[] KEY = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    private final RecordingInjector injector = new RecordingInjector();
    private final InputPump pump = new InputPump(injector, 1024);
    private final AtomicInteger keyframes = new AtomicInteger();
    private final AtomicInteger inputEnded = new AtomicInteger();
    private final BlockingQueue<FrameFecStatus> fec = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> gone = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private GameStreamControlServer server;

    @BeforeEach
    void start() {
        InputSink sink = new InputSink() {
            @Override
            public void input(io.punktfunk.control.message.InputEvent event) {
                pump.offer(event);
            }

            @Override
            public void ended() {
                inputEnded.incrementAndGet();
                pump.releaseAll();
            }
        };
        server = GameStreamControlServer.start(new InetSocketAddress("127.0.0.1", 0), KEY, CONNECT_DATA, sink,
                keyframes::incrementAndGet, new ControlStreamListener() {
                    @Override
                    public void fecStatus(FrameFecStatus status) {
                        fec.add(status);
                    }

                    @Override
                    public void disconnected(String reason) {
                        gone.add(reason);
                    }
                });
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        server.close();
        pump.close();
    }

    private ControlTestClient client(long seed, int data, byte[] key) throws Exception {
        EnetTestClient enet = EnetTestClient.connect(new LossyUdpSocket(seed), server.localAddress(), data);
        closeables.add(enet);
        return new ControlTestClient(enet, key);
    }

    private ControlTestClient connected(long seed) throws Exception {
        ControlTestClient c = client(seed, CONNECT_DATA, KEY);
        assertTrue(c.enet().awaitConnected(WAIT));
        await(server::clientConnected, "control client connected");
        return c;
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
    void idrRequestsAndReferenceInvalidationsAskForAKeyframe() throws Exception {
        ControlTestClient c = connected(1);
        c.send(0, 0x0302, new byte[] {0, 0});      // start A / IDR request
        c.send(0, 0x0307, new byte[] {0});         // start B
        c.send(1, 0x0301, new byte[24]);           // RFI
        c.send(0, 0x0200, new byte[] {4, 0, 0, 0, 0, 0, 0, 0}); // periodic ping
        await(() -> server.count(ControlCounter.PINGS) == 1, "ping counted");
        await(() -> keyframes.get() == 2, "two keyframe requests");
        assertEquals(2, server.count(ControlCounter.KEYFRAME_REQUESTS));
        assertEquals(4, server.count(ControlCounter.MESSAGES_RECEIVED));
    }

    @Test
    void frameFecStatusIsReadBigEndian() throws Exception {
        ControlTestClient c = connected(2);
        ByteBuffer p = ByteBuffer.allocate(21);
        p.putInt(0x01020304).putShort((short) 0xFFFE).putShort((short) 7).putShort((short) 3).putShort((short) 40)
                .putShort((short) 8).putShort((short) 38).putShort((short) 6).put((byte) 20).put((byte) 1).put((byte) 2);
        c.enet().sendUnsequenced(0, c.seal(0x5502, p.array()), -1);
        FrameFecStatus s = fec.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(new FrameFecStatus(0x01020304L, 0xFFFE, 7, 3, 40, 8, 38, 6, 20, 1, 2), s);
    }

    @Test
    void everyInputTypeReachesTheInjectorAsTheRightHostEvents() throws Exception {
        ControlTestClient c = connected(3);
        List<byte[]> packets = List.of(
                NvInputPackets.hapticsEnable(),
                NvInputPackets.key(true, 0x41, 0x01),
                NvInputPackets.key(false, 0x41, 0x00),
                NvInputPackets.mouseRelative(-5, 300),
                NvInputPackets.mouseAbsolute(100, 200, 1280, 720),
                NvInputPackets.mouseButton(true, 3),
                NvInputPackets.mouseButton(false, 3),
                NvInputPackets.scroll(120),
                NvInputPackets.scroll(-30),
                NvInputPackets.horizontalScroll(-120),
                NvInputPackets.text("hé😀"),
                NvInputPackets.controllerArrival(1, 1, 0x02, 0xFFFF),
                NvInputPackets.multiController(1, 0b10, 0x1000 | 0x10000, 10, 250, -32768, 32767, 5, -5),
                NvInputPackets.multiController(0, 0b01, 0x0001, 0, 0, 0, 0, 0, 0),
                NvInputPackets.touch(0x01, 77, 0.5f, 0.25f),
                NvInputPackets.touch(0x02, 77, 0.5f, 0.25f),
                NvInputPackets.pen(0x01, 0.1f, 0.2f),
                NvInputPackets.pen(0x02, 0.1f, 0.2f),
                NvInputPackets.controllerMotion(0, 1, 0f, 9.8f, 0f),
                NvInputPackets.raw(0x12345678, new byte[] {1, 2}),
                NvInputPackets.raw(0x03, new byte[] {0, 0x41}));  // a key packet cut short
        for (byte[] p : packets) {
            c.send(2, 0x0206, p);
        }
        await(() -> server.count(ControlCounter.INPUT_MESSAGES) == packets.size(), "all input messages in");
        assertTrue(pump.awaitIdle(10, TimeUnit.SECONDS));
        assertEquals(List.of(
                "keyDown 65",
                "keyUp 65",
                "pointerRel -5 300",
                "pointerAbs 100 200 1280x720",
                "button 3 down",
                "button 3 up",
                "scroll v 120",
                "scroll v -30 precise",
                "scroll h -120",
                "text h", "text é", "text 😀",
                "padArrive 1 kind 1",
                "padState 1 buttons 0x11000 ls -32768,32767 rs 5,-5 lt 10 rt 250",
                "padRemove 1",
                "padArrive 0 kind 0",
                "padState 0 buttons 0x1 ls 0,0 rs 0,0 lt 0 rt 0",
                "pointerAbs 32767 16383 65535x65535", "button 1 down",
                "pointerAbs 32767 16383 65535x65535", "button 1 up",
                "pointerAbs 6553 13107 65535x65535", "button 1 down",
                "pointerAbs 6553 13107 65535x65535", "button 1 up"), injector.calls);
        assertEquals(1, server.inputDecoder().unknown());
        assertEquals(1, server.inputDecoder().malformed());
        assertEquals(1, server.inputDecoder().unsupported());
    }

    /** The key packet exactly as the reference observed it, once with its little-endian size bytes and once big-endian. */
    @Test
    void theObservedKeyPacketDecodes() throws Exception {
        ControlTestClient c = connected(4);
        c.send(2, 0x0206, hex("0a000000 03000000 00 4180 00 0000"));
        c.send(2, 0x0206, hex("0000000a 04000000 00 4180 00 0000"));
        await(() -> server.count(ControlCounter.INPUT_MESSAGES) == 2, "both in");
        assertTrue(pump.awaitIdle(10, TimeUnit.SECONDS));
        assertEquals(List.of("keyDown 65", "keyUp 65"), injector.calls);
    }

    @Test
    void severalInputPacketsInOneMessageAreAllDecoded() throws Exception {
        ControlTestClient c = connected(5);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(NvInputPackets.mouseButton(true, 1));
        both.writeBytes(NvInputPackets.mouseButton(false, 1));
        c.send(3, 0x0206, both.toByteArray());
        await(() -> server.inputDecoder().events() == 2, "two events");
        assertTrue(pump.awaitIdle(10, TimeUnit.SECONDS));
        assertEquals(List.of("button 1 down", "button 1 up"), injector.calls);
    }

    @Test
    void rumbleAndTriggerRumbleReachTheClientSealedWithTheHostIv() throws Exception {
        ControlTestClient c = connected(6);
        server.onRumble(1, 0x1234, 0x5678);
        server.triggerRumble(2, 100, 200);
        ControlTestClient.Message m = c.receive(WAIT);
        assertNotNull(m);
        assertEquals(0, m.seq());
        assertEquals(0x010b, m.type());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 0, 0x34, 0x12, 0x78, 0x56}, m.payload());
        ControlTestClient.Message t = c.receive(WAIT);
        assertNotNull(t);
        assertEquals(1, t.seq());
        assertEquals(0x5500, t.type());
        assertArrayEquals(new byte[] {2, 0, 100, 0, (byte) 200, 0}, t.payload());
    }

    @Test
    void terminationIsSentBigEndianThenTheClientIsDisconnected() throws Exception {
        ControlTestClient c = connected(7);
        c.send(2, 0x0206, NvInputPackets.multiController(0, 0b1, 0, 0, 0, 0, 0, 0, 0));
        await(() -> server.inputDecoder().events() == 2, "pad 0 arrived");
        server.terminate(ControlMessageType.TERMINATION_GRACEFUL);
        ControlTestClient.Message m = c.receive(WAIT);
        assertNotNull(m);
        assertEquals(0x0109, m.type());
        assertArrayEquals(new byte[] {(byte) 0x80, 0x03, 0x00, 0x23}, m.payload());
        assertTrue(c.enet().awaitDisconnected(WAIT), "ENet disconnect after the termination");
        assertNotNull(gone.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(1, inputEnded.get());
        assertTrue(pump.awaitIdle(10, TimeUnit.SECONDS));
        assertEquals(List.of("padArrive 0 kind 0", "padState 0 buttons 0x0 ls 0,0 rs 0,0 lt 0 rt 0", "padRemove 0",
                "releaseAll"), injector.calls, "the client's pad went with it, then everything held was released");
        assertTrue(!server.clientConnected());
    }

    @Test
    void badMessagesAreCountedAndDroppedAndTheStreamGoesOn() throws Exception {
        ControlTestClient c = connected(8);
        byte[] tampered = c.seal(0x0302, new byte[] {0, 0});
        tampered[tampered.length - 1] ^= 1;
        c.enet().sendReliable(0, tampered);                              // bad GCM tag
        c.enet().sendReliable(0, new byte[] {0x02, 0x03, 0x02, 0x00, 0, 0}); // plain 0x0302, no envelope
        c.enet().sendReliable(0, new byte[] {0x01, 0x00});                // shorter than an envelope
        c.send(0, 0x7777, new byte[] {1, 2, 3});                          // unknown type
        c.send(0, 0x5502, new byte[] {1, 2, 3});                          // FEC status cut short
        c.send(0, 0x0302, new byte[] {0, 0});                             // and a good one after all that
        await(() -> keyframes.get() == 1, "the good message still works");
        assertEquals(1, server.count(ControlCounter.BAD_TAG_DROPPED));
        assertEquals(2, server.count(ControlCounter.NOT_ENCRYPTED_DROPPED));
        assertEquals(1, server.count(ControlCounter.UNKNOWN_TYPE_IGNORED));
        assertEquals(1, server.count(ControlCounter.MALFORMED_DROPPED));
        assertTrue(server.clientConnected());
    }

    @Test
    void aClientWithTheWrongConnectDataIsRefusedAndTheRightOneStillConnects() throws Exception {
        ControlTestClient wrong = client(9, CONNECT_DATA ^ 1, KEY);
        assertTrue(wrong.enet().awaitDisconnected(WAIT));
        ControlTestClient right = connected(10);
        right.send(0, 0x0302, new byte[] {0, 0});
        await(() -> keyframes.get() == 1, "the right client is heard");
    }

    @Test
    void aClientWithTheWrongKeyIsNotHeard() throws Exception {
        byte[] other = KEY.clone();
        other[0] ^= 1;
        ControlTestClient c = client(11, CONNECT_DATA, other);
        assertTrue(c.enet().awaitConnected(WAIT));
        c.send(0, 0x0302, new byte[] {0, 0});
        await(() -> server.count(ControlCounter.BAD_TAG_DROPPED) == 1, "dropped for its tag");
        assertEquals(0, keyframes.get());
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
    }
}
