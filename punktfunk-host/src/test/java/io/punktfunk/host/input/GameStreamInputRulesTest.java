package io.punktfunk.host.input;

import static io.punktfunk.host.input.KernelBytes.event;
import static io.punktfunk.host.input.KernelBytes.events;
import static io.punktfunk.host.input.KernelBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.quic.ClientControlSession;
import io.punktfunk.host.gamestream.GameStreamInput;
import io.punktfunk.host.gamestream.client.control.ControlTestClient;
import io.punktfunk.host.gamestream.client.control.NvInputPackets;
import io.punktfunk.host.gamestream.client.enet.EnetTestClient;
import io.punktfunk.host.gamestream.client.enet.LossyUdpSocket;
import io.punktfunk.host.gamestream.control.ControlStreamListener;
import io.punktfunk.host.gamestream.control.GameStreamControlServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GameStream session under the host's input rules: the real control server (ENet + AES-GCM) with the
 * independent Moonlight test client, {@link GameStreamInput} in front of {@link HostInput}, the uinput
 * backend on recording devices (this machine has no {@code /dev/uinput}) and, where the owner rule is
 * shared, a real punktfunk/1 session over QUIC loopback.
 */
class GameStreamInputRulesTest {
    static final int CONNECT_DATA = 0x1357_9BDF;
    static final byte[] KEY = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int KEY_A = 30;
    static final int KEY_LEFTSHIFT = 42;

    @TempDir
    Path dir;

    private final List<RecordingUinputDevice> devices = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    private HostInput uinputHost(HostInput.Limits limits, LongSupplier clock) {
        HostInput.RumbleRelay relay = new HostInput.RumbleRelay();
        UinputInjector injector = new UinputInjector(() -> {
            RecordingUinputDevice d = new RecordingUinputDevice();
            devices.add(d);
            return d;
        }, relay, false);
        HostInput input = new HostInput(injector, limits, clock);
        relay.target = input;
        closeables.add(input);
        return input;
    }

    /** A GameStream session's control stream and its place in {@code input}, wired as MediaStreamLauncher does. */
    private GameStreamInput gameStream(HostInput input, AtomicReference<GameStreamControlServer> server) {
        GameStreamInput gs = new GameStreamInput(input, "test", (pad, low, high) -> server.get().onRumble(pad, low, high));
        server.set(GameStreamControlServer.start(GameStreamControlServer.bind(new InetSocketAddress("127.0.0.1", 0)), KEY,
                CONNECT_DATA, gs, () -> { }, new ControlStreamListener() { }));
        closeables.add(server.get());
        return gs;
    }

    private ControlTestClient moonlight(GameStreamControlServer server, long seed) throws Exception {
        EnetTestClient enet = EnetTestClient.connect(new LossyUdpSocket(seed), server.localAddress(), CONNECT_DATA);
        closeables.add(enet);
        assertTrue(enet.awaitConnected(WAIT));
        await("control client connected", server::clientConnected);
        return new ControlTestClient(enet, KEY);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private static String write(int[]... triples) {
        return "write " + hex(events(triples));
    }

    @Test
    void aGameStreamSessionWaitsForTheDesktopThenOwnsItAndItsPadsRumbleGoesToMoonlight() throws Exception {
        HostInput input = uinputHost(HostInput.Limits.defaults(), System::nanoTime);
        LoopbackInputHost host = new LoopbackInputHost(dir, input);
        closeables.add(host);
        ClientControlSession player = host.connect("player");
        await("the punktfunk/1 session owns the desktop", () -> input.owner() != null);

        AtomicReference<GameStreamControlServer> server = new AtomicReference<>();
        GameStreamInput gs = gameStream(input, server);
        gs.start();
        ControlTestClient c = moonlight(server.get(), 1);
        c.send(2, 0x0206, NvInputPackets.key(true, 0x41, 0));
        await("Moonlight's key refused", () -> input.refused() == 1);
        assertFalse(input.owns(gs));
        assertTrue(input.pump().awaitIdle(10, TimeUnit.SECONDS));
        assertEquals(List.of(), devices.get(0).lines("write"), "nothing reached the keyboard");

        // the first session leaves: the GameStream session is the longest-running one left
        player.close("done");
        await("GameStream owns the desktop", () -> input.owns(gs));
        assertNull(input.owner(), "owner() names punktfunk/1 sessions only");
        c.send(2, 0x0206, NvInputPackets.key(true, 0x10, 0)); // shift, held when the session ends
        c.send(2, 0x0206, NvInputPackets.controllerArrival(0, 1, 0x02, 0xFFFF));
        c.send(2, 0x0206, NvInputPackets.multiController(0, 0b1, 0x1000, 0, 255, 0, 0, 0, 0));
        await("pad device created and its state written", () -> devices.size() == 4 && devices.get(3).lines("write").size() == 1);
        RecordingUinputDevice pad = devices.get(3);
        assertEquals(write(new int[] {1, 0x130, 1}, new int[] {3, 5, 255}, new int[] {0, 0, 0}), pad.lines("write").getFirst());
        await("shift down", () -> devices.get(0).lines("write").size() == 1);
        assertEquals(write(new int[] {1, KEY_LEFTSHIFT, 1}, new int[] {0, 0, 0}), devices.get(0).lines("write").getFirst());

        // a game uploads a rumble effect and plays it; the FF step runs on the injector thread
        pad.queueRead(event(Evdev.EV_UINPUT, Evdev.UI_FF_UPLOAD, 1));
        pad.queueIoctlReply(KernelBytes.upload(1, Evdev.FF_RUMBLE, 0, 0, 0x6000, 0x2000));
        pad.queueRead(event(Evdev.EV_FF, 0, 1));
        UinputInjector injector = (UinputInjector) input.pump().injector();
        input.pump().command(() -> injector.serviceForceFeedback(System.nanoTime()));
        ControlTestClient.Message m = c.receive(WAIT);
        assertNotNull(m, "no rumble message reached Moonlight");
        assertEquals(0x010b, m.type());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0x00, 0x60, 0x00, 0x20}, m.payload()); // u32 0, pad, low, high LE

        // a lasting level is refreshed by the pad for punktfunk/1's TTL; Moonlight hears only changes
        gs.onRumble(0, 0x6000, 0x2000);
        gs.onRumble(0, 0, 0);
        ControlTestClient.Message stop = c.receive(WAIT);
        assertNotNull(stop);
        assertEquals(0x010b, stop.type());
        assertArrayEquals(new byte[10], stop.payload());
        assertEquals(m.seq() + 1, stop.seq(), "the repeated level was not sent");

        // the GameStream session ends: shift released, pad removed, nobody owns the desktop
        gs.close();
        await("pad removed", () -> pad.closed);
        await("shift released", () -> devices.get(0).lines("write").size() == 2);
        assertEquals(write(new int[] {1, KEY_LEFTSHIFT, 0}, new int[] {0, 0, 0}), devices.get(0).lines("write").getLast());
        assertFalse(input.owns(gs));
        long refused = input.refused();
        c.send(2, 0x0206, NvInputPackets.key(true, 0x41, 0));
        await("input after the end refused", () -> input.refused() == refused + 1);
    }

    @Test
    void aGameStreamOwnerIsRateBoundAndKeepsTheDesktopFromALaterSession() throws Exception {
        HostInput input = uinputHost(new HostInput.Limits(1, 5), () -> 0L); // a frozen clock: 5 tokens, no refill
        AtomicReference<GameStreamControlServer> server = new AtomicReference<>();
        GameStreamInput gs = gameStream(input, server);
        gs.start();
        assertTrue(input.owns(gs));
        ControlTestClient c = moonlight(server.get(), 2);
        for (int vk = 0x41; vk < 0x49; vk++) {
            c.send(2, 0x0206, NvInputPackets.key(true, vk, 0));
        }
        for (int vk = 0x41; vk < 0x49; vk++) {
            c.send(2, 0x0206, NvInputPackets.key(false, vk, 0));
        }
        await("16 events judged", () -> input.accepted() + input.rateLimited() == 16);
        assertEquals(3, input.rateLimited());
        assertEquals(13, input.accepted());
        assertTrue(input.pump().awaitIdle(10, TimeUnit.SECONDS));
        List<String> writes = devices.get(0).lines("write");
        assertEquals(10, writes.size(), "5 downs and their 5 ups: " + writes);
        assertEquals(write(new int[] {1, KEY_A, 1}, new int[] {0, 0, 0}), writes.getFirst());

        // a punktfunk/1 session that starts later watches: its input is refused, the GameStream session keeps the desktop
        LoopbackInputHost host = new LoopbackInputHost(dir, input);
        closeables.add(host);
        ClientControlSession late = host.connect("late");
        late.sendInput(new InputEvent(InputEvent.KEY_DOWN, 0x42, 0, 0, 0));
        await("the later session's key refused", () -> input.refused() == 1);
        assertTrue(input.owns(gs));
        assertNull(input.owner());
        // and it takes the desktop over when the GameStream session ends
        gs.close();
        await("the punktfunk/1 session owns the desktop", () -> input.owner() != null);
    }
}
