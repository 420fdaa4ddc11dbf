package io.punktfunk.host.input;

import io.punktfunk.control.message.InputEvent;

/**
 * Kernel-level injection through uinput, independent of the display server: a virtual keyboard, a
 * relative mouse with hi-res wheels ({@code REL_WHEEL_HI_RES} counts the wire's 120 per detent 1:1),
 * an absolute pointer (0..65535 on both axes; the compositor maps that range onto the screen) and up to
 * 16 Xbox 360-layout pads with rumble ({@link UinputGamepad}). Every device is its own
 * {@code /dev/uinput} file, opened through the {@link UinputDevice.Opener} seam.
 */
final class UinputInjector implements InputInjector {
    /** Absolute pointer range: the full u16 scale, so any view size keeps sub-pixel precision. */
    static final int ABS_MAX = 65535;
    /** Wire mouse buttons 1..5 → evdev. */
    private static final int[] BUTTON = {0, Evdev.BTN_LEFT, Evdev.BTN_MIDDLE, Evdev.BTN_RIGHT, Evdev.BTN_SIDE, Evdev.BTN_EXTRA};
    private static final int KEY_LEFTSHIFT = 42;

    private final UinputDevice.Opener opener;
    private final RumbleListener rumble;
    private final boolean ffThreads;
    private final VirtualDevice keyboard;
    private final VirtualDevice mouse;
    private final VirtualDevice tablet;
    private final UinputGamepad[] pads = new UinputGamepad[InputEvent.MAX_PADS];
    private final boolean[] keyHeld = new boolean[0x300];
    private final boolean[] buttonHeld = new boolean[BUTTON.length];
    private int wheelRestV;
    private int wheelRestH;
    private volatile long rejected; // written only by the injector thread

    /** Opens the keyboard and pointer devices; pads come as clients plug them in. */
    static UinputInjector open(UinputDevice.Opener opener, RumbleListener rumble) {
        return new UinputInjector(opener, rumble, true);
    }

    /** {@code ffThreads = false}: nobody waits on the pads, the caller steps {@link #serviceForceFeedback} (tests). */
    UinputInjector(UinputDevice.Opener opener, RumbleListener rumble, boolean ffThreads) {
        this.opener = opener;
        this.rumble = rumble;
        this.ffThreads = ffThreads;
        VirtualDevice kb = null;
        VirtualDevice m = null;
        VirtualDevice t = null;
        try {
            kb = new VirtualDevice(opener.open());
            kb.enable(Evdev.UI_SET_EVBIT, Evdev.EV_KEY).enable(Evdev.UI_SET_KEYBIT, VirtualKeys.evdevCodes());
            kb.create(Evdev.BUS_VIRTUAL, 0x1209, 0x5046, 1, "punktfunk keyboard", 0);

            m = new VirtualDevice(opener.open());
            m.enable(Evdev.UI_SET_EVBIT, Evdev.EV_KEY, Evdev.EV_REL)
                    .enable(Evdev.UI_SET_KEYBIT, Evdev.BTN_LEFT, Evdev.BTN_RIGHT, Evdev.BTN_MIDDLE, Evdev.BTN_SIDE, Evdev.BTN_EXTRA)
                    .enable(Evdev.UI_SET_RELBIT, Evdev.REL_X, Evdev.REL_Y, Evdev.REL_WHEEL, Evdev.REL_HWHEEL,
                            Evdev.REL_WHEEL_HI_RES, Evdev.REL_HWHEEL_HI_RES);
            m.create(Evdev.BUS_VIRTUAL, 0x1209, 0x5047, 1, "punktfunk mouse", 0);

            t = new VirtualDevice(opener.open());
            // a button makes libinput treat the absolute device as a pointer rather than a touchscreen
            t.enable(Evdev.UI_SET_EVBIT, Evdev.EV_KEY, Evdev.EV_ABS).enable(Evdev.UI_SET_KEYBIT, Evdev.BTN_LEFT)
                    .enable(Evdev.UI_SET_ABSBIT, Evdev.ABS_X, Evdev.ABS_Y)
                    .enable(Evdev.UI_SET_PROPBIT, Evdev.INPUT_PROP_POINTER)
                    .abs(Evdev.ABS_X, 0, ABS_MAX, 0, 0).abs(Evdev.ABS_Y, 0, ABS_MAX, 0, 0);
            t.create(Evdev.BUS_VIRTUAL, 0x1209, 0x5048, 1, "punktfunk absolute pointer", 0);
        } catch (RuntimeException e) {
            if (kb != null) {
                kb.destroy();
            }
            if (m != null) {
                m.destroy();
            }
            if (t != null) {
                t.destroy();
            }
            throw e;
        }
        this.keyboard = kb;
        this.mouse = m;
        this.tablet = t;
    }

    @Override
    public String name() {
        return "uinput";
    }

    private void key(int code, boolean down) {
        keyboard.emit(Evdev.EV_KEY, code, down ? 1 : 0);
        keyboard.syn();
        keyHeld[code] = down;
    }

    @Override
    public void keyDown(int vk) {
        int code = VirtualKeys.evdev(vk);
        if (code == 0) {
            rejected++;
            return;
        }
        key(code, true);
    }

    @Override
    public void keyUp(int vk) {
        int code = VirtualKeys.evdev(vk);
        if (code != 0 && keyHeld[code]) {
            key(code, false);
        }
    }

    @Override
    public void text(int codePoint) {
        // the kernel knows keys, not characters: type US-layout ASCII; anything else needs XTest
        int k = VirtualKeys.ascii(codePoint);
        int code = VirtualKeys.evdev(k & 0xff);
        if (k == 0 || code == 0) {
            rejected++;
            return;
        }
        boolean shift = (k & 0x100) != 0 && !keyHeld[KEY_LEFTSHIFT];
        if (shift) {
            keyboard.emit(Evdev.EV_KEY, KEY_LEFTSHIFT, 1);
        }
        keyboard.emit(Evdev.EV_KEY, code, 1);
        keyboard.syn();
        keyboard.emit(Evdev.EV_KEY, code, 0);
        if (shift) {
            keyboard.emit(Evdev.EV_KEY, KEY_LEFTSHIFT, 0);
        }
        keyboard.syn();
    }

    @Override
    public void pointerAbs(int x, int y, int viewWidth, int viewHeight) {
        if (viewWidth <= 0 || viewHeight <= 0) {
            rejected++;
            return;
        }
        tablet.emit(Evdev.EV_ABS, Evdev.ABS_X, scale(x, viewWidth));
        tablet.emit(Evdev.EV_ABS, Evdev.ABS_Y, scale(y, viewHeight));
        tablet.syn();
    }

    /** Pixel {@code v} of {@code size} onto 0..ABS_MAX, clamped. */
    static int scale(int v, int size) {
        if (v <= 0 || size <= 1) {
            return 0;
        }
        return v >= size - 1 ? ABS_MAX : (int) ((long) v * ABS_MAX / (size - 1));
    }

    @Override
    public void pointerRel(int dx, int dy) {
        if (dx != 0) {
            mouse.emit(Evdev.EV_REL, Evdev.REL_X, dx);
        }
        if (dy != 0) {
            mouse.emit(Evdev.EV_REL, Evdev.REL_Y, dy);
        }
        mouse.syn();
    }

    @Override
    public void button(int button, boolean down) {
        if (button < 1 || button >= BUTTON.length) {
            rejected++;
            return;
        }
        if (!down && !buttonHeld[button]) {
            return;
        }
        mouse.emit(Evdev.EV_KEY, BUTTON[button], down ? 1 : 0);
        mouse.syn();
        buttonHeld[button] = down;
    }

    @Override
    public void scroll(int axis, int delta, boolean precise) {
        if (axis != 0 && axis != 1) {
            rejected++;
            return;
        }
        // hi-res carries the delta as is (120 per detent, same as the wire); the legacy wheel gets whole detents
        int rest = (axis == 0 ? wheelRestV : wheelRestH) + delta;
        int detents = rest / 120;
        rest -= detents * 120;
        if (axis == 0) {
            wheelRestV = rest;
            mouse.emit(Evdev.EV_REL, Evdev.REL_WHEEL_HI_RES, delta);
            if (detents != 0) {
                mouse.emit(Evdev.EV_REL, Evdev.REL_WHEEL, detents);
            }
        } else {
            wheelRestH = rest;
            mouse.emit(Evdev.EV_REL, Evdev.REL_HWHEEL_HI_RES, delta);
            if (detents != 0) {
                mouse.emit(Evdev.EV_REL, Evdev.REL_HWHEEL, detents);
            }
        }
        mouse.syn();
    }

    @Override
    public void padArrive(int pad, int kind) {
        if (pad < 0 || pad >= pads.length) {
            rejected++;
            return;
        }
        if (pads[pad] == null) {
            pads[pad] = new UinputGamepad(opener.open(), pad, rumble, ffThreads);
        }
    }

    @Override
    public void padRemove(int pad) {
        if (pad >= 0 && pad < pads.length && pads[pad] != null) {
            UinputGamepad p = pads[pad];
            pads[pad] = null;
            p.destroy();
        }
    }

    @Override
    public void padState(int pad, int buttons, int lsX, int lsY, int rsX, int rsY, int lt, int rt) {
        if (pad < 0 || pad >= pads.length || pads[pad] == null) {
            rejected++;
            return;
        }
        pads[pad].state(buttons, lsX, lsY, rsX, rsY, lt, rt);
    }

    /** Pads plugged in now. */
    int padCount() {
        int n = 0;
        for (UinputGamepad p : pads) {
            n += p != null ? 1 : 0;
        }
        return n;
    }

    /** One force-feedback step on every pad (what each pad's thread does on its own); events handled. */
    int serviceForceFeedback(long nowNs) {
        int n = 0;
        for (UinputGamepad p : pads) {
            if (p != null) {
                n += p.serviceForceFeedback(nowNs);
            }
        }
        return n;
    }

    @Override
    public void releaseAll() {
        for (int code = 0; code < keyHeld.length; code++) {
            if (keyHeld[code]) {
                keyboard.emit(Evdev.EV_KEY, code, 0);
                keyHeld[code] = false;
            }
        }
        keyboard.syn();
        for (int b = 1; b < BUTTON.length; b++) {
            if (buttonHeld[b]) {
                mouse.emit(Evdev.EV_KEY, BUTTON[b], 0);
                buttonHeld[b] = false;
            }
        }
        mouse.syn();
        wheelRestV = 0;
        wheelRestH = 0;
        for (int pad = 0; pad < pads.length; pad++) {
            padRemove(pad);
        }
    }

    @Override
    public long rejected() {
        return rejected;
    }

    @Override
    public void countRejected() {
        rejected++;
    }

    @Override
    public void close() {
        try {
            releaseAll();
        } finally {
            keyboard.destroy();
            mouse.destroy();
            tablet.destroy();
        }
    }
}
