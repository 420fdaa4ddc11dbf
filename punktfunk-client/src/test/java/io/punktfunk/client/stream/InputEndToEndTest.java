package io.punktfunk.client.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.client.input.RemoteInput;
import io.punktfunk.client.input.gamepad.Evdev;
import io.punktfunk.client.input.gamepad.EvdevGamepads;
import io.punktfunk.client.input.gamepad.EvdevGamepadsTest;
import io.punktfunk.client.input.gamepad.RecordedEvdevIo;
import io.punktfunk.client.view.KeyInput;
import io.punktfunk.client.view.MouseButtonInput;
import io.punktfunk.client.view.MouseMoveInput;
import io.punktfunk.client.view.MouseWheelInput;
import io.punktfunk.client.view.TextInput;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.AudioKind;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's input channel through a real streaming host over loopback QUIC: viewer events and a recorded
 * evdev pad arrive at the host as wire events on the right plane, the host's rumble reaches the pad as
 * FF_RUMBLE bytes, and closing the stream releases what was held and removes the pad.
 */
class InputEndToEndTest {
    private static final Mode SMALL = new Mode(640, 360, 30);

    @TempDir
    Path dir;

    record Heard(InputEvent event, boolean reliable) {
    }

    @Test
    void viewerAndGamepadInputReachTheHostAndRumbleComesBack() throws Exception {
        List<Object> host = new CopyOnWriteArrayList<>();
        CompletableFuture<HostControlSession> session = new CompletableFuture<>();
        HostControlSessionListener listener = new HostControlSessionListener() {
            @Override
            public void onSessionStarted(HostControlSession s) {
                session.complete(s);
            }

            @Override
            public void onInput(HostControlSession s, InputEvent e, boolean reliable) {
                host.add(new Heard(e, reliable));
            }

            @Override
            public void onSessionEnded(HostControlSession s, int code, String reason) {
                host.add("ended");
            }
        };
        RecordedEvdevIo io = new RecordedEvdevIo();
        RecordedEvdevIo.Device pad = io.add("/dev/input/event9", EvdevGamepadsTest.xbox360("Xbox 360 pad"));
        RemoteInput input = new RemoteInput();
        try (LoopbackHost h = new LoopbackHost(dir, HostStreamSettings.defaults().withAudio(AudioKind.NONE, null), listener)) {
            ClientStream s = h.connect(ClientStreamOptions.headless(SMALL, 1000, "input").withInput(input)
                    .withGamepads(send -> new EvdevGamepads(io, send, Runnable::run)));
            HostControlSession hs = session.get(10, TimeUnit.SECONDS);

            input.accept(new KeyInput(0x41, true, InputEvent.MOD_SHIFT));
            input.accept(new MouseMoveInput(100, 50, 640, 360));
            input.accept(new MouseButtonInput(InputEvent.BUTTON_LEFT, true));
            input.accept(new MouseWheelInput(InputEvent.SCROLL_VERTICAL, -2));
            input.accept(new MouseWheelInput(InputEvent.SCROLL_HORIZONTAL, 0.25));
            input.accept(new TextInput(0x20AC));
            s.gamepads().rescan();
            pad.replay(new RecordedEvdevIo.Stream().key(Evdev.BTN_SOUTH, true).abs(Evdev.ABS_Y, -32768).syn().bytes());
            s.gamepads().pump(0);

            await(() -> host.contains(new Heard(new InputEvent(InputEvent.TEXT_INPUT, 0x20AC, 0, 0, 0), true))
                    && host.contains(new Heard(InputEvent.gamepadState(0, 2, InputEvent.PAD_A, 0, 32767, 0, 0, 0, 0), false)),
                    "input at the host: " + host);
            assertThat(host).contains(
                    new Heard(new InputEvent(InputEvent.KEY_DOWN, 0x41, 0, 0, InputEvent.MOD_SHIFT), true),
                    new Heard(new InputEvent(InputEvent.MOUSE_BUTTON_DOWN, 1, 0, 0, 0), true),
                    new Heard(InputEvent.gamepadArrival(0, 0, true, false), true));
            // Lossy plane: these may in principle be lost on a loaded box, but loopback does not drop them.
            assertThat(host).contains(
                    new Heard(new InputEvent(InputEvent.MOUSE_MOVE_ABS, 0, 100, 50, 640 << 16 | 360), false),
                    new Heard(new InputEvent(InputEvent.MOUSE_SCROLL, InputEvent.SCROLL_VERTICAL, -240, 0, 0), false),
                    new Heard(new InputEvent(InputEvent.SCROLL, InputEvent.SCROLL_HORIZONTAL, 7680, 0,
                            InputEvent.SCROLL_SOURCE_WHEEL), false));

            hs.sendRumble(0, 30000, 1000, 5000);
            await(() -> io.calls.stream().anyMatch(c -> c.what().equals("write")), "rumble played: " + io.calls);
            RecordedEvdevIo.Call upload = io.calls.getFirst();
            assertThat(upload.request()).isEqualTo(Evdev.EVIOCSFF);
            assertThat(new int[] {u16(upload.bytes(), 16), u16(upload.bytes(), 18)}).containsExactly(30000, 1000);
            hs.sendRumble(0, 0, 0, 5000);
            await(() -> io.calls.getLast().what().equals("write") && io.calls.getLast().bytes()[20] == 0
                    && io.calls.stream().filter(c -> c.what().equals("write")).count() == 2, "rumble stopped: " + io.calls);

            s.close();
            await(() -> host.contains("ended"), "session ended");
            int ended = host.indexOf("ended");
            List<Object> beforeEnd = host.subList(0, ended);
            assertThat(beforeEnd).as("held key and button released, pad removed before the session ended").contains(
                    new Heard(new InputEvent(InputEvent.KEY_UP, 0x41, 0, 0, 0), true),
                    new Heard(new InputEvent(InputEvent.MOUSE_BUTTON_UP, 1, 0, 0, 0), true),
                    new Heard(InputEvent.gamepadRemove(0, 3), true));
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
