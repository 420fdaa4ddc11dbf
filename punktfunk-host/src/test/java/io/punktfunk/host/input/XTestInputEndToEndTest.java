package io.punktfunk.host.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.quic.ClientControlSession;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input end to end on a real X server: a client control session sends events over real QUIC on
 * loopback to a real {@code StreamingHost}, whose {@link HostInput} injects them with XTest into a
 * private Xvfb; the test reads the result back from the X server ({@link XEventProbe}: events delivered
 * to the root window, XQueryPointer, XQueryKeymap).
 */
class XTestInputEndToEndTest {
    private static final int W = 1280;
    private static final int H = 720;
    private static final long XK_A = 'a';
    private static final long XK_S = 's';
    private static final long XK_Z = 'z';

    private static XvfbServer xvfb;
    private static XEventProbe probe;

    @TempDir
    Path dir;

    @BeforeAll
    static void startX() throws Exception {
        xvfb = XvfbServer.start(W, H);
        probe = XEventProbe.open(xvfb.display);
    }

    @AfterAll
    static void stopX() {
        if (probe != null) {
            probe.close();
        }
        if (xvfb != null) {
            xvfb.close();
        }
    }

    private static HostInput xtest() {
        current = HostInput.open(InputBackend.XTEST, xvfb.display, HostInput.Limits.defaults());
        return current;
    }

    private static HostInput current;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within 10 s: " + what + (current != null ? " (" + current.summary() + ")" : ""));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000); // between two polls of the X server
        }
    }

    private static InputEvent ev(int kind, int code, int x, int y, int flags) {
        return new InputEvent(kind, code, x, y, flags);
    }

    @Test
    void pointerKeysTextButtonsAndScrollReachTheXServer() throws Exception {
        HostInput input = xtest();
        assertEquals("xtest", input.backend().substring(0, 5));
        try (LoopbackInputHost host = new LoopbackInputHost(dir, input)) {
            ClientControlSession client = host.connect("owner");
            await("session owns the desktop", () -> input.owner() != null);
            probe.clear();

            // absolute: (320, 180) of a 640x360 view is the centre-left quarter of the 1280x720 screen
            client.sendInput(ev(InputEvent.MOUSE_MOVE_ABS, 0, 320, 90, (640 << 16) | 360));
            await("pointer at 640,180", () -> java.util.Arrays.equals(probe.pointer(), new int[] {640, 180}));
            // relative
            client.sendInput(ev(InputEvent.MOUSE_MOVE, 0, 25, -30, 0));
            await("pointer at 665,150", () -> java.util.Arrays.equals(probe.pointer(), new int[] {665, 150}));
            // clamped to the screen
            client.sendInput(ev(InputEvent.MOUSE_MOVE_ABS, 0, 5000, -40, (640 << 16) | 360));
            await("pointer clamped to 1279,0", () -> java.util.Arrays.equals(probe.pointer(), new int[] {W - 1, 0}));
            // a virtual key this keymap has no key for is counted, not fatal
            client.sendInput(ev(InputEvent.KEY_DOWN, 0x07, 0, 0, 0));

            // key: VK 'A' down shows in the key map, up clears it
            int kcA = probe.keycode(XK_A);
            probe.clear();
            client.sendInput(ev(InputEvent.KEY_DOWN, 0x41, 0, 0, 0));
            XEventProbe.Event press = probe.await(Xlib.KEY_PRESS, 10, TimeUnit.SECONDS);
            assertNotNull(press, "no KeyPress for VK_A");
            assertEquals(kcA, press.detail());
            assertEquals(XK_A, press.keysym());
            assertTrue(probe.keyDown(kcA));
            client.sendInput(ev(InputEvent.KEY_UP, 0x41, 0, 0, 0));
            assertNotNull(probe.await(Xlib.KEY_RELEASE, 10, TimeUnit.SECONDS), "no KeyRelease for VK_A");
            assertFalse(probe.keyDown(kcA));

            // text: an upper-case letter (shift from the keymap), then characters the US keymap lacks (spare keycode)
            assertEquals('Z', typed(input, client, 'Z'));
            assertEquals(0xe9, typed(input, client, 0xe9));                 // é, Latin-1 keysym
            assertEquals(0x010003a9L, typed(input, client, 0x3a9));         // Ω, Unicode keysym
            assertEquals(0x0101f600L, typed(input, client, 0x1f600));      // an emoji, outside the BMP

            // buttons: right down/up
            probe.clear();
            client.sendInput(ev(InputEvent.MOUSE_BUTTON_DOWN, 3, 0, 0, 0));
            XEventProbe.Event bp = probe.await(Xlib.BUTTON_PRESS, 10, TimeUnit.SECONDS);
            assertNotNull(bp, "no ButtonPress");
            assertEquals(3, bp.detail());
            client.sendInput(ev(InputEvent.MOUSE_BUTTON_UP, 3, 0, 0, 0));
            XEventProbe.Event br = probe.await(Xlib.BUTTON_RELEASE, 10, TimeUnit.SECONDS);
            assertNotNull(br, "no ButtonRelease");
            assertEquals(3, br.detail());

            // scroll: two detents up = button 4 twice; precise halves add up to one detent down = button 5;
            // one detent right = button 7
            probe.clear();
            client.sendInput(ev(InputEvent.MOUSE_SCROLL, 0, 240, 0, 0));
            assertEquals(4, probe.await(Xlib.BUTTON_PRESS, 10, TimeUnit.SECONDS).detail());
            assertEquals(4, probe.await(Xlib.BUTTON_PRESS, 10, TimeUnit.SECONDS).detail());
            client.sendInput(ev(InputEvent.MOUSE_SCROLL, 0, -60, 0, InputEvent.SCROLL_FLAG_PRECISE));
            client.sendInput(ev(InputEvent.MOUSE_SCROLL, 0, -60, 0, InputEvent.SCROLL_FLAG_PRECISE));
            assertEquals(5, probe.await(Xlib.BUTTON_PRESS, 10, TimeUnit.SECONDS).detail());
            client.sendInput(ev(InputEvent.MOUSE_SCROLL, 1, 120, 0, 0));
            assertEquals(7, probe.await(Xlib.BUTTON_PRESS, 10, TimeUnit.SECONDS).detail());

            assertTrue(input.pump().awaitIdle(10, TimeUnit.SECONDS));
            assertEquals(0, input.refused());
            assertEquals(0, input.dropped());
            assertEquals(1, input.rejected(), "only the unmapped key was rejected: " + input.summary());
        }
    }

    /** Sends TextInput {@code cp} and returns the keysym of the KeyPress the X server delivered for it. */
    private static long typed(HostInput input, ClientControlSession client, int cp) throws InterruptedException {
        probe.clear();
        client.sendInput(ev(InputEvent.TEXT_INPUT, cp, 0, 0, 0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - deadline < 0) {
            XEventProbe.Event e = probe.await(Xlib.KEY_PRESS, 10, TimeUnit.SECONDS);
            assertNotNull(e, "no KeyPress for U+" + Integer.toHexString(cp) + ": " + input.summary()
                    + ", failed " + input.pump().failed());
            if (e.detail() != probe.keycode(0xffe1)) { // skip the Shift_L press of a shifted character
                return e.keysym();
            }
        }
        throw new AssertionError("no KeyPress for U+" + Integer.toHexString(cp));
    }

    @Test
    void aSecondSessionIsRefusedAndTheOwnersKeysAreReleasedWhenItLeaves() throws Exception {
        HostInput input = xtest();
        try (LoopbackInputHost host = new LoopbackInputHost(dir, input)) {
            ClientControlSession owner = host.connect("owner");
            await("owner owns the desktop", () -> input.owner() != null);
            var ownerOnHost = input.owner();
            ClientControlSession intruder = host.connect("intruder");

            // the intruder's key edge (on the ordered stream, after its Start) is refused and counted
            int kcZ = probe.keycode(XK_Z);
            intruder.sendInput(ev(InputEvent.KEY_DOWN, 0x5A, 0, 0, 0));
            await("intruder's key refused", () -> input.refused() == 1);
            assertTrue(input.pump().awaitIdle(10, TimeUnit.SECONDS));
            assertFalse(probe.keyDown(kcZ), "a refused key reached the X server");
            assertSame(ownerOnHost, input.owner());

            // the owner holds S down, then disconnects: S is released without a key-up from anyone
            int kcS = probe.keycode(XK_S);
            owner.sendInput(ev(InputEvent.KEY_DOWN, 0x53, 0, 0, 0));
            await("S held", () -> probe.keyDown(kcS));
            owner.close("test leaves with a key held");
            await("S released after the owner left", () -> !probe.keyDown(kcS));

            // ownership moved to the remaining session: its input now lands
            await("intruder owns the desktop now", () -> input.owner() != null && input.owner() != ownerOnHost);
            intruder.sendInput(ev(InputEvent.MOUSE_MOVE_ABS, 0, 100, 100, (W << 16) | H));
            await("new owner's move lands", () -> java.util.Arrays.equals(probe.pointer(), new int[] {100, 100}));
            assertEquals(1, input.refused());
            assertNotEquals(0, input.accepted());
        }
    }

    @Test
    void theProbeSeesTheScreenXTestScalesTo() {
        assertArrayEquals(new int[] {W, H}, probe.screenSize());
    }
}
