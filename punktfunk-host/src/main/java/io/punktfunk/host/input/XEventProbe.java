package io.punktfunk.host.input;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watches an X display the way a desktop client would and reports what injected input did there:
 * key, button and motion events delivered to the root window (each stamped with {@link System#nanoTime}
 * when read), the pointer position ({@code XQueryPointer}) and key state ({@code XQueryKeymap}). Used by
 * the end-to-end tests and the input latency benchmark. Two connections: one read by the probe's own
 * thread, one for the queries, so neither is used by two threads at once.
 */
@SuppressWarnings("restricted") // libc poll through FFM
public final class XEventProbe implements AutoCloseable {
    /**
     * One X event as seen by the probe: {@code detail} is the keycode or button, {@code state} the
     * modifier mask, {@code keysym} what a client would read from a key event (shift applied) under the
     * keymap in force when it was read.
     */
    public record Event(int type, int detail, int state, long keysym, int rootX, int rootY, long atNs) {
    }

    private static final MethodHandle POLL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("poll").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private final Xlib x;
    private final MemorySegment reader;
    private final MemorySegment query;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private XEventProbe(String display) {
        x = Xlib.load();
        reader = x.open(display).orElseThrow(() -> new IllegalStateException("cannot open X display " + display));
        query = x.open(display).orElseThrow(() -> new IllegalStateException("cannot open X display " + display));
        try {
            int ignored = (int) x.selectInput.invokeExact(reader, x.root(reader), Xlib.OBSERVE_MASK);
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
        x.sync(reader); // the selection is in force before anyone injects
        thread = Thread.ofPlatform().name("pkf-xprobe").daemon().start(this::run);
    }

    /** Opens a probe on {@code display} (null = {@code $DISPLAY}). */
    public static XEventProbe open(String display) {
        return new XEventProbe(display);
    }

    private void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ev = arena.allocate(Xlib.XEVENT_BYTES, 8);
            MemorySegment pfd = arena.allocate(8);
            pfd.set(JAVA_INT, 0, (int) x.connectionNumber.invokeExact(reader));
            pfd.set(JAVA_SHORT, 4, (short) 1); // POLLIN
            while (running) {
                while ((int) x.pending.invokeExact(reader) > 0) {
                    int ignored = (int) x.nextEvent.invokeExact(reader, ev);
                    long now = System.nanoTime();
                    int type = ev.get(JAVA_INT, 0);
                    if (type == Xlib.MAPPING_NOTIFY) {
                        ignored = (int) x.refreshKeyboardMapping.invokeExact(ev); // the spare keycode was remapped
                    } else if (type >= Xlib.KEY_PRESS && type <= Xlib.MOTION_NOTIFY) {
                        // XKeyEvent/XButtonEvent/XMotionEvent (LP64): x_root @72, y_root @76, state @80, keycode|button @84
                        int state = ev.get(JAVA_INT, 80);
                        long keysym = type == Xlib.KEY_PRESS || type == Xlib.KEY_RELEASE
                                ? (long) x.lookupKeysym.invokeExact(ev, state & 1) : 0L;
                        events.add(new Event(type, type == Xlib.MOTION_NOTIFY ? 0 : ev.get(JAVA_INT, 84), state, keysym,
                                ev.get(JAVA_INT, 72), ev.get(JAVA_INT, 76), now));
                    }
                }
                int ready = (int) POLL.invokeExact(pfd, 1L, 20);
            }
        } catch (Throwable t) {
            if (running) {
                throw Xlib.rethrow(t);
            }
        }
    }

    /** The next event, or null after {@code timeout}. */
    public Event poll(long timeout, TimeUnit unit) throws InterruptedException {
        return events.poll(timeout, unit);
    }

    /** The next event of {@code type}, skipping others, or null after {@code timeout}. */
    public Event await(int type, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (long left = unit.toNanos(timeout); left > 0; left = deadline - System.nanoTime()) {
            Event e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && e.type() == type) {
                return e;
            }
        }
        return null;
    }

    /** Forgets events seen so far. */
    public void clear() {
        events.clear();
    }

    /** {@code {x, y}} of the pointer now. */
    public synchronized int[] pointer() {
        return x.pointer(query);
    }

    /** True when {@code keycode} is down now. */
    public synchronized boolean keyDown(int keycode) {
        return x.keyDown(query, keycode);
    }

    /** Keycode of {@code keysym} on this display's keymap, 0 if none. */
    public synchronized int keycode(long keysym) {
        return x.keycode(query, keysym);
    }

    /** Keysym at {@code level} (0 plain, 1 shifted) of {@code keycode}, as the keymap is now. */
    public synchronized long keysym(int keycode, int level) {
        return x.keysym(query, keycode, level);
    }

    /** {@code {width, height}} of the screen. */
    public synchronized int[] screenSize() {
        return x.screenSize(query);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        x.close(reader);
        x.close(query);
    }
}
