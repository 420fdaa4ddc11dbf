package io.punktfunk.host.input;

import static io.punktfunk.host.input.KernelBytes.absSetup;
import static io.punktfunk.host.input.KernelBytes.event;
import static io.punktfunk.host.input.KernelBytes.events;
import static io.punktfunk.host.input.KernelBytes.hex;
import static io.punktfunk.host.input.KernelBytes.setup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The uinput backend against the {@link UinputDevice} seam. This machine has no {@code /dev/uinput},
 * so these tests check the exact ioctl and write byte streams the backend produces, and replay
 * recorded kernel force-feedback traffic into it; they do not touch a kernel. (On a host that has the
 * device, {@code --input uinput} drives {@link LinuxUinputDevice} with the same calls.)
 */
class UinputInjectorTest {
    private final List<RecordingUinputDevice> devices = new ArrayList<>();
    private final List<int[]> rumble = new ArrayList<>();
    private final UinputInjector injector = new UinputInjector(() -> {
        RecordingUinputDevice d = new RecordingUinputDevice();
        devices.add(d);
        return d;
    }, (pad, low, high) -> rumble.add(new int[] {pad, low, high}), false);

    private RecordingUinputDevice keyboard() {
        return devices.get(0);
    }

    private RecordingUinputDevice mouse() {
        return devices.get(1);
    }

    private RecordingUinputDevice tablet() {
        return devices.get(2);
    }

    private static String write(int[]... triples) {
        return "write " + hex(events(triples));
    }

    private static int[] e(int type, int code, int value) {
        return new int[] {type, code, value};
    }

    private static final int[] SYN = {0, 0, 0};

    @Test
    void keyboardIsDeclaredThenCreatedAndKeysAreWrittenAsEventsWithSyn() {
        List<String> t = keyboard().snapshot();
        assertEquals("ioctl 40045564 1", t.getFirst(), "UI_SET_EVBIT EV_KEY first");
        for (int key : new int[] {30, 42, 28, 88, 125, 1, 57}) { // KEY_A, LEFTSHIFT, ENTER, F12, LEFTMETA, ESC, SPACE
            assertTrue(t.contains("ioctl 40045565 " + key), "UI_SET_KEYBIT " + key + " missing");
        }
        assertEquals("ioctl 405c5503 " + hex(setup(6, 0x1209, 0x5046, 1, "punktfunk keyboard", 0)), t.get(t.size() - 2));
        assertEquals("ioctl 00005501 0", t.getLast(), "UI_DEV_CREATE last");

        injector.keyDown(0x41);   // VK_A
        injector.keyUp(0x41);
        injector.keyUp(0x41);     // an up for a key not held writes nothing
        injector.keyDown(0xFF);   // unmapped
        injector.text('!');       // US layout: shift + 1
        assertEquals(List.of(write(e(1, 30, 1), SYN), write(e(1, 30, 0), SYN),
                write(e(1, 42, 1), e(1, 2, 1), SYN), write(e(1, 2, 0), e(1, 42, 0), SYN)), keyboard().lines("write"));
        assertEquals(1, injector.rejected());
    }

    @Test
    void pointerHasRelativeHiResWheelsAndAnAbsoluteDeviceScaledAndClamped() {
        List<String> m = mouse().snapshot();
        assertEquals(List.of("ioctl 40045564 1", "ioctl 40045564 2"), m.subList(0, 2));
        for (int rel : new int[] {0, 1, 8, 6, 0x0b, 0x0c}) {
            assertTrue(m.contains("ioctl 40045566 " + rel), "UI_SET_RELBIT " + rel + " missing");
        }
        List<String> t = tablet().snapshot();
        assertTrue(t.contains("ioctl 401c5504 " + hex(absSetup(0, 0, 65535, 0, 0))), "ABS_X 0..65535");
        assertTrue(t.contains("ioctl 401c5504 " + hex(absSetup(1, 0, 65535, 0, 0))), "ABS_Y 0..65535");

        injector.pointerRel(5, -3);
        injector.button(1, true);
        injector.button(1, false);
        injector.scroll(0, 60, true);    // half a detent: hi-res only
        injector.scroll(0, 60, true);    // completes one: hi-res + legacy wheel
        injector.scroll(1, -120, false); // one detent left
        assertEquals(List.of(write(e(2, 0, 5), e(2, 1, -3), SYN), write(e(1, 0x110, 1), SYN), write(e(1, 0x110, 0), SYN),
                write(e(2, 0x0b, 60), SYN), write(e(2, 0x0b, 60), e(2, 8, 1), SYN),
                write(e(2, 0x0c, -120), e(2, 6, -1), SYN)), mouse().lines("write"));

        injector.pointerAbs(640, 360, 1281, 721);   // the centre of the view
        injector.pointerAbs(5000, -7, 1281, 721);   // outside: clamped
        injector.pointerAbs(1, 1, 0, 0);            // no view size: rejected
        assertEquals(List.of(write(e(3, 0, 32767), e(3, 1, 32767), SYN), write(e(3, 0, 65535), e(3, 1, 0), SYN)),
                tablet().lines("write"));
        assertEquals(1, injector.rejected());
    }

    @Test
    void gamepadIsAnXbox360PadWithRumbleAndWritesOnlyWhatChanged() {
        injector.padArrive(2, 1);
        RecordingUinputDevice pad = devices.get(3);
        List<String> t = pad.snapshot();
        assertEquals(List.of("ioctl 40045564 1", "ioctl 40045564 3", "ioctl 40045564 21"), t.subList(0, 3));
        for (int btn : new int[] {0x130, 0x131, 0x133, 0x134, 0x136, 0x137, 0x13a, 0x13b, 0x13c, 0x13d, 0x13e}) {
            assertTrue(t.contains("ioctl 40045565 " + btn), "button " + Integer.toHexString(btn));
        }
        assertTrue(t.contains("ioctl 4004556b 80"), "UI_SET_FFBIT FF_RUMBLE");
        assertTrue(t.contains("ioctl 401c5504 " + hex(absSetup(0, -32768, 32767, 16, 128))), "ABS_X");
        assertTrue(t.contains("ioctl 401c5504 " + hex(absSetup(2, 0, 255, 0, 0))), "ABS_Z trigger");
        assertTrue(t.contains("ioctl 401c5504 " + hex(absSetup(0x11, -1, 1, 0, 0))), "ABS_HAT0Y");
        assertEquals("ioctl 405c5503 " + hex(setup(3, 0x045e, 0x028e, 0x0110, "punktfunk pad 2 (Xbox 360 layout)", 16)),
                t.get(t.size() - 2));
        assertEquals("ioctl 00005501 0", t.getLast());

        // A + dpad up, left stick full up (+y up on the wire, -y in evdev), right trigger half
        injector.padState(2, 0x1000 | 0x1, 0, 32767, 0, 0, 0, 128);
        injector.padState(2, 0x1000 | 0x1, 0, 32767, 0, 0, 0, 128); // unchanged: only a SYN-less nothing
        injector.padState(2, 0, 0, -32768, 0, 0, 0, 0);               // -32768 flips to the evdev maximum
        assertEquals(List.of(write(e(1, 0x130, 1), e(3, 1, -32767), e(3, 5, 128), e(3, 0x11, -1), SYN),
                write(e(1, 0x130, 0), e(3, 1, 32767), e(3, 5, 0), e(3, 0x11, 0), SYN)), pad.lines("write"));
        injector.padState(5, 0, 0, 0, 0, 0, 0, 0); // never arrived
        assertEquals(1, injector.rejected());
    }

    @Test
    void forceFeedbackUploadPlayEraseBecomesRumbleLevels() {
        injector.padArrive(0, 1);
        RecordingUinputDevice pad = devices.get(3);
        long t0 = 1_000_000_000L;

        // a game uploads rumble effect 0 (strong 0x8000, weak 0x4000, until stopped) and plays it
        pad.queueRead(event(Evdev.EV_UINPUT, Evdev.UI_FF_UPLOAD, 7));
        pad.queueIoctlReply(KernelBytes.upload(7, Evdev.FF_RUMBLE, 0, 0, 0x8000, 0x4000));
        pad.queueRead(event(Evdev.EV_FF, 0, 1));
        assertEquals(2, injector.serviceForceFeedback(t0));
        List<String> ioctls = pad.lines("ioctl c06855c8");
        assertEquals(1, ioctls.size(), "one UI_BEGIN_FF_UPLOAD");
        assertTrue(ioctls.getFirst().startsWith("ioctl c06855c8 07000000"), "BEGIN carries the request id: " + ioctls);
        byte[] answered = KernelBytes.upload(7, Evdev.FF_RUMBLE, 0, 0, 0x8000, 0x4000); // retval stays 0: accepted
        assertEquals(List.of("ioctl 406855c9 " + hex(answered)), pad.lines("ioctl 406855c9"));
        assertEquals(List.of(List.of(0, 0x8000, 0x4000)), levels());
        injector.serviceForceFeedback(t0 + 99_000_000);          // unchanged, too soon to refresh
        assertEquals(1, rumble.size());
        injector.serviceForceFeedback(t0 + 100_000_000);         // a lasting level is re-sent for the wire's TTL
        assertEquals(List.of(List.of(0, 0x8000, 0x4000), List.of(0, 0x8000, 0x4000)), levels());
        rumble.clear();

        // effect 1 (strong 0x9000, 100 ms) adds up, clamped; it runs out by itself
        pad.queueRead(events(new int[] {Evdev.EV_UINPUT, Evdev.UI_FF_UPLOAD, 8}, new int[] {Evdev.EV_FF, 1, 1}));
        pad.queueIoctlReply(KernelBytes.upload(8, Evdev.FF_RUMBLE, 1, 100, 0x9000, 0));
        long t1 = t0 + 101_000_000;
        injector.serviceForceFeedback(t1);
        injector.serviceForceFeedback(t1 + 50_000_000);          // still playing: nothing new
        injector.serviceForceFeedback(t1 + 100_000_000);         // expired
        assertEquals(List.of(List.of(0, 0xffff, 0x4000), List.of(0, 0x8000, 0x4000)), levels());

        // a periodic effect is refused with -EINVAL in the END ioctl
        pad.queueRead(event(Evdev.EV_UINPUT, Evdev.UI_FF_UPLOAD, 9));
        pad.queueIoctlReply(KernelBytes.upload(9, 0x51, 2, 0, 0, 0));
        injector.serviceForceFeedback(t1 + 110_000_000);
        String end = pad.lines("ioctl 406855c9").getLast();
        assertTrue(end.startsWith("ioctl 406855c9 09000000eaffffff"), "retval -22: " + end);

        // stop, then erase effect 0
        pad.queueRead(event(Evdev.EV_FF, 0, 0));
        pad.queueRead(event(Evdev.EV_UINPUT, Evdev.UI_FF_ERASE, 11));
        pad.queueIoctlReply(KernelBytes.erase(11, 0));
        injector.serviceForceFeedback(t1 + 120_000_000);
        assertEquals(List.of(0, 0, 0), levels().getLast());
        assertEquals(List.of("ioctl 400c55cb " + hex(KernelBytes.erase(11, 0))), pad.lines("ioctl 400c55cb"));
        // playing an erased effect does nothing
        pad.queueRead(event(Evdev.EV_FF, 0, 1));
        int before = rumble.size();
        injector.serviceForceFeedback(t1 + 330_000_000);
        assertEquals(before, rumble.size());
    }

    @Test
    void releaseAllLiftsKeysAndButtonsAndRemovesPads() {
        injector.keyDown(0x10);          // VK_SHIFT
        injector.button(3, true);
        injector.padArrive(0, 1);
        injector.padArrive(1, 1);
        injector.padState(1, 0x2000, 0, 0, 0, 0, 0, 0);
        injector.releaseAll();
        assertEquals(write(e(1, 42, 0), SYN), keyboard().lines("write").getLast());
        assertEquals(write(e(1, 0x111, 0), SYN), mouse().lines("write").getLast());
        RecordingUinputDevice pad1 = devices.get(4);
        List<String> t = pad1.snapshot();
        assertEquals(List.of(write(e(1, 0x131, 0), SYN), "ioctl 00005502 0", "close"), t.subList(t.size() - 3, t.size()),
                "B released, then UI_DEV_DESTROY and close");
        assertTrue(devices.get(3).closed);
        assertEquals(0, injector.padCount());
        assertEquals(List.of(List.of(0, 0, 0), List.of(1, 0, 0)), levels(), "each removed pad's motors are stopped");
    }

    private List<List<Integer>> levels() {
        return rumble.stream().map(r -> List.of(r[0], r[1], r[2])).toList();
    }
}
