package io.punktfunk.host.input;

import static io.punktfunk.host.input.KernelBytes.event;
import static io.punktfunk.host.input.KernelBytes.events;
import static io.punktfunk.host.input.KernelBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.quic.ClientControlSession;
import io.punktfunk.control.quic.ClientControlSessionListener;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HostInput} behind a real host over real QUIC loopback, with the uinput backend on recording
 * devices (this machine has no {@code /dev/uinput}; the byte streams are what a kernel would get):
 * virtual pads come and go with the owner's session, force feedback replayed into a pad reaches the
 * owning client as rumble datagrams, and the rate bound drops excess downs but never an up.
 */
class HostInputRoutingTest {
    @TempDir
    Path dir;

    private final List<RecordingUinputDevice> devices = new CopyOnWriteArrayList<>();

    private HostInput uinputHost(HostInput.Limits limits, java.util.function.LongSupplier clock) {
        HostInput.RumbleRelay relay = new HostInput.RumbleRelay();
        UinputInjector injector = new UinputInjector(() -> {
            RecordingUinputDevice d = new RecordingUinputDevice();
            devices.add(d);
            return d;
        }, relay, false);
        HostInput input = new HostInput(injector, limits, clock);
        relay.target = input;
        return input;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within 10 s: " + what);
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private static String write(int[]... triples) {
        return "write " + hex(events(triples));
    }

    @Test
    void padsFollowTheOwnersSessionAndItsGamesRumbleReachesItsClient() throws Exception {
        HostInput input = uinputHost(HostInput.Limits.defaults(), System::nanoTime);
        LinkedBlockingQueue<int[]> rumble = new LinkedBlockingQueue<>();
        try (LoopbackInputHost host = new LoopbackInputHost(dir, input)) {
            ClientControlSession client = host.connect("player", new ClientControlSessionListener() {
                @Override
                public void onRumble(int pad, int low, int high, int lt, int rt) {
                    rumble.add(new int[] {pad, low, high});
                }
            });
            await("player owns the desktop", () -> input.owner() != null);
            client.sendInput(InputEvent.gamepadArrival(3, 1, true, false));
            client.sendInput(new InputEvent(InputEvent.KEY_DOWN, 0x10, 0, 0, 0)); // shift held when it leaves
            await("pad device created", () -> devices.size() == 4 && devices.get(3).lines("ioctl 00005501").size() == 1);
            RecordingUinputDevice pad = devices.get(3);
            client.sendInput(InputEvent.gamepadState(3, 1, InputEvent.PAD_B, 0, 0, 0, 0, 0, 255));
            await("pad state written", () -> pad.lines("write").size() == 1);
            assertEquals(write(new int[] {1, 0x131, 1}, new int[] {3, 5, 255}, new int[] {0, 0, 0}), pad.lines("write").getFirst());

            // a game uploads a rumble effect and plays it; the FF step runs on the injector thread
            pad.queueRead(event(Evdev.EV_UINPUT, Evdev.UI_FF_UPLOAD, 1));
            pad.queueIoctlReply(KernelBytes.upload(1, Evdev.FF_RUMBLE, 0, 0, 0x6000, 0x2000));
            pad.queueRead(event(Evdev.EV_FF, 0, 1));
            UinputInjector injector = (UinputInjector) input.pump().injector();
            input.pump().command(() -> injector.serviceForceFeedback(System.nanoTime()));
            int[] r = rumble.poll(10, TimeUnit.SECONDS);
            assertNotNull(r, "no rumble datagram reached the client");
            assertArrayEquals(new int[] {3, 0x6000, 0x2000}, r);

            // the player leaves: shift is released, the pad is destroyed
            client.close("done");
            await("pad removed", () -> pad.closed);
            List<String> t = pad.snapshot();
            assertEquals(List.of("ioctl 00005502 0", "close"), t.subList(t.size() - 2, t.size()));
            assertEquals(write(new int[] {1, 42, 0}, new int[] {0, 0, 0}), devices.get(0).lines("write").getLast());
            await("nobody owns the desktop", () -> input.owner() == null);
        }
    }

    @Test
    void theRateBoundDropsExcessDownsButNeverAnUp() throws Exception {
        HostInput input = uinputHost(new HostInput.Limits(1, 5), () -> 0L); // a frozen clock: 5 tokens, no refill
        try (LoopbackInputHost host = new LoopbackInputHost(dir, input)) {
            ClientControlSession client = host.connect("flood");
            await("owner", () -> input.owner() != null);
            for (int vk = 0x41; vk < 0x49; vk++) {
                client.sendInput(new InputEvent(InputEvent.KEY_DOWN, vk, 0, 0, 0));
            }
            for (int vk = 0x41; vk < 0x49; vk++) {
                client.sendInput(new InputEvent(InputEvent.KEY_UP, vk, 0, 0, 0));
            }
            await("16 events judged", () -> input.accepted() + input.rateLimited() == 16);
            assertEquals(3, input.rateLimited());
            assertEquals(13, input.accepted());
            assertTrue(input.pump().awaitIdle(10, TimeUnit.SECONDS));
            List<String> writes = devices.get(0).lines("write");
            assertEquals(10, writes.size(), "5 downs and their 5 ups; ups of keys never pressed write nothing: " + writes);
            assertEquals(write(new int[] {1, 30, 1}, new int[] {0, 0, 0}), writes.getFirst()); // KEY_A down
        }
    }
}
