package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicChannel;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.message.Rumble;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rumble host → client and sequenced gamepad state client → host over a real QUIC connection on loopback. */
class InputWireLoopbackTest {
    @TempDir
    Path tmp;

    static final class Motors implements ClientControlSessionListener {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void onRumble(int pad, int low, int high, int lt, int rt) {
            events.add(pad + ":" + low + "/" + high + "/" + lt + "/" + rt + " @" + System.nanoTime());
        }

        String next() throws InterruptedException {
            String e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("rumble within 5 s").isNotNull();
            return e;
        }
    }

    private static ClientControlSession open(Loopback lo, String name, ClientControlSessionListener l) throws Exception {
        ControlClient c = lo.client(name);
        lo.host.pairedClients().add(c.identity().fingerprint(), name);
        ClientControlSession s = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS)
                .open(Loopback.hello(name), 51000, l).get(10, TimeUnit.SECONDS);
        assertThat(lo.awaitHostEvent("started", Duration.ofSeconds(5))).isEqualTo("started " + name);
        return s;
    }

    private static long at(String event) {
        return Long.parseLong(event.substring(event.indexOf('@') + 1));
    }

    @Test
    void rumbleArrivesIsGatedAndSilencesItselfAfterItsTtl() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            Motors motors = new Motors();
            ClientControlSession s = open(lo, "pad", motors);
            HostControlSession hs = lo.host.sessions().getFirst();

            hs.sendRumble(2, 30000, 10000, 5000);
            assertThat(motors.next()).startsWith("2:30000/10000/0/0 ");
            hs.sendRumble(2, 0, 0, 5000);
            assertThat(motors.next()).as("a stop applies at once").startsWith("2:0/0/0/0 ");

            // A stale datagram (seq 0 again for pad 2, already passed) is dropped and counted.
            QuicChannel host = hostChannel(lo);
            host.writeAndFlush(Unpooled.buffer().writeByte(Rumble.TAG).writeShortLE(2).writeShortLE(999).writeShortLE(999)
                    .writeByte(0).writeShortLE(5000)).sync();
            host.writeAndFlush(Unpooled.buffer().writeByte(Rumble.TAG).writeZero(4)).sync(); // malformed: 5 bytes
            hs.sendRumble(3, 1, 2, 40, 50, 80); // v3 with trigger motors and a short TTL
            String on = motors.next();
            assertThat(on).startsWith("3:1/2/40/50 ");
            String off = motors.next();
            assertThat(off).as("silenced by the TTL, no stop sent").startsWith("3:0/0/0/0 ");
            long heldMs = TimeUnit.NANOSECONDS.toMillis(at(off) - at(on));
            assertThat(heldMs).as("held about its 80 ms TTL").isBetween(60L, 2000L);
            assertThat(s.staleRumbleDropped()).isEqualTo(1);
            assertThat(s.droppedDatagrams()).isEqualTo(1);

            hs.sendRumble(5, 100, 100, 60_000);
            assertThat(motors.next()).startsWith("5:100/100");
            s.close("bye").get(20, TimeUnit.SECONDS);
            assertThat(motors.next()).as("the session's end stops running motors").startsWith("5:0/0/0/0 ");
        }
    }

    @Test
    void staleGamepadStateNeverReachesTheHost() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ClientControlSession s = open(lo, "pad", new ClientControlSessionListener() { });
            s.sendInput(InputEvent.gamepadArrival(1, 1, true, false));
            assertThat(lo.awaitHostEvent("input", Duration.ofSeconds(5))).isEqualTo("input 14 stream");
            s.sendInput(InputEvent.gamepadState(1, 5, InputEvent.PAD_A, 0, 0, 0, 0, 0, 0));
            assertThat(lo.awaitHostEvent("input", Duration.ofSeconds(5))).isEqualTo("input 12 datagram");
            s.sendInput(InputEvent.gamepadRemove(1, 6));
            assertThat(lo.awaitHostEvent("input", Duration.ofSeconds(5))).isEqualTo("input 13 stream");
            s.sendInput(InputEvent.gamepadState(1, 5, InputEvent.PAD_B, 0, 0, 0, 0, 0, 0)); // late duplicate
            s.sendInput(new InputEvent(InputEvent.TEXT_INPUT, 'ü', 0, 0, 0));
            assertThat(lo.awaitHostEvent("input", Duration.ofSeconds(5))).isEqualTo("input 15 stream");
            s.sendInput(new InputEvent(InputEvent.SCROLL, InputEvent.SCROLL_VERTICAL, InputEvent.SCROLL_Q8_PER_DETENT, 0, 0));
            assertThat(lo.awaitHostEvent("input", Duration.ofSeconds(5))).isEqualTo("input 16 datagram");
            HostControlSession hs = lo.host.sessions().getFirst();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (hs.staleInputDropped() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(hs.staleInputDropped()).isEqualTo(1);
            assertThat(lo.inputs).noneMatch(e -> e.kind() == InputEvent.GAMEPAD_STATE && e.code() == InputEvent.PAD_B);
        }
    }

    private static QuicChannel hostChannel(Loopback lo) throws Exception {
        HostControlSession hs = lo.host.sessions().getFirst();
        java.lang.reflect.Field f = HostControlSession.class.getDeclaredField("channel");
        f.setAccessible(true);
        return (QuicChannel) f.get(hs);
    }
}
