package io.punktfunk.host.input;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * FFM bindings to libX11.so.6 and libXtst.so.6 (LP64: {@code KeySym}, {@code Window} and {@code Time}
 * are {@code unsigned long}, {@code KeyCode} an {@code unsigned char}, {@code Bool} an {@code int}).
 * Loaded once per JVM; {@link #load()} says in one line which Debian package is missing. Xlib is not
 * thread-safe: each {@code Display*} must be used by one thread at a time.
 */
@SuppressWarnings("restricted") // the point of this class: Xlib downcalls, enabled by --enable-native-access
public final class Xlib {
    /** {@code KeyPressMask | KeyReleaseMask | ButtonPressMask | ButtonReleaseMask | PointerMotionMask}. */
    public static final long OBSERVE_MASK = (1L << 0) | (1L << 1) | (1L << 2) | (1L << 3) | (1L << 6);
    /** X event types (X.h). */
    public static final int KEY_PRESS = 2;
    public static final int KEY_RELEASE = 3;
    public static final int BUTTON_PRESS = 4;
    public static final int BUTTON_RELEASE = 5;
    public static final int MOTION_NOTIFY = 6;
    public static final int MAPPING_NOTIFY = 34;
    /** {@code sizeof(XEvent)} on LP64 (a union padded to 24 longs). */
    public static final long XEVENT_BYTES = 192;

    private static volatile Xlib instance;
    private static volatile String loadError;
    /** X protocol errors (BadValue …) reported for any of our displays; they never end the process. */
    static final AtomicLong PROTOCOL_ERRORS = new AtomicLong();

    final MethodHandle openDisplay;
    final MethodHandle closeDisplay;
    final MethodHandle defaultScreen;
    final MethodHandle displayWidth;
    final MethodHandle displayHeight;
    final MethodHandle keysymToKeycode;
    final MethodHandle keycodeToKeysym;
    final MethodHandle displayKeycodes;
    final MethodHandle getKeyboardMapping;
    final MethodHandle changeKeyboardMapping;
    final MethodHandle free;
    final MethodHandle flush;
    final MethodHandle sync;
    final MethodHandle defaultRootWindow;
    final MethodHandle selectInput;
    final MethodHandle pending;
    final MethodHandle nextEvent;
    final MethodHandle connectionNumber;
    final MethodHandle queryPointer;
    final MethodHandle queryKeymap;
    final MethodHandle refreshKeyboardMapping;
    final MethodHandle lookupKeysym;
    final MethodHandle testQueryExtension;
    final MethodHandle fakeKey;
    final MethodHandle fakeButton;
    final MethodHandle fakeMotion;
    final MethodHandle fakeRelativeMotion;

    private Xlib(SymbolLookup x11, SymbolLookup xtst) throws ReflectiveOperationException {
        Linker linker = Linker.nativeLinker();
        openDisplay = bind(linker, x11, "XOpenDisplay", FunctionDescriptor.of(ADDRESS, ADDRESS));
        closeDisplay = bind(linker, x11, "XCloseDisplay", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        defaultScreen = bind(linker, x11, "XDefaultScreen", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        displayWidth = bind(linker, x11, "XDisplayWidth", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        displayHeight = bind(linker, x11, "XDisplayHeight", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        keysymToKeycode = bind(linker, x11, "XKeysymToKeycode", FunctionDescriptor.of(JAVA_BYTE, ADDRESS, JAVA_LONG));
        keycodeToKeysym = bind(linker, x11, "XkbKeycodeToKeysym",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_BYTE, JAVA_INT, JAVA_INT));
        displayKeycodes = bind(linker, x11, "XDisplayKeycodes", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        getKeyboardMapping = bind(linker, x11, "XGetKeyboardMapping",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_BYTE, JAVA_INT, ADDRESS));
        changeKeyboardMapping = bind(linker, x11, "XChangeKeyboardMapping",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        free = bind(linker, x11, "XFree", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        flush = bind(linker, x11, "XFlush", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        sync = bind(linker, x11, "XSync", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        defaultRootWindow = bind(linker, x11, "XDefaultRootWindow", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        selectInput = bind(linker, x11, "XSelectInput", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
        pending = bind(linker, x11, "XPending", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        nextEvent = bind(linker, x11, "XNextEvent", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        connectionNumber = bind(linker, x11, "XConnectionNumber", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        queryPointer = bind(linker, x11, "XQueryPointer", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        queryKeymap = bind(linker, x11, "XQueryKeymap", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        refreshKeyboardMapping = bind(linker, x11, "XRefreshKeyboardMapping", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        lookupKeysym = bind(linker, x11, "XLookupKeysym", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT));
        testQueryExtension = bind(linker, xtst, "XTestQueryExtension",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        fakeKey = bind(linker, xtst, "XTestFakeKeyEvent",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG));
        fakeButton = bind(linker, xtst, "XTestFakeButtonEvent",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG));
        fakeMotion = bind(linker, xtst, "XTestFakeMotionEvent",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        fakeRelativeMotion = bind(linker, xtst, "XTestFakeRelativeMotionEvent",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG));
        installErrorHandler(linker, x11);
        installIoErrorHandlers(linker, x11);
    }

    /** The bindings, or an {@link IllegalStateException} naming the Debian package to install. */
    public static Xlib load() {
        Xlib x = instance;
        if (x != null) {
            return x;
        }
        synchronized (Xlib.class) {
            if (instance != null) {
                return instance;
            }
            if (loadError != null) {
                throw new IllegalStateException(loadError);
            }
            Arena global = Arena.global();
            SymbolLookup x11;
            SymbolLookup xtst;
            try {
                x11 = SymbolLookup.libraryLookup("libX11.so.6", global);
            } catch (IllegalArgumentException e) {
                loadError = "libX11.so.6 not found: install the Debian package libx11-6";
                throw new IllegalStateException(loadError);
            }
            try {
                xtst = SymbolLookup.libraryLookup("libXtst.so.6", global);
            } catch (IllegalArgumentException e) {
                loadError = "libXtst.so.6 not found: install the Debian package libxtst6 for XTest input";
                throw new IllegalStateException(loadError);
            }
            try {
                instance = new Xlib(x11, xtst);
            } catch (ReflectiveOperationException | RuntimeException e) {
                loadError = "cannot bind Xlib/XTest: " + e;
                throw new IllegalStateException(loadError);
            }
            return instance;
        }
    }

    /** True when both libraries load (tests use it to skip with a reason). */
    public static boolean available() {
        try {
            load();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new IllegalStateException("Xlib symbol " + name + " missing"));
        return linker.downcallHandle(symbol, fd);
    }

    // --- error handling: Xlib's default handler calls exit(1) on any protocol error (a bad keycode would end
    // the host), so ours counts the error and returns. Errors of displays we did not open (AWT's, in the demo)
    // go on to the handler that was installed before.
    private static MethodHandle previousHandler;

    // --- a lost connection (the server died: a virtual desktop's Xvfb killed or crashed): Xlib calls the I/O error
    // handler, whose default prints and calls exit(1), then the display's exit handler, whose default is exit(1)
    // too. For displays opened here both are replaced (libX11 >= 1.7 has per-display exit handlers): the display is
    // marked lost and Xlib answers its calls without the socket from then on. The session using it ends through its
    // capture failing; the host keeps serving the others. Other displays (AWT's) keep the handler before ours.
    private static final java.util.Set<Long> LOST_DISPLAYS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static MethodHandle previousIoHandler;
    private MethodHandle setIoErrorExitHandler; // null on libX11 < 1.7: there a lost server still ends the process
    private MemorySegment ioErrorExitStub;

    private void installIoErrorHandlers(Linker linker, SymbolLookup x11) throws ReflectiveOperationException {
        var setExit = x11.find("XSetIOErrorExitHandler");
        if (setExit.isEmpty()) {
            return;
        }
        FunctionDescriptor ioFd = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        MemorySegment ioStub = linker.upcallStub(MethodHandles.lookup().findStatic(Xlib.class, "onIoError",
                MethodType.methodType(int.class, MemorySegment.class)), ioFd, Arena.global());
        MethodHandle setIo = bind(linker, x11, "XSetIOErrorHandler", FunctionDescriptor.of(ADDRESS, ADDRESS));
        try {
            MemorySegment previous = (MemorySegment) setIo.invokeExact(ioStub);
            if (!previous.equals(MemorySegment.NULL)) {
                previousIoHandler = linker.downcallHandle(previous, ioFd);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("XSetIOErrorHandler failed", t);
        }
        ioErrorExitStub = linker.upcallStub(MethodHandles.lookup().findStatic(Xlib.class, "onIoErrorExit",
                MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class)),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS), Arena.global());
        // void XSetIOErrorExitHandler(Display*, XIOErrorExitHandler, void* user_data)
        setIoErrorExitHandler = linker.downcallHandle(setExit.get(), FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    }

    @SuppressWarnings("unused") // called from native code
    private static int onIoError(MemorySegment display) {
        if (OWN_DISPLAYS.contains(display.address())) {
            LOST_DISPLAYS.add(display.address());
            return 0;
        }
        try {
            return previousIoHandler == null ? 0 : (int) previousIoHandler.invokeExact(display);
        } catch (Throwable t) {
            return 0;
        }
    }

    @SuppressWarnings("unused") // called from native code
    private static void onIoErrorExit(MemorySegment display, MemorySegment data) {
        LOST_DISPLAYS.add(display.address());
    }

    private static final MethodHandle POLL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("poll").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    /** {@code POLLERR | POLLHUP | POLLRDHUP}: the server closed the connection or died. */
    private static final short HANG_UP = 0x0008 | 0x0010 | 0x2000;

    /** Bytes of the {@code struct pollfd} that {@link #connectionGone} needs (one per thread that asks). */
    public static final long POLLFD_BYTES = 8;

    /**
     * True when the connection behind {@code display} is lost or its server hung up, checked without a request
     * (a zero-timeout {@code poll} for a hang-up on its socket) so that a caller never sends into a dead server:
     * Xlib calls after a lost connection can crash the process (XKeysymToKeycode did, here). {@code pollfd} is
     * the caller's {@link #POLLFD_BYTES}-byte scratch segment.
     */
    public boolean connectionGone(MemorySegment display, MemorySegment pollfd) {
        if (LOST_DISPLAYS.contains(display.address())) {
            return true;
        }
        try {
            // struct pollfd { int fd; short events; short revents; }
            pollfd.set(JAVA_INT, 0, (int) connectionNumber.invokeExact(display));
            pollfd.set(JAVA_SHORT, 4, HANG_UP);
            pollfd.set(JAVA_SHORT, 6, (short) 0);
            int ready = (int) POLL.invokeExact(pollfd, 1L, 0);
            if (ready > 0 && (pollfd.get(JAVA_SHORT, 6) & HANG_UP) != 0) {
                LOST_DISPLAYS.add(display.address());
                return true;
            }
            return false;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** True once the connection behind {@code display} was lost (its server went away). */
    public boolean lost(MemorySegment display) {
        return LOST_DISPLAYS.contains(display.address());
    }

    private void installErrorHandler(Linker linker, SymbolLookup x11) throws ReflectiveOperationException {
        FunctionDescriptor handlerFd = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        MethodHandle target = MethodHandles.lookup().findStatic(Xlib.class, "onXError",
                MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
        MemorySegment stub = linker.upcallStub(target, handlerFd, Arena.global());
        MethodHandle set = bind(linker, x11, "XSetErrorHandler", FunctionDescriptor.of(ADDRESS, ADDRESS));
        try {
            MemorySegment previous = (MemorySegment) set.invokeExact(stub);
            if (!previous.equals(MemorySegment.NULL)) {
                previousHandler = linker.downcallHandle(previous, handlerFd);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("XSetErrorHandler failed", t);
        }
    }

    /** Displays opened through {@link #open}: their errors are ours to count. */
    private static final java.util.Set<Long> OWN_DISPLAYS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @SuppressWarnings("unused") // called from native code
    private static int onXError(MemorySegment display, MemorySegment event) {
        if (OWN_DISPLAYS.contains(display.address()) || previousHandler == null) {
            PROTOCOL_ERRORS.incrementAndGet();
            return 0;
        }
        try {
            return (int) previousHandler.invokeExact(display, event);
        } catch (Throwable t) {
            return 0;
        }
    }

    // --- thin wrappers: one place for the Throwable plumbing of invokeExact

    /** Opens {@code name} (null = {@code $DISPLAY}); empty when the server cannot be reached. */
    public Optional<MemorySegment> open(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = name == null ? MemorySegment.NULL : arena.allocateFrom(name);
            MemorySegment d = (MemorySegment) openDisplay.invokeExact(n);
            if (d.equals(MemorySegment.NULL)) {
                return Optional.empty();
            }
            OWN_DISPLAYS.add(d.address());
            LOST_DISPLAYS.remove(d.address()); // a fresh connection at a reused address
            if (setIoErrorExitHandler != null) {
                setIoErrorExitHandler.invokeExact(d, ioErrorExitStub, MemorySegment.NULL);
            }
            return Optional.of(d);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Closes a display from {@link #open}. */
    public void close(MemorySegment display) {
        try {
            int ignored = (int) closeDisplay.invokeExact(display);
            OWN_DISPLAYS.remove(display.address());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code {width, height}} of the default screen. */
    public int[] screenSize(MemorySegment display) {
        try {
            int screen = (int) defaultScreen.invokeExact(display);
            return new int[] {(int) displayWidth.invokeExact(display, screen), (int) displayHeight.invokeExact(display, screen)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Keycode bound to {@code keysym}, 0 if none. */
    public int keycode(MemorySegment display, long keysym) {
        try {
            return Byte.toUnsignedInt((byte) keysymToKeycode.invokeExact(display, keysym));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Keysym at {@code level} (0 plain, 1 shifted) of group 0 for {@code keycode}. */
    public long keysym(MemorySegment display, int keycode, int level) {
        try {
            return (long) keycodeToKeysym.invokeExact(display, (byte) keycode, 0, level);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Root window of the default screen. */
    public long root(MemorySegment display) {
        try {
            return (long) defaultRootWindow.invokeExact(display);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sends queued requests without waiting for the server. */
    public void flush(MemorySegment display) {
        try {
            int ignored = (int) flush.invokeExact(display);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sends queued requests and waits until the server has processed them. */
    public void sync(MemorySegment display) {
        try {
            int ignored = (int) sync.invokeExact(display, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code {rootX, rootY}} of the pointer (one round trip). */
    public int[] pointer(MemorySegment display) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG, 2);
            MemorySegment ints = arena.allocate(JAVA_INT, 5);
            int ok = (int) queryPointer.invokeExact(display, root(display), out, out.asSlice(8),
                    ints, ints.asSlice(4), ints.asSlice(8), ints.asSlice(12), ints.asSlice(16));
            if (ok == 0) {
                throw new IllegalStateException("pointer is on another screen");
            }
            return new int[] {ints.get(JAVA_INT, 0), ints.get(JAVA_INT, 4)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** True when {@code keycode} is down now (XQueryKeymap, one round trip). */
    public boolean keyDown(MemorySegment display, int keycode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bits = arena.allocate(32);
            int ignored = (int) queryKeymap.invokeExact(display, bits);
            return (bits.get(JAVA_BYTE, keycode >>> 3) & (1 << (keycode & 7))) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
