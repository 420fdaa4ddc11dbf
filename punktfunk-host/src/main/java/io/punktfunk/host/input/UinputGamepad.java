package io.punktfunk.host.input;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual Xbox 360 pad on uinput (the kernel xpad driver's layout, so SDL and Steam map it
 * without a hint) with {@code FF_RUMBLE}, and the force-feedback protocol it must service:
 *
 * <pre>
 *  game ── EVIOCSFF ──▶ kernel ── EV_UINPUT/UI_FF_UPLOAD(request id) ──▶ read() here
 *        UI_BEGIN_FF_UPLOAD(id) → kernel fills uinput_ff_upload.effect → store rumble → retval → UI_END_FF_UPLOAD
 *  game ── EVIOCRMFF ─▶ kernel ── EV_UINPUT/UI_FF_ERASE ─▶ UI_BEGIN_FF_ERASE → forget effect → UI_END_FF_ERASE
 *  game ── write EV_FF(id, 1|0) ─▶ kernel ── EV_FF ──▶ play / stop → levels → {@link RumbleListener}
 * </pre>
 *
 * A game blocks inside EVIOCSFF until we answer, so the protocol runs on a thread of its own that
 * waits on the device ({@link #serviceForceFeedback} is that thread's step; tests call it directly).
 */
final class UinputGamepad {
    private static final Logger LOG = LoggerFactory.getLogger(UinputGamepad.class);
    /** Wire button bit → evdev code, Xbox 360 layout (reference §2.7, §3.3). */
    static final int[][] BUTTONS = {
            {0x1000, Evdev.BTN_SOUTH}, {0x2000, Evdev.BTN_EAST}, {0x4000, Evdev.BTN_NORTH}, {0x8000, Evdev.BTN_WEST},
            {0x0100, Evdev.BTN_TL}, {0x0200, Evdev.BTN_TR}, {0x0020, Evdev.BTN_SELECT}, {0x0010, Evdev.BTN_START},
            {0x0400, Evdev.BTN_MODE}, {0x0040, Evdev.BTN_THUMBL}, {0x0080, Evdev.BTN_THUMBR}};
    private static final int DPAD_UP = 0x1;
    private static final int DPAD_DOWN = 0x2;
    private static final int DPAD_LEFT = 0x4;
    private static final int DPAD_RIGHT = 0x8;
    /** Read buffer: up to 16 queued input_events per read. */
    private static final int READ_EVENTS = 16;
    /** Longest wait between two looks at effect deadlines. */
    private static final int MAX_WAIT_MS = 100;

    final int pad;
    private final VirtualDevice dev;
    private final RumbleListener rumble;
    private final ForceFeedback ff = new ForceFeedback();
    private final MemorySegment readBuf;
    private final MemorySegment upload;
    private final MemorySegment erase;
    private final Thread thread;
    private volatile boolean running = true;
    /** Last state written, to send only what changed: buttons, then ABS X, Y, RX, RY, Z, RZ, HAT0X, HAT0Y. */
    private int lastButtons;
    private final int[] lastAbs = new int[8];
    private long ffRequests;
    /** Levels last reported ({@code low << 16 | high}) and when: a level that lasts is re-sent, the wire's TTL needs it. */
    private long reportedLevel;
    private long reportedNs;
    /** Re-send period of a lasting level. */
    static final long REFRESH_NS = 100_000_000L;

    UinputGamepad(UinputDevice device, int pad, RumbleListener rumble, boolean ffThread) {
        this.pad = pad;
        this.rumble = rumble;
        this.dev = new VirtualDevice(device);
        Arena arena = Arena.ofAuto();
        this.readBuf = arena.allocate((long) READ_EVENTS * EvdevStructs.INPUT_EVENT_BYTES, 8);
        this.upload = arena.allocate(EvdevStructs.FF_UPLOAD_BYTES, 8);
        this.erase = arena.allocate(EvdevStructs.FF_ERASE_BYTES, 8);
        try {
            dev.enable(Evdev.UI_SET_EVBIT, Evdev.EV_KEY, Evdev.EV_ABS, Evdev.EV_FF);
            for (int[] b : BUTTONS) {
                dev.enable(Evdev.UI_SET_KEYBIT, b[1]);
            }
            dev.enable(Evdev.UI_SET_ABSBIT, Evdev.ABS_X, Evdev.ABS_Y, Evdev.ABS_RX, Evdev.ABS_RY, Evdev.ABS_Z, Evdev.ABS_RZ,
                    Evdev.ABS_HAT0X, Evdev.ABS_HAT0Y);
            dev.enable(Evdev.UI_SET_FFBIT, Evdev.FF_RUMBLE);
            for (int axis : new int[] {Evdev.ABS_X, Evdev.ABS_Y, Evdev.ABS_RX, Evdev.ABS_RY}) {
                dev.abs(axis, -32768, 32767, 16, 128); // xpad's fuzz and flat
            }
            dev.abs(Evdev.ABS_Z, 0, 255, 0, 0);
            dev.abs(Evdev.ABS_RZ, 0, 255, 0, 0);
            dev.abs(Evdev.ABS_HAT0X, -1, 1, 0, 0);
            dev.abs(Evdev.ABS_HAT0Y, -1, 1, 0, 0);
            dev.create(Evdev.BUS_USB, 0x045e, 0x028e, 0x0110, "punktfunk pad " + pad + " (Xbox 360 layout)",
                    ForceFeedback.MAX_EFFECTS);
        } catch (RuntimeException e) {
            dev.destroy();
            throw e;
        }
        this.thread = ffThread ? Thread.ofPlatform().name("pkf-pad" + pad + "-ff").daemon().start(this::runForceFeedback) : null;
    }

    /** Writes the pad's state; only changed buttons and axes, then one SYN_REPORT. */
    void state(int buttons, int lsX, int lsY, int rsX, int rsY, int lt, int rt) {
        int changed = buttons ^ lastButtons;
        for (int[] b : BUTTONS) {
            if ((changed & b[0]) != 0) {
                dev.emit(Evdev.EV_KEY, b[1], (buttons & b[0]) != 0 ? 1 : 0);
            }
        }
        lastButtons = buttons;
        int hatX = ((buttons & DPAD_RIGHT) != 0 ? 1 : 0) - ((buttons & DPAD_LEFT) != 0 ? 1 : 0);
        int hatY = ((buttons & DPAD_DOWN) != 0 ? 1 : 0) - ((buttons & DPAD_UP) != 0 ? 1 : 0);
        // the wire's sticks are +y up, evdev's +y down
        abs(0, Evdev.ABS_X, lsX);
        abs(1, Evdev.ABS_Y, flipY(lsY));
        abs(2, Evdev.ABS_RX, rsX);
        abs(3, Evdev.ABS_RY, flipY(rsY));
        abs(4, Evdev.ABS_Z, lt);
        abs(5, Evdev.ABS_RZ, rt);
        abs(6, Evdev.ABS_HAT0X, hatX);
        abs(7, Evdev.ABS_HAT0Y, hatY);
        dev.syn();
    }

    private static int flipY(int y) {
        return Math.min(32767, -y);
    }

    private void abs(int slot, int code, int value) {
        if (lastAbs[slot] != value) {
            lastAbs[slot] = value;
            dev.emit(Evdev.EV_ABS, code, value);
        }
    }

    /** Releases every button and centres the sticks (the device stays). */
    void neutral() {
        state(0, 0, 0, 0, 0, 0, 0);
    }

    private void runForceFeedback() {
        while (running) {
            try {
                long wait = ff.nextDeadlineNs(System.nanoTime());
                int waitMs = wait < 0 ? MAX_WAIT_MS : (int) Math.min(MAX_WAIT_MS, wait / 1_000_000 + 1);
                dev.device.awaitReadable(waitMs);
                if (running) {
                    serviceForceFeedback(System.nanoTime());
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("pad {}: force feedback stopped: {}", pad, e.toString());
                }
                return;
            }
        }
    }

    /**
     * Reads and answers whatever the kernel queued (uploads, erases, plays, stops), then reports the
     * motor levels if they changed. Returns the number of events handled.
     */
    int serviceForceFeedback(long nowNs) {
        int handled = 0;
        int n;
        while ((n = dev.device.read(readBuf)) > 0) {
            for (int off = 0; off + EvdevStructs.INPUT_EVENT_BYTES <= n; off += EvdevStructs.INPUT_EVENT_BYTES) {
                handle(EvdevStructs.eventType(readBuf, off), EvdevStructs.eventCode(readBuf, off),
                        EvdevStructs.eventValue(readBuf, off), nowNs);
                handled++;
            }
        }
        long level = ff.level(nowNs);
        if (level < 0 && reportedLevel != 0 && nowNs - reportedNs >= REFRESH_NS) {
            level = reportedLevel; // unchanged but still playing: refresh before the client's TTL runs out
        }
        if (level >= 0) {
            reportedLevel = level;
            reportedNs = nowNs;
            rumble.onRumble(pad, (int) (level >>> 16), (int) (level & 0xffff));
        }
        return handled;
    }

    private void handle(int type, int code, int value, long nowNs) {
        if (type == Evdev.EV_UINPUT && code == Evdev.UI_FF_UPLOAD) {
            ffRequests++;
            EvdevStructs.requestId(upload, 0, value);
            dev.device.ioctl(Evdev.UI_BEGIN_FF_UPLOAD, upload);
            long e = EvdevStructs.FF_UPLOAD_EFFECT;
            boolean ok = EvdevStructs.effectType(upload, e) == Evdev.FF_RUMBLE
                    && ff.upload(EvdevStructs.effectId(upload, e), EvdevStructs.rumbleStrong(upload, e),
                    EvdevStructs.rumbleWeak(upload, e), EvdevStructs.effectLengthMs(upload, e), nowNs);
            EvdevStructs.retval(upload, 0, ok ? 0 : -Evdev.EINVAL);
            dev.device.ioctl(Evdev.UI_END_FF_UPLOAD, upload);
        } else if (type == Evdev.EV_UINPUT && code == Evdev.UI_FF_ERASE) {
            ffRequests++;
            EvdevStructs.requestId(erase, 0, value);
            dev.device.ioctl(Evdev.UI_BEGIN_FF_ERASE, erase);
            ff.erase(EvdevStructs.eraseEffectId(erase, 0));
            EvdevStructs.retval(erase, 0, 0);
            dev.device.ioctl(Evdev.UI_END_FF_ERASE, erase);
        } else if (type == Evdev.EV_FF && code == Evdev.FF_GAIN) {
            ff.gain(value);
        } else if (type == Evdev.EV_FF) {
            ff.play(code, value, nowNs);
        }
    }

    /** Upload and erase requests answered so far. */
    long ffRequests() {
        return ffRequests;
    }

    /** Stops the force-feedback thread, silences the client's motors and removes the device. */
    void destroy() {
        running = false;
        if (thread != null) {
            try {
                thread.join(2 * MAX_WAIT_MS + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            neutral();
        } catch (RuntimeException e) {
            // the device is going away anyway
        }
        rumble.onRumble(pad, 0, 0);
        dev.destroy();
    }
}
