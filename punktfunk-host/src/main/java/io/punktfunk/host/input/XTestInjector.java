package io.punktfunk.host.input;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Injects keyboard and mouse into an X11 display (Xvfb, Xorg, gamescope's Xwayland) through the XTest
 * extension. Gamepads are not X11's business: they go to a uinput backend when one could be opened,
 * else they are rejected. Owns one {@code Display*}, used only from the injector thread.
 */
@SuppressWarnings("restricted") // reinterpret: sizing the keysym table Xlib returned
final class XTestInjector implements InputInjector {
    /** X core buttons for the wire's 1..5: left, middle, right, back (8), forward (9). */
    private static final int[] X_BUTTON = {0, 1, 2, 3, 8, 9};
    private static final long XK_SHIFT_L = 0xffe1;
    private static final long NO_SYMBOL = 0;

    private final Xlib x;
    private final MemorySegment display;
    private final int screenWidth;
    private final int screenHeight;
    /** X keycode per wire virtual key, resolved once at start (0 = no key on this keymap). */
    private final int[] keycodeOfVk = new int[256];
    private final boolean[] keyHeld = new boolean[256];
    private final boolean[] buttonHeld = new boolean[X_BUTTON.length];
    private final int shiftKeycode;
    /** A keycode with no keysyms, remapped on the fly to type characters the keymap lacks (0 = none free). */
    private final int spareKeycode;
    private final MemorySegment keysymCell;
    private final Arena arena = Arena.ofShared();
    /** Virtual pads (uinput), or null. */
    private final InputInjector pads;
    private int scrollRestV;
    private int scrollRestH;
    private volatile long rejected; // written only by the injector thread
    private boolean closed;
    /** Set once the server hung up: from then on nothing touches the connection (see {@link Xlib#connectionGone}). */
    private boolean gone;
    private final MemorySegment pollfd;

    XTestInjector(String displayName, InputInjector pads) {
        this.pads = pads;
        this.x = Xlib.load();
        this.display = x.open(displayName).orElseThrow(() -> new IllegalStateException(
                "cannot open X display " + (displayName != null ? displayName : "$DISPLAY=" + System.getenv("DISPLAY"))));
        try {
            if (!hasXTest()) {
                throw new IllegalStateException("X display " + displayName + " has no XTEST extension");
            }
            int[] size = x.screenSize(display);
            screenWidth = size[0];
            screenHeight = size[1];
            for (int vk = 0; vk < 256; vk++) {
                long sym = VirtualKeys.keysym(vk);
                keycodeOfVk[vk] = sym == 0 ? 0 : x.keycode(display, sym);
            }
            shiftKeycode = x.keycode(display, XK_SHIFT_L);
            spareKeycode = findSpareKeycode();
            keysymCell = arena.allocate(JAVA_LONG);
            pollfd = arena.allocate(Xlib.POLLFD_BYTES, 4);
        } catch (RuntimeException e) {
            x.close(display);
            if (pads != null) {
                pads.close();
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return pads != null ? "xtest+uinput" : "xtest";
    }

    /** Host screen size in pixels. */
    int screenWidth() {
        return screenWidth;
    }

    int screenHeight() {
        return screenHeight;
    }

    private boolean hasXTest() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ints = a.allocate(JAVA_INT, 4);
            return (int) x.testQueryExtension.invokeExact(display, ints, ints.asSlice(4), ints.asSlice(8), ints.asSlice(12)) != 0;
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    /** The highest keycode with no symbols at all: free to remap without disturbing real keys. */
    private int findSpareKeycode() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment minMax = a.allocate(JAVA_INT, 2);
            int ignored = (int) x.displayKeycodes.invokeExact(display, minMax, minMax.asSlice(4));
            int min = minMax.get(JAVA_INT, 0);
            int max = minMax.get(JAVA_INT, 4);
            MemorySegment per = a.allocate(JAVA_INT);
            MemorySegment map = (MemorySegment) x.getKeyboardMapping.invokeExact(display, (byte) min, max - min + 1, per);
            if (map.equals(MemorySegment.NULL)) {
                return 0;
            }
            int n = per.get(JAVA_INT, 0);
            MemorySegment syms = map.reinterpret((long) (max - min + 1) * n * 8);
            int spare = 0;
            for (int kc = max; kc >= min && spare == 0; kc--) {
                boolean empty = true;
                for (int i = 0; i < n && empty; i++) {
                    empty = syms.getAtIndex(JAVA_LONG, (long) (kc - min) * n + i) == NO_SYMBOL;
                }
                if (empty) {
                    spare = kc;
                }
            }
            ignored = (int) x.free.invokeExact(map);
            return spare;
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    private void fakeKey(int keycode, boolean down) {
        try {
            int ignored = (int) x.fakeKey.invokeExact(display, keycode, down ? 1 : 0, 0L);
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    /** True (and the event counted as rejected) when the X server is gone: a virtual desktop's Xvfb that died. */
    private boolean serverGone() {
        if (!gone && x.connectionGone(display, pollfd)) {
            gone = true;
        }
        if (gone) {
            rejected++;
        }
        return gone;
    }

    @Override
    public void keyDown(int vk) {
        if (serverGone()) {
            return;
        }
        int kc = vk >= 0 && vk < 256 ? keycodeOfVk[vk] : 0;
        if (kc == 0) {
            rejected++;
            return;
        }
        fakeKey(kc, true); // a repeated down is the client's auto-repeat: pass it on
        keyHeld[kc] = true;
    }

    @Override
    public void keyUp(int vk) {
        if (serverGone()) {
            return;
        }
        int kc = vk >= 0 && vk < 256 ? keycodeOfVk[vk] : 0;
        if (kc != 0 && keyHeld[kc]) {
            fakeKey(kc, false);
            keyHeld[kc] = false;
        }
    }

    @Override
    public void text(int codePoint) {
        if (serverGone()) {
            return;
        }
        long keysym = keysymOf(codePoint);
        if (keysym == 0) {
            rejected++;
            return;
        }
        int kc = x.keycode(display, keysym);
        if (kc != 0 && x.keysym(display, kc, 0) == keysym) {
            tap(kc, false);
        } else if (kc != 0 && x.keysym(display, kc, 1) == keysym && shiftKeycode != 0) {
            tap(kc, true);
        } else if (spareKeycode != 0) {
            // the keymap lacks it: bind the keysym to the spare keycode, then type that
            keysymCell.set(JAVA_LONG, 0, keysym);
            try {
                int ignored = (int) x.changeKeyboardMapping.invokeExact(display, spareKeycode, 1, keysymCell, 1);
            } catch (Throwable t) {
                throw Xlib.rethrow(t);
            }
            x.sync(display); // clients must see the new mapping before the key event
            tap(spareKeycode, false);
        } else {
            rejected++;
        }
    }

    private void tap(int keycode, boolean shift) {
        boolean pressShift = shift && !keyHeld[shiftKeycode];
        if (pressShift) {
            fakeKey(shiftKeycode, true);
        }
        fakeKey(keycode, true);
        fakeKey(keycode, false);
        if (pressShift) {
            fakeKey(shiftKeycode, false);
        }
    }

    /** X keysym for a Unicode scalar: Latin-1 maps 1:1, control keys by name, the rest as {@code 0x01000000 | cp}. */
    static long keysymOf(int cp) {
        return switch (cp) {
            case '\n', '\r' -> 0xff0d;
            case '\t' -> 0xff09;
            case '\b' -> 0xff08;
            default -> {
                if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) {
                    yield cp;
                }
                if (cp > 0xff && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) {
                    yield 0x01000000L | cp;
                }
                yield 0;
            }
        };
    }

    @Override
    public void pointerAbs(int px, int py, int viewWidth, int viewHeight) {
        if (serverGone()) {
            return;
        }
        if (viewWidth <= 0 || viewHeight <= 0) {
            rejected++;
            return;
        }
        int hx = clamp((int) ((long) px * screenWidth / viewWidth), screenWidth - 1);
        int hy = clamp((int) ((long) py * screenHeight / viewHeight), screenHeight - 1);
        try {
            int ignored = (int) x.fakeMotion.invokeExact(display, -1, hx, hy, 0L); // -1: the pointer's current screen
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    @Override
    public void pointerRel(int dx, int dy) {
        if (serverGone()) {
            return;
        }
        try {
            int ignored = (int) x.fakeRelativeMotion.invokeExact(display, dx, dy, 0L);
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    @Override
    public void button(int button, boolean down) {
        if (serverGone()) {
            return;
        }
        if (button < 1 || button >= X_BUTTON.length) {
            rejected++;
            return;
        }
        if (!down && !buttonHeld[button]) {
            return; // an up for a button we never pressed
        }
        fakeButton(X_BUTTON[button], down);
        buttonHeld[button] = down;
    }

    private void fakeButton(int xButton, boolean down) {
        try {
            int ignored = (int) x.fakeButton.invokeExact(display, xButton, down ? 1 : 0, 0L);
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    @Override
    public void scroll(int axis, int delta, boolean precise) {
        if (serverGone()) {
            return;
        }
        // X core scrolling is in whole clicks (buttons 4/5 up/down, 6/7 left/right): accumulate to 120 per click
        if (axis == 0) {
            scrollRestV = clicks(scrollRestV + delta, 4, 5);
        } else if (axis == 1) {
            scrollRestH = clicks(scrollRestH + delta, 7, 6);
        } else {
            rejected++;
        }
    }

    private int clicks(int total, int positiveButton, int negativeButton) {
        while (total >= 120) {
            fakeButton(positiveButton, true);
            fakeButton(positiveButton, false);
            total -= 120;
        }
        while (total <= -120) {
            fakeButton(negativeButton, true);
            fakeButton(negativeButton, false);
            total += 120;
        }
        return total;
    }

    @Override
    public void padArrive(int pad, int kind) {
        if (pads != null) {
            pads.padArrive(pad, kind);
        } else {
            rejected++;
        }
    }

    @Override
    public void padRemove(int pad) {
        if (pads != null) {
            pads.padRemove(pad);
        }
    }

    @Override
    public void padState(int pad, int buttons, int lsX, int lsY, int rsX, int rsY, int lt, int rt) {
        if (pads != null) {
            pads.padState(pad, buttons, lsX, lsY, rsX, rsY, lt, rt);
        } else {
            rejected++;
        }
    }

    @Override
    public void flush() {
        if (!gone && !x.connectionGone(display, pollfd)) {
            x.flush(display);
        }
    }

    @Override
    public void releaseAll() {
        if (gone || x.connectionGone(display, pollfd)) {
            gone = true;
            java.util.Arrays.fill(keyHeld, false); // the server that held them is gone
            java.util.Arrays.fill(buttonHeld, false);
            if (pads != null) {
                pads.releaseAll();
            }
            return;
        }
        for (int kc = 0; kc < keyHeld.length; kc++) {
            if (keyHeld[kc]) {
                fakeKey(kc, false);
                keyHeld[kc] = false;
            }
        }
        for (int b = 1; b < buttonHeld.length; b++) {
            if (buttonHeld[b]) {
                fakeButton(X_BUTTON[b], false);
                buttonHeld[b] = false;
            }
        }
        scrollRestV = 0;
        scrollRestH = 0;
        x.sync(display);
        if (pads != null) {
            pads.releaseAll();
        }
    }

    @Override
    public long rejected() {
        return rejected + (pads != null ? pads.rejected() : 0);
    }

    @Override
    public void countRejected() {
        rejected++;
    }

    @Override
    public void close() {
        if (closed) {
            return; // a freed Display* must never be touched again
        }
        closed = true;
        try {
            releaseAll();
        } finally {
            if (!gone) {
                x.close(display); // a lost connection's Display* is left as it is: Xlib may crash on it
            }
            arena.close();
            if (pads != null) {
                pads.close();
            }
        }
    }
}
