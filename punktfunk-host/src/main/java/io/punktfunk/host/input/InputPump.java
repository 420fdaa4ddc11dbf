package io.punktfunk.host.input;

import io.punktfunk.control.message.InputEvent;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The injector thread: takes decoded events from a bounded queue ({@link #offer} never blocks, so the
 * Netty event loop never waits; a full queue is a counted drop) and applies them to the one
 * {@link InputInjector}, flushing once per batch. Commands (release everything, close) ride a separate
 * unbounded queue so they are never dropped. Pad state is mirrored here so per-button and per-axis
 * events become whole-pad updates.
 *
 * <pre>
 *  event loop ──offer──▶ [ bounded queue ] ──▶ pkf-input thread ──▶ injector ──▶ X server / uinput
 *  lifecycle  ──command──▶ [ commands ] ──────────┘
 * </pre>
 */
public final class InputPump implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InputPump.class);
    /** Queue slots: about 1 s of a 1000 Hz mouse; beyond that the injector is hopelessly behind. */
    public static final int DEFAULT_CAPACITY = 1024;
    /** Events applied between two flushes at most, so a burst still reaches the desktop in slices. */
    private static final int BATCH = 64;
    private static final Object WAKE = new Object();

    private final InputInjector injector;
    private final ArrayBlockingQueue<Object> queue;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private volatile long injected;
    private volatile long failed;
    private volatile boolean running = true;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    // pad mirror, touched only by the injector thread
    private final int[] padButtons = new int[InputEvent.MAX_PADS];
    /** Per pad: ls x, ls y, rs x, rs y, lt, rt (wire units: sticks i16 with +y up, triggers 0..255). */
    private final int[][] padAxes = new int[InputEvent.MAX_PADS][6];
    private final boolean[] padPresent = new boolean[InputEvent.MAX_PADS];

    public InputPump(InputInjector injector, int capacity) {
        this.injector = injector;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("pkf-input").daemon().start(this::run);
    }

    /** The backend this pump drives. */
    public InputInjector injector() {
        return injector;
    }

    /** Queues one event; false (and counted) when the queue is full. Never blocks. */
    public boolean offer(InputEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /** Runs {@code command} on the injector thread after the events queued before it. */
    public void command(Runnable command) {
        commands.add(command);
        queue.offer(WAKE); // if full, the thread is busy and looks at the commands after this batch anyway
    }

    /** Events lost to a full queue. */
    public long dropped() {
        return dropped.get();
    }

    /** Events handed to the injector. */
    public long injected() {
        return injected;
    }

    /** Events whose injection threw (logged once each kind of failure, never fatal). */
    public long failed() {
        return failed;
    }

    private void run() {
        try {
            while (running) {
                Object first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    runCommands();
                    continue;
                }
                int n = 0;
                for (Object o = first; o != null; o = n < BATCH ? queue.poll() : null) {
                    if (o instanceof InputEvent e) {
                        apply(e);
                    } else if (o == WAKE) {
                        flush(); // a command's place in the queue: the events before it are applied first
                        runCommands();
                    }
                    n++;
                }
                flush();
                runCommands();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runCommands();
            try {
                injector.close(); // here too, so every backend call stays on this thread
            } catch (RuntimeException e) {
                LOG.warn("closing input backend {}: {}", injector.name(), e.toString());
            }
            stopped.countDown();
        }
    }

    private void runCommands() {
        for (Runnable c = commands.poll(); c != null; c = commands.poll()) {
            try {
                c.run();
            } catch (RuntimeException e) {
                LOG.warn("input command failed: {}", e.toString());
            }
        }
    }

    private void flush() {
        try {
            injector.flush();
        } catch (RuntimeException e) {
            failed++;
        }
    }

    private void apply(InputEvent e) {
        try {
            dispatch(e);
            injected++;
        } catch (RuntimeException ex) {
            if (failed++ == 0) {
                LOG.warn("input injection failed ({}), further failures are only counted: {}", injector.name(), ex.toString());
            }
        }
    }

    private void dispatch(InputEvent e) {
        int code = e.code();
        int x = e.x();
        int y = e.y();
        int flags = e.flags();
        switch (e.kind()) {
            case InputEvent.KEY_DOWN -> injector.keyDown(code);
            case InputEvent.KEY_UP -> injector.keyUp(code);
            case InputEvent.MOUSE_MOVE -> injector.pointerRel(x, y);
            case InputEvent.MOUSE_MOVE_ABS -> injector.pointerAbs(x, y, flags >>> 16, flags & 0xffff);
            case InputEvent.MOUSE_BUTTON_DOWN -> injector.button(code, true);
            case InputEvent.MOUSE_BUTTON_UP -> injector.button(code, false);
            case InputEvent.MOUSE_SCROLL -> injector.scroll(code, x, (flags & InputEvent.SCROLL_FLAG_PRECISE) != 0);
            case InputEvent.SCROLL -> injector.scroll(code, x >> 8, (flags & 0xff) != 0); // Q24.8 → 120 per detent
            case InputEvent.TEXT_INPUT -> injector.text(code);
            case InputEvent.TOUCH_DOWN, InputEvent.TOUCH_MOVE, InputEvent.TOUCH_UP -> touch(e.kind(), code, x, y, flags);
            case InputEvent.GAMEPAD_ARRIVAL -> padArrive(flags & 0xff, code & 0xff);
            case InputEvent.GAMEPAD_REMOVE -> padRemove(flags & 0xff);
            case InputEvent.GAMEPAD_BUTTON -> padButton(flags & 0xff, code, x != 0);
            case InputEvent.GAMEPAD_AXIS -> padAxis(flags & 0xff, code, x);
            case InputEvent.GAMEPAD_STATE -> padState(flags & 0xff, code, x, y, flags);
            default -> injector.countRejected();
        }
    }

    /** Touch id 0 drives the pointer (down = left button); other fingers need a touch backend. */
    private void touch(int kind, int id, int x, int y, int flags) {
        if (id != 0) {
            injector.countRejected();
            return;
        }
        injector.pointerAbs(x, y, flags >>> 16, flags & 0xffff);
        if (kind == InputEvent.TOUCH_DOWN) {
            injector.button(1, true);
        } else if (kind == InputEvent.TOUCH_UP) {
            injector.button(1, false);
        }
    }

    private boolean padIndexOk(int pad) {
        if (pad < InputEvent.MAX_PADS) {
            return true;
        }
        injector.countRejected();
        return false;
    }

    private void padArrive(int pad, int kind) {
        if (padIndexOk(pad) && !padPresent[pad]) {
            padPresent[pad] = true;
            injector.padArrive(pad, kind);
        }
    }

    private void padRemove(int pad) {
        if (padIndexOk(pad) && padPresent[pad]) {
            padPresent[pad] = false;
            padButtons[pad] = 0;
            java.util.Arrays.fill(padAxes[pad], 0);
            injector.padRemove(pad);
        }
    }

    private void padButton(int pad, int bit, boolean down) {
        if (padIndexOk(pad)) {
            padButtons[pad] = down ? padButtons[pad] | bit : padButtons[pad] & ~bit;
            pushPad(pad);
        }
    }

    private void padAxis(int pad, int axis, int value) {
        if (!padIndexOk(pad)) {
            return;
        }
        if (axis < 0 || axis > 5) {
            injector.countRejected();
            return;
        }
        padAxes[pad][axis] = axis < 4 ? clamp16(value) : Math.max(0, Math.min(255, value));
        pushPad(pad);
    }

    private void padState(int pad, int buttons, int x, int y, int flags) {
        if (padIndexOk(pad)) {
            padButtons[pad] = buttons;
            int[] a = padAxes[pad];
            a[0] = (short) (x >>> 16);
            a[1] = (short) x;
            a[2] = (short) (y >>> 16);
            a[3] = (short) y;
            a[4] = (flags >>> 16) & 0xff;
            a[5] = (flags >>> 8) & 0xff;
            pushPad(pad);
        }
    }

    private void pushPad(int pad) {
        padArrive(pad, 0); // state for a pad the client never announced: plug in an Xbox 360 pad first
        int[] a = padAxes[pad];
        injector.padState(pad, padButtons[pad], a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    private static int clamp16(int v) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    /** Queues a release of every key, button and pad (the owner is gone); pads are unplugged. */
    public void releaseAll() {
        command(() -> {
            injector.releaseAll();
            java.util.Arrays.fill(padPresent, false);
            java.util.Arrays.fill(padButtons, 0);
            for (int[] a : padAxes) {
                java.util.Arrays.fill(a, 0);
            }
            try {
                injector.flush();
            } catch (RuntimeException e) {
                failed++;
            }
        });
    }

    /** Waits until every event and command queued so far has been applied (tests, benchmarks). */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        command(done::countDown);
        return done.await(timeout, unit);
    }

    /**
     * Stops the thread, which releases everything and closes the injector on its way out. Safe to call
     * from several threads at once (a shutdown hook racing the normal exit): the backend is closed once,
     * every caller returns when it is.
     */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            command(() -> running = false);
        }
        try {
            if (!stopped.await(5, TimeUnit.SECONDS)) {
                // a backend call hangs (X server gone?): leave the handles rather than free them under it
                LOG.warn("input thread did not stop within 5 s; its backend is left open");
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
