package io.punktfunk.client.input.gamepad;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.punktfunk.client.input.gamepad.RecordedEvdevIo.Device;
import io.punktfunk.client.input.gamepad.RecordedEvdevIo.Stream;
import io.punktfunk.control.input.GamepadStateGate;
import io.punktfunk.control.input.RumbleGate;
import io.punktfunk.control.message.ControlProtocolException;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.message.Rumble;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evdev gamepads on recorded devices: input_event streams in, wire events out (checked by decoding their
 * wire bytes), hot-plug, and the exact EVIOCSFF and EV_FF bytes a rumble produces.
 */
public class EvdevGamepadsTest {
    private final RecordedEvdevIo io = new RecordedEvdevIo();
    private final List<InputEvent> wire = new ArrayList<>();
    private final EvdevGamepads pads = new EvdevGamepads(io, e -> wire.add(viaWire(e)), Runnable::run);

    /** What the xpad driver reports for an Xbox 360 pad. */
    public static Device xbox360(String name) {
        return new Device(name).keys(Evdev.BTN_SOUTH, Evdev.BTN_EAST, Evdev.BTN_NORTH, Evdev.BTN_WEST, Evdev.BTN_TL,
                        Evdev.BTN_TR, Evdev.BTN_SELECT, Evdev.BTN_START, Evdev.BTN_MODE, Evdev.BTN_THUMBL, Evdev.BTN_THUMBR)
                .axis(Evdev.ABS_X, -32768, 32767).axis(Evdev.ABS_Y, -32768, 32767)
                .axis(Evdev.ABS_RX, -32768, 32767).axis(Evdev.ABS_RY, -32768, 32767)
                .axis(Evdev.ABS_Z, 0, 255).axis(Evdev.ABS_RZ, 0, 255)
                .axis(Evdev.ABS_HAT0X, -1, 1).axis(Evdev.ABS_HAT0Y, -1, 1).rumble();
    }

    /** Encodes and decodes through the 18-byte wire form, so every event checked here is one the host accepts. */
    private static InputEvent viaWire(InputEvent e) {
        ByteBuf buf = Unpooled.buffer();
        e.encode(buf);
        try {
            return InputEvent.decode(buf);
        } catch (ControlProtocolException ex) {
            throw new AssertionError("produced a malformed event " + e + ": " + ex.getMessage());
        }
    }

    @Test
    void recordedStreamBecomesArrivalAndSequencedStates() throws Exception {
        Device pad = io.add("/dev/input/event7", xbox360("Microsoft X-Box 360 pad"));
        pads.rescan();
        assertThat(wire).hasSize(2);
        assertThat(wire.get(0)).isEqualTo(InputEvent.gamepadArrival(0, 0, true, false));
        assertThat(wire.get(1)).isEqualTo(InputEvent.gamepadState(0, 1, 0, 0, 0, 0, 0, 0, 0));

        pad.replay(new Stream().key(Evdev.BTN_SOUTH, true).syn()
                .abs(Evdev.ABS_X, 32767).abs(Evdev.ABS_Y, -32768).abs(Evdev.ABS_RY, 16384).syn()
                .abs(Evdev.ABS_Z, 255).abs(Evdev.ABS_RZ, 128).abs(Evdev.ABS_HAT0Y, -1).key(Evdev.BTN_NORTH, true).syn()
                .syn() // nothing changed: no state
                .bytes());
        assertThat(pads.pump(0)).isEqualTo(3);
        assertThat(wire.subList(2, 5)).containsExactly(
                InputEvent.gamepadState(0, 2, InputEvent.PAD_A, 0, 0, 0, 0, 0, 0),
                InputEvent.gamepadState(0, 3, InputEvent.PAD_A, 32767, 32767, 0, -16384, 0, 0), // +y up on the wire
                InputEvent.gamepadState(0, 4, InputEvent.PAD_A | InputEvent.PAD_X | InputEvent.PAD_DPAD_UP, 32767, 32767,
                        0, -16384, 255, 128));
        InputEvent last = wire.get(4);
        assertThat(new int[] {last.leftStickX(), last.leftStickY(), last.rightStickY(), last.leftTrigger(), last.rightTrigger()})
                .containsExactly(32767, 32767, -16384, 255, 128);

        pad.replay(new Stream().key(Evdev.BTN_SOUTH, false).abs(Evdev.ABS_HAT0Y, 0).abs(Evdev.ABS_HAT0X, 1).syn().bytes());
        pads.pump(0);
        assertThat(wire.getLast().code()).isEqualTo(InputEvent.PAD_X | InputEvent.PAD_DPAD_RIGHT);
        assertThat(pads.pump(0)).as("nothing pending").isZero();
    }

    @Test
    void otherRangesScaleAndDigitalTriggersCountAsFullPull() throws Exception {
        Device pad = io.add("/dev/input/event3", new Device("generic").keys(Evdev.BTN_SOUTH, Evdev.BTN_TL2, Evdev.BTN_TR2,
                Evdev.BTN_DPAD_LEFT).axis(Evdev.ABS_X, 0, 1023).axis(Evdev.ABS_Y, 0, 1023));
        pads.rescan();
        assertThat(wire.get(0).flags() & InputEvent.ARRIVAL_HAPTICS).as("no FF_RUMBLE, no haptics flag").isZero();
        pad.replay(new Stream().abs(Evdev.ABS_X, 1023).abs(Evdev.ABS_Y, 0).key(Evdev.BTN_TL2, true)
                .key(Evdev.BTN_DPAD_LEFT, true).syn().bytes());
        pads.pump(0);
        InputEvent s = wire.getLast();
        assertThat(s.leftStickX()).isEqualTo(32767);
        assertThat(s.leftStickY()).as("top of a 0..1023 axis is full up").isEqualTo(32767);
        assertThat(s.leftTrigger()).isEqualTo(255);
        assertThat(s.rightTrigger()).isZero();
        assertThat(s.code()).isEqualTo(InputEvent.PAD_DPAD_LEFT);
    }

    @Test
    void droppedEventsAreResyncedFromTheDevice() throws Exception {
        Device pad = io.add("/dev/input/event4", xbox360("pad"));
        pads.rescan();
        pad.keysDown.add(Evdev.BTN_EAST);
        pad.abs.get(Evdev.ABS_RX)[2] = 1000;
        pad.replay(new Stream().key(Evdev.BTN_SOUTH, true).event(Evdev.EV_SYN, Evdev.SYN_DROPPED, 0)
                .key(Evdev.BTN_WEST, true).syn().bytes());
        pads.pump(0);
        assertThat(wire.getLast()).as("state re-read with EVIOCGKEY/EVIOCGABS after SYN_DROPPED")
                .isEqualTo(InputEvent.gamepadState(0, 2, InputEvent.PAD_B, 0, 0, 1000, 0, 0, 0));
    }

    @Test
    void hotPlugKeepsEachSlotsSequenceSoTheHostGateAcceptsEveryState() throws Exception {
        io.add("/dev/input/event1", new Device("AT keyboard").keys(30, 31, 32)); // not a pad
        io.add("/dev/input/event2", new Device("mouse").keys(0x110).axis(Evdev.ABS_X, 0, 100)); // no BTN_SOUTH
        Device a = io.add("/dev/input/event5", xbox360("pad A"));
        Device b = io.add("/dev/input/event6", xbox360("pad B"));
        pads.rescan();
        assertThat(pads.padCount()).isEqualTo(2);
        assertThat(wire).filteredOn(e -> e.kind() == InputEvent.GAMEPAD_ARRIVAL).extracting(InputEvent::pad)
                .containsExactly(0, 1);
        pads.rescan();
        assertThat(pads.padCount()).as("rescans neither re-open non-pads nor duplicate pads").isEqualTo(2);

        b.replay(new Stream().key(Evdev.BTN_START, true).syn().bytes());
        pads.pump(0);
        b.unplugged = true; // read() now fails with ENODEV
        pads.pump(0);
        assertThat(wire.getLast()).isEqualTo(InputEvent.gamepadRemove(1, 3));
        assertThat(pads.padCount()).isEqualTo(1);

        io.removeNode("/dev/input/event6");
        pads.rescan();
        Device b2 = io.add("/dev/input/event6", xbox360("pad B again"));
        pads.rescan();
        assertThat(wire.get(wire.size() - 2)).isEqualTo(InputEvent.gamepadArrival(1, 0, true, false));
        assertThat(wire.getLast()).as("the slot's sequence carries on").isEqualTo(InputEvent.gamepadState(1, 4, 0, 0, 0, 0, 0, 0, 0));
        b2.replay(new Stream().key(Evdev.BTN_SOUTH, true).syn().bytes());
        a.replay(new Stream().key(Evdev.BTN_EAST, true).syn().bytes());
        pads.pump(0);

        io.removeNode("/dev/input/event5"); // node vanished between scans
        pads.rescan();
        assertThat(wire.getLast()).isEqualTo(InputEvent.gamepadRemove(0, 3));

        GamepadStateGate gate = new GamepadStateGate();
        assertThat(wire).allMatch(gate::accept);
        assertThat(gate.staleDropped()).isZero();
    }

    @Test
    void aNodeThatCannotBeOpenedYetIsRetriedOnTheNextScan() throws Exception {
        Device pad = io.add("/dev/input/event8", xbox360("pad"));
        pad.denied = true; // just created: udev has not made it readable yet
        pads.rescan();
        assertThat(pads.padCount()).isZero();
        pad.denied = false;
        pads.rescan();
        assertThat(pads.padCount()).isOne();
        assertThat(wire.getFirst()).isEqualTo(InputEvent.gamepadArrival(0, 0, true, false));
    }

    @Test
    void aNewNodeIsPickedUpAtOnceThroughTheDirectoryWatch() throws Exception {
        pads.rescan();
        assertThat(pads.pump(0)).isZero();
        io.add("/dev/input/event12", xbox360("hot-plugged"));
        pads.pump(0); // no rescan call: the watch fd became readable
        assertThat(pads.padCount()).isOne();
        io.removeNode("/dev/input/event12");
        pads.pump(0);
        assertThat(pads.padCount()).isZero();
        assertThat(wire).extracting(InputEvent::kind).containsExactly(InputEvent.GAMEPAD_ARRIVAL,
                InputEvent.GAMEPAD_STATE, InputEvent.GAMEPAD_REMOVE);
    }

    @Test
    void atMostSixteenPads() throws Exception {
        for (int i = 0; i < 17; i++) {
            io.add("/dev/input/event" + (10 + i), xbox360("pad " + i));
        }
        pads.rescan();
        assertThat(pads.padCount()).isEqualTo(16);
        assertThat(wire).filteredOn(e -> e.kind() == InputEvent.GAMEPAD_ARRIVAL).extracting(InputEvent::pad)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 16).boxed().toList());
    }

    @Test
    void rumbleUploadsAnFfRumbleEffectPlaysItAndStops() throws Exception {
        io.add("/dev/input/event7", xbox360("pad"));
        pads.rescan();
        int fd = io.fdOf("/dev/input/event7");
        io.calls.clear();

        pads.rumble(0, 0x8000, 0x1234);
        assertThat(io.calls).hasSize(2);
        RecordedEvdevIo.Call upload = io.calls.get(0);
        assertThat(upload.request()).as("EVIOCSFF = _IOW('E', 0x80, struct ff_effect)").isEqualTo(0x40304580L);
        assertThat(upload.fd()).isEqualTo(fd);
        byte[] effect = new byte[48];
        effect[0] = 0x50;                       // type FF_RUMBLE
        effect[2] = (byte) 0xFF;                // id -1: a new effect
        effect[3] = (byte) 0xFF;
        effect[16] = 0x00;                      // strong_magnitude 0x8000
        effect[17] = (byte) 0x80;
        effect[18] = 0x34;                      // weak_magnitude 0x1234
        effect[19] = 0x12;
        assertThat(upload.bytes()).containsExactly(effect);
        assertThat(io.calls.get(1).what()).isEqualTo("write");
        assertThat(io.calls.get(1).bytes()).containsExactly(playEvent(3, 1)); // the id the kernel gave it

        pads.rumble(0, 100, 0); // a new level updates the playing effect in place
        assertThat(io.calls).hasSize(3);
        assertThat(io.calls.get(2).what()).isEqualTo("EVIOCSFF");
        assertThat(io.calls.get(2).bytes()[2]).as("same effect id").isEqualTo((byte) 3);

        pads.rumble(0, 0, 0);
        assertThat(io.calls.getLast().bytes()).containsExactly(playEvent(3, 0));
        pads.rumble(5, 1000, 1000); // no pad 5: nothing
        assertThat(io.calls).hasSize(4);
    }

    @Test
    void theRumbleTtlStopsThePhysicalMotorWithoutASleep() throws Exception {
        io.add("/dev/input/event7", xbox360("pad"));
        pads.rescan();
        io.calls.clear();
        RumbleGate gate = new RumbleGate((pad, low, high, lt, rt) -> pads.rumble(pad, low, high));
        long now = 5_000_000_000L;
        gate.offer(Rumble.of(0, 20000, 20000, 1, 120), now);
        assertThat(io.calls.getLast().bytes()).containsExactly(playEvent(3, 1));
        assertThat(gate.expire(now + 119_000_000L)).isZero();
        assertThat(gate.expire(now + 120_000_000L)).isOne();
        assertThat(io.calls.getLast().bytes()).as("stopped when no refresh came").containsExactly(playEvent(3, 0));
    }

    @Test
    void closeStopsMotorsRemovesPadsAndClosesDevices() throws Exception {
        io.add("/dev/input/event7", xbox360("pad"));
        pads.rescan();
        int fd = io.fdOf("/dev/input/event7");
        pads.rumble(0, 500, 500);
        pads.close();
        assertThat(io.calls.getLast().bytes()).containsExactly(playEvent(3, 0));
        assertThat(wire.getLast()).isEqualTo(InputEvent.gamepadRemove(0, 2));
        assertThat(io.isClosed(fd)).isTrue();
    }

    @Test
    void inputEventsParseAtAnyOffset() {
        byte[] recorded = new Stream().abs(Evdev.ABS_RY, -12345).key(Evdev.BTN_MODE, true).syn().bytes();
        for (int offset : new int[] {0, 1, 3, 13}) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment s = arena.allocate(recorded.length + offset + 1, 8);
                MemorySegment.copy(MemorySegment.ofArray(recorded), 0, s, offset, recorded.length);
                assertThat(new int[] {Evdev.eventType(s, offset), Evdev.eventCode(s, offset), Evdev.eventValue(s, offset)})
                        .containsExactly(Evdev.EV_ABS, Evdev.ABS_RY, -12345);
                long second = offset + Evdev.INPUT_EVENT_BYTES;
                assertThat(new int[] {Evdev.eventType(s, second), Evdev.eventCode(s, second), Evdev.eventValue(s, second)})
                        .containsExactly(Evdev.EV_KEY, Evdev.BTN_MODE, 1);
                Evdev.writeEvent(s, offset, Evdev.EV_FF, 9, 1);
                assertThat(s.asSlice(offset, 24).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).containsExactly(playEvent(9, 1));
            }
        }
    }

    @Test
    void ioctlNumbersMatchTheKernelHeaders() {
        assertThat(Evdev.eviocgname(256)).isEqualTo(0x81004506L);
        assertThat(Evdev.eviocgbit(Evdev.EV_KEY, 96)).isEqualTo(0x80604521L);
        assertThat(Evdev.eviocgbit(Evdev.EV_FF, 16)).isEqualTo(0x80104535L);
        assertThat(Evdev.eviocgabs(Evdev.ABS_X)).isEqualTo(0x80184540L);
        assertThat(Evdev.eviocgkey(96)).isEqualTo(0x80604518L);
        assertThat(Evdev.EVIOCSFF).isEqualTo(0x40304580L);
    }

    /** An EV_FF input_event as written to play ({@code value} 1) or stop (0) effect {@code id}. */
    private static byte[] playEvent(int id, int value) {
        byte[] b = new byte[24];
        b[16] = Evdev.EV_FF;
        b[18] = (byte) id;
        b[20] = (byte) value;
        return b;
    }
}
