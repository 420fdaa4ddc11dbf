package io.punktfunk.client.input.gamepad;

import io.punktfunk.control.message.InputEvent;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's physical gamepads: finds evdev devices that look like pads (a south face button and a left
 * stick), gives each a wire slot 0..15, and turns their events into wire input: {@code GamepadArrival}
 * when a pad appears, one sequenced {@code GamepadState} per {@code SYN_REPORT} that changed something,
 * {@code GamepadRemove} when it goes. The host's rumble comes back through {@link #rumble} and is played
 * with an {@code FF_RUMBLE} effect on the pad.
 *
 * <pre>
 * gamepad thread:  rescan (hot-plug, every second) → poll(fds) → read input_events → map → send
 * rumble thread:   rumble(pad, low, high) → EVIOCSFF upload/update → write EV_FF play / stop
 * </pre>
 *
 * {@link #rescan()} and {@link #pump(int)} are public so tests step them by hand on a recorded
 * {@link EvdevIo}; {@link #start} runs them on a thread over the real {@code /dev/input}.
 */
public final class EvdevGamepads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvdevGamepads.class);
    /**
     * How often the device list is scanned for hot-plugged pads; with inotify on {@code /dev/input} a new node
     * is seen at once and this is only the fallback.
     */
    static final long RESCAN_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int READ_EVENTS = 64;
    private static final int KEY_BYTES = (Evdev.KEY_MAX + 1) / 8;
    private static final int ABS_BYTES = (Evdev.ABS_MAX + 1) / 8;
    private static final int FF_BYTES = (Evdev.FF_MAX + 1) / 8;

    private final EvdevIo io;
    private final Consumer<InputEvent> send;
    private final Executor rumbleExecutor;
    private final AtomicReferenceArray<Pad> slots = new AtomicReferenceArray<>(InputEvent.MAX_PADS);
    /** Per slot, carried across re-arrivals so the host's gate never sees a step back (docs/control-plane.md §6.1). */
    private final int[] seq = new int[InputEvent.MAX_PADS];
    private final List<Pad> pads = new ArrayList<>();
    /** Paths that are not pads (or failed to open), skipped until they vanish. */
    private final Set<String> ignored = new HashSet<>();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment readBuf = arena.allocate((long) READ_EVENTS * Evdev.INPUT_EVENT_BYTES, 8);
    /** Scratch for capability bits (96 B of keys) and the name (128 B). */
    private final MemorySegment probe = arena.allocate(128, 8);
    private final int[] pollFds = new int[InputEvent.MAX_PADS + 1];
    private final boolean[] ready = new boolean[InputEvent.MAX_PADS + 1];
    /** inotify fd on the device directory, or negative. */
    private int watchFd = -2;
    private boolean warnedAccess;
    private volatile boolean running = true;
    private Thread thread;
    private ExecutorService ownExecutor;

    /**
     * @param send           where wire events go ({@code ClientControlSession::sendInput}), called on the gamepad thread
     * @param rumbleExecutor runs the force-feedback syscalls off the caller's thread (the control event loop)
     */
    public EvdevGamepads(EvdevIo io, Consumer<InputEvent> send, Executor rumbleExecutor) {
        this.io = io;
        this.send = send;
        this.rumbleExecutor = rumbleExecutor;
    }

    /** Reads the real {@code /dev/input} on a daemon thread until {@link #close}. */
    public static EvdevGamepads start(Consumer<InputEvent> send) {
        ExecutorService rumble = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("pkf-rumble").daemon()
                .unstarted(r));
        EvdevGamepads g = new EvdevGamepads(LibcEvdevIo.system(), send, rumble);
        g.ownExecutor = rumble;
        g.thread = Thread.ofPlatform().name("pkf-gamepads").daemon().start(g::run);
        return g;
    }

    private void run() {
        long lastScan = System.nanoTime() - RESCAN_NS;
        try {
            while (running) {
                long now = System.nanoTime();
                if (now - lastScan >= RESCAN_NS) {
                    rescan();
                    lastScan = now;
                }
                pump(250);
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("gamepads stopped: {}", e.toString());
        }
    }

    /** Pads now attached. */
    public synchronized int padCount() {
        return pads.size();
    }

    /** Opens new pads and removes those whose device node is gone. */
    public synchronized void rescan() throws IOException {
        List<String> present = io.devices();
        ignored.retainAll(present);
        for (Pad pad : new ArrayList<>(pads)) {
            if (!present.contains(pad.path)) {
                remove(pad);
            }
        }
        for (String path : present) {
            if (ignored.contains(path) || pads.stream().anyMatch(p -> p.path.equals(path))) {
                continue;
            }
            int slot = freeSlot();
            if (slot < 0) {
                break; // 16 pads already: the rest wait for a free slot
            }
            int fd = io.open(path);
            if (fd < 0) {
                if (fd == -13 && !warnedAccess) {
                    warnedAccess = true;
                    LOG.info("cannot open {} (permission denied): gamepads need read access to /dev/input "
                            + "(e.g. membership of the input group)", path);
                }
                continue; // tried again next scan: udev may set the node's permissions just after creating it
            }
            Pad pad = probe(path, fd, slot);
            if (pad == null) {
                io.close(fd);
                ignored.add(path);
                continue;
            }
            pads.add(pad);
            slots.set(slot, pad);
            LOG.info("gamepad {} \"{}\" on {}{}", slot, pad.name, path, pad.rumble ? " (rumble)" : "");
            send.accept(InputEvent.gamepadArrival(slot, 0, pad.rumble, false));
            sendState(pad); // whatever is held or deflected already
        }
    }

    private int freeSlot() {
        for (int i = 0; i < InputEvent.MAX_PADS; i++) {
            if (slots.get(i) == null) {
                return i;
            }
        }
        return -1;
    }

    /** A pad if the device has a south button and a left stick; reads names, ranges and FF support. */
    private Pad probe(String path, int fd, int slot) {
        MemorySegment bits = probe.asSlice(0, KEY_BYTES);
        bits.fill((byte) 0);
        if (io.ioctl(fd, Evdev.eviocgbit(Evdev.EV_KEY, KEY_BYTES), bits) < 0 || !Evdev.testBit(bits, Evdev.BTN_SOUTH)) {
            return null;
        }
        MemorySegment abs = probe.asSlice(0, ABS_BYTES);
        abs.fill((byte) 0);
        if (io.ioctl(fd, Evdev.eviocgbit(Evdev.EV_ABS, ABS_BYTES), abs) < 0 || !Evdev.testBit(abs, Evdev.ABS_X)) {
            return null;
        }
        Pad pad = new Pad(path, fd, slot, arena);
        long absPresent = 0;
        for (int a = 0; a <= Evdev.ABS_MAX; a++) {
            if (Evdev.testBit(abs, a)) {
                absPresent |= 1L << a;
            }
        }
        for (int a = 0; a <= Evdev.ABS_MAX; a++) {
            if ((absPresent & (1L << a)) != 0 && io.ioctl(fd, Evdev.eviocgabs(a), pad.absInfo) >= 0) {
                pad.min[a] = Evdev.absMin(pad.absInfo);
                pad.max[a] = Evdev.absMax(pad.absInfo);
                pad.present |= 1L << a;
                pad.abs(a, Evdev.absValue(pad.absInfo));
            }
        }
        MemorySegment ff = probe.asSlice(0, FF_BYTES);
        ff.fill((byte) 0);
        pad.rumble = io.ioctl(fd, Evdev.eviocgbit(Evdev.EV_FF, FF_BYTES), ff) >= 0 && Evdev.testBit(ff, Evdev.FF_RUMBLE);
        MemorySegment name = probe.asSlice(0, 128);
        name.fill((byte) 0);
        pad.name = io.ioctl(fd, Evdev.eviocgname(128), name) >= 0 ? name.getString(0) : path;
        return pad;
    }

    /**
     * Waits up to {@code timeoutMs} for pad events, reads and maps what arrived; returns the wire events sent.
     * A pad that reports {@code ENODEV} (unplugged) is removed.
     */
    public int pump(int timeoutMs) {
        int count;
        synchronized (this) {
            if (watchFd == -2) {
                watchFd = io.watchDevices();
            }
            count = pads.size();
            for (int i = 0; i < count; i++) {
                pollFds[i] = pads.get(i).fd;
            }
        }
        boolean watching = watchFd >= 0;
        if (watching) {
            pollFds[count] = watchFd;
        }
        int n = io.poll(pollFds, watching ? count + 1 : count, ready, timeoutMs);
        if (n <= 0) {
            return 0;
        }
        int sent = 0;
        if (watching && ready[count]) {
            ready[count] = false;
            io.drainWatch(watchFd);
            try {
                rescan(); // a node came, went or became readable
            } catch (IOException e) {
                LOG.debug("rescan: {}", e.toString());
            }
        }
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                if (!ready[i]) {
                    continue;
                }
                ready[i] = false;
                Pad pad = padWithFd(pollFds[i]);
                if (pad != null) {
                    sent += drain(pad);
                }
            }
        }
        return sent;
    }

    /** The open pad on {@code fd} (a plain loop: this runs per report, up to ~1000 times a second per pad). */
    private Pad padWithFd(int fd) {
        for (int i = 0; i < pads.size(); i++) {
            if (pads.get(i).fd == fd) {
                return pads.get(i);
            }
        }
        return null;
    }

    private int drain(Pad pad) {
        int sent = 0;
        while (true) {
            int r = io.read(pad.fd, readBuf);
            if (r == -EvdevIo.EAGAIN || r == 0) {
                return sent;
            }
            if (r < 0) {
                remove(pad); // ENODEV: unplugged (or any other error: the device is unusable)
                return sent + 1;
            }
            for (long off = 0; off + Evdev.INPUT_EVENT_BYTES <= r; off += Evdev.INPUT_EVENT_BYTES) {
                if (onEvent(pad, Evdev.eventType(readBuf, off), Evdev.eventCode(readBuf, off),
                        Evdev.eventValue(readBuf, off))) {
                    sent++;
                }
            }
        }
    }

    /** Applies one event; true when it completed a changed state that was sent. */
    private boolean onEvent(Pad pad, int type, int code, int value) {
        switch (type) {
            case Evdev.EV_KEY -> {
                if (!pad.dropping) {
                    pad.key(code, value != 0);
                }
            }
            case Evdev.EV_ABS -> {
                if (!pad.dropping) {
                    pad.abs(code, value);
                }
            }
            case Evdev.EV_SYN -> {
                if (code == Evdev.SYN_DROPPED) {
                    pad.dropping = true; // the kernel's buffer overflowed: ignore until the next report, then resync
                } else if (code == Evdev.SYN_REPORT) {
                    if (pad.dropping) {
                        pad.dropping = false;
                        resync(pad);
                    }
                    if (pad.dirty) {
                        sendState(pad);
                        return true;
                    }
                }
            }
            default -> { }
        }
        return false;
    }

    /** After {@code SYN_DROPPED}: read the whole key and axis state from the device. */
    private void resync(Pad pad) {
        MemorySegment keys = probe.asSlice(0, KEY_BYTES);
        keys.fill((byte) 0);
        if (io.ioctl(pad.fd, Evdev.eviocgkey(KEY_BYTES), keys) >= 0) {
            pad.buttons = 0;
            pad.digitalLt = false;
            pad.digitalRt = false;
            for (int code = Evdev.BTN_SOUTH; code <= Evdev.KEY_MAX; code++) {
                if (Evdev.testBit(keys, code)) {
                    pad.key(code, true);
                }
            }
        }
        for (int a = 0; a <= Evdev.ABS_MAX; a++) {
            if ((pad.present & (1L << a)) != 0 && io.ioctl(pad.fd, Evdev.eviocgabs(a), pad.absInfo) >= 0) {
                pad.abs(a, Evdev.absValue(pad.absInfo));
            }
        }
        pad.dirty = true;
    }

    private void sendState(Pad pad) {
        pad.dirty = false;
        int s = seq[pad.slot] = (seq[pad.slot] + 1) & 0xFF;
        send.accept(InputEvent.gamepadState(pad.slot, s, pad.buttons, pad.lsX, pad.lsY, pad.rsX, pad.rsY, pad.lt(),
                pad.rt()));
    }

    private void remove(Pad pad) {
        pads.remove(pad);
        slots.compareAndSet(pad.slot, pad, null);
        int s = seq[pad.slot] = (seq[pad.slot] + 1) & 0xFF;
        send.accept(InputEvent.gamepadRemove(pad.slot, s));
        LOG.info("gamepad {} \"{}\" gone", pad.slot, pad.name);
        rumbleExecutor.execute(() -> {
            pad.closed = true; // after any rumble already queued for it
            io.close(pad.fd);
        });
    }

    /**
     * Sets pad {@code pad}'s motors (strong, weak: 0..65535; both 0 = stop). Any thread; the syscalls run on
     * the rumble executor. Pads without {@code FF_RUMBLE} or write access ignore it.
     */
    public void rumble(int pad, int low, int high) {
        Pad p = pad >= 0 && pad < InputEvent.MAX_PADS ? slots.get(pad) : null;
        if (p == null || !p.rumble) {
            return;
        }
        rumbleExecutor.execute(() -> applyRumble(p, low, high));
    }

    private void applyRumble(Pad p, int strong, int weak) {
        if (p.closed) {
            return;
        }
        if (strong == 0 && weak == 0) {
            if (p.effectId >= 0 && p.playing) {
                play(p, 0);
            }
            return;
        }
        Evdev.writeRumbleEffect(p.effect, p.effectId, strong, weak);
        if (io.ioctl(p.fd, Evdev.EVIOCSFF, p.effect) < 0) {
            p.rumble = false; // read-only fd or a driver that refuses: stop trying
            return;
        }
        p.effectId = Evdev.effectId(p.effect);
        if (!p.playing) {
            play(p, 1);
        }
    }

    private void play(Pad p, int value) {
        Evdev.writeEvent(p.play, 0, Evdev.EV_FF, p.effectId, value);
        boolean written = io.write(p.fd, p.play) == Evdev.INPUT_EVENT_BYTES;
        p.playing = value != 0 && written;
    }

    /** Stops every motor, tells the host each pad is gone and closes the devices. */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            for (Pad pad : new ArrayList<>(pads)) {
                rumbleExecutor.execute(() -> applyRumble(pad, 0, 0));
                remove(pad);
            }
        }
        if (watchFd >= 0) {
            io.close(watchFd);
            watchFd = -1;
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
            try {
                ownExecutor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One open pad: its ranges, its state as the wire sees it, its rumble effect. */
    static final class Pad {
        final String path;
        final int fd;
        final int slot;
        final int[] min = new int[Evdev.ABS_MAX + 1];
        final int[] max = new int[Evdev.ABS_MAX + 1];
        final MemorySegment absInfo;
        final MemorySegment effect;
        final MemorySegment play;
        long present;
        String name;
        volatile boolean rumble;
        int buttons;
        int lsX;
        int lsY;
        int rsX;
        int rsY;
        int analogLt;
        int analogRt;
        boolean digitalLt;
        boolean digitalRt;
        boolean dirty;
        boolean dropping;
        /** Rumble thread only. */
        int effectId = -1;
        boolean playing;
        volatile boolean closed;

        Pad(String path, int fd, int slot, Arena arena) {
            this.path = path;
            this.fd = fd;
            this.slot = slot;
            this.absInfo = arena.allocate(Evdev.ABSINFO_BYTES, 8);
            this.effect = arena.allocate(Evdev.FF_EFFECT_BYTES, 8);
            this.play = arena.allocate(Evdev.INPUT_EVENT_BYTES, 8);
        }

        int lt() {
            return hasAxis(Evdev.ABS_Z) || hasAxis(Evdev.ABS_BRAKE) ? analogLt : digitalLt ? 255 : 0;
        }

        int rt() {
            return hasAxis(Evdev.ABS_RZ) || hasAxis(Evdev.ABS_GAS) ? analogRt : digitalRt ? 255 : 0;
        }

        boolean hasAxis(int a) {
            return (present & (1L << a)) != 0;
        }

        void key(int code, boolean down) {
            int bit = switch (code) {
                case Evdev.BTN_SOUTH -> InputEvent.PAD_A;
                case Evdev.BTN_EAST -> InputEvent.PAD_B;
                case Evdev.BTN_NORTH -> InputEvent.PAD_X; // BTN_X: xpad's X (left) button
                case Evdev.BTN_WEST -> InputEvent.PAD_Y;  // BTN_Y
                case Evdev.BTN_TL -> InputEvent.PAD_LB;
                case Evdev.BTN_TR -> InputEvent.PAD_RB;
                case Evdev.BTN_SELECT -> InputEvent.PAD_BACK;
                case Evdev.BTN_START -> InputEvent.PAD_START;
                case Evdev.BTN_MODE -> InputEvent.PAD_GUIDE;
                case Evdev.BTN_THUMBL -> InputEvent.PAD_LS_CLICK;
                case Evdev.BTN_THUMBR -> InputEvent.PAD_RS_CLICK;
                case Evdev.BTN_DPAD_UP -> InputEvent.PAD_DPAD_UP;
                case Evdev.BTN_DPAD_DOWN -> InputEvent.PAD_DPAD_DOWN;
                case Evdev.BTN_DPAD_LEFT -> InputEvent.PAD_DPAD_LEFT;
                case Evdev.BTN_DPAD_RIGHT -> InputEvent.PAD_DPAD_RIGHT;
                case Evdev.BTN_TRIGGER_HAPPY1 -> InputEvent.PAD_PADDLE1;
                case Evdev.BTN_TRIGGER_HAPPY1 + 1 -> InputEvent.PAD_PADDLE2;
                case Evdev.BTN_TRIGGER_HAPPY1 + 2 -> InputEvent.PAD_PADDLE3;
                case Evdev.BTN_TRIGGER_HAPPY1 + 3 -> InputEvent.PAD_PADDLE4;
                default -> 0;
            };
            if (bit != 0) {
                int before = buttons;
                buttons = down ? buttons | bit : buttons & ~bit;
                dirty |= before != buttons;
            } else if (code == Evdev.BTN_TL2 || code == Evdev.BTN_TR2) {
                if (code == Evdev.BTN_TL2) {
                    dirty |= digitalLt != down;
                    digitalLt = down;
                } else {
                    dirty |= digitalRt != down;
                    digitalRt = down;
                }
            }
        }

        void abs(int code, int value) {
            if (code < 0 || code > Evdev.ABS_MAX) {
                return;
            }
            switch (code) {
                case Evdev.ABS_X -> lsX = set(lsX, stick(code, value));
                case Evdev.ABS_Y -> lsY = set(lsY, invert(stick(code, value))); // evdev +y is down, the wire's up
                case Evdev.ABS_RX -> rsX = set(rsX, stick(code, value));
                case Evdev.ABS_RY -> rsY = set(rsY, invert(stick(code, value)));
                case Evdev.ABS_Z, Evdev.ABS_BRAKE -> analogLt = set(analogLt, trigger(code, value));
                case Evdev.ABS_RZ, Evdev.ABS_GAS -> analogRt = set(analogRt, trigger(code, value));
                case Evdev.ABS_HAT0X -> hat(value, InputEvent.PAD_DPAD_LEFT, InputEvent.PAD_DPAD_RIGHT);
                case Evdev.ABS_HAT0Y -> hat(value, InputEvent.PAD_DPAD_UP, InputEvent.PAD_DPAD_DOWN);
                default -> { }
            }
        }

        private int set(int old, int now) {
            dirty |= old != now;
            return now;
        }

        private void hat(int value, int negative, int positive) {
            int before = buttons;
            buttons &= ~(negative | positive);
            buttons |= value < 0 ? negative : value > 0 ? positive : 0;
            dirty |= before != buttons;
        }

        /** [min, max] → i16; a symmetric i16 range maps to itself. */
        private int stick(int code, int value) {
            long span = (long) max[code] - min[code];
            if (span <= 0) {
                return 0;
            }
            long v = Math.clamp((long) value, min[code], max[code]);
            return (int) ((v - min[code]) * 65535 / span - 32768);
        }

        private static int invert(int v) {
            return Math.clamp(-(long) v, -32768, 32767);
        }

        /** [min, max] → 0..255. */
        private int trigger(int code, int value) {
            long span = (long) max[code] - min[code];
            if (span <= 0) {
                return 0;
            }
            long v = Math.clamp((long) value, min[code], max[code]);
            return (int) ((v - min[code]) * 255 / span);
        }
    }
}
