package io.punktfunk.host.display;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.punktfunk.host.input.Xlib;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Reads an X display's window tree the way the readiness probe needs it: whether a window manager holds
 * the root (someone selected SubstructureRedirect on it, which only one client can) and how many
 * top-level windows are mapped. The connection comes from {@link Xlib#open}, whose error handler counts
 * errors instead of exiting (a window can vanish between two requests). One thread only.
 */
@SuppressWarnings("restricted") // FFM downcalls into libX11
final class XWindows implements AutoCloseable {
    /** {@code SubstructureRedirectMask}: selected on the root by the window manager. */
    static final long SUBSTRUCTURE_REDIRECT = 1L << 20;
    /** {@code XWindowAttributes} on LP64: 136 bytes; width @8, height @12, map_state @92, all_event_masks @96, override_redirect @120. */
    private static final long ATTRIBUTES_BYTES = 136;
    private static final long WIDTH = 8;
    private static final long HEIGHT = 12;
    private static final long MAP_STATE = 92;
    private static final long ALL_EVENT_MASKS = 96;
    private static final long OVERRIDE_REDIRECT = 120;
    private static final int IS_VIEWABLE = 2;

    private static volatile MethodHandle[] handles;

    private final Xlib x;
    private final MemorySegment display;
    private final long root;
    private final MethodHandle queryTree;
    private final MethodHandle getAttributes;
    private final MethodHandle free;
    private final Arena scratch = Arena.ofConfined();
    private final MemorySegment pollfd = scratch.allocate(Xlib.POLLFD_BYTES, 4);
    private boolean gone;

    private XWindows(Xlib x, MemorySegment display) {
        this.x = x;
        this.display = display;
        this.root = x.root(display);
        MethodHandle[] h = bind();
        this.queryTree = h[0];
        this.getAttributes = h[1];
        this.free = h[2];
    }

    /** A connection to {@code name}, or null when the server does not answer (yet). */
    static XWindows open(String name) {
        Xlib x = Xlib.load();
        return x.open(name).map(d -> new XWindows(x, d)).orElse(null);
    }

    private static MethodHandle[] bind() {
        MethodHandle[] h = handles;
        if (h != null) {
            return h;
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup x11 = SymbolLookup.libraryLookup("libX11.so.6", Arena.global());
        h = new MethodHandle[] {
            // Status XQueryTree(Display*, Window, Window* root, Window* parent, Window** children, unsigned* n)
            linker.downcallHandle(x11.find("XQueryTree").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS)),
            // Status XGetWindowAttributes(Display*, Window, XWindowAttributes*)
            linker.downcallHandle(x11.find("XGetWindowAttributes").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS)),
            linker.downcallHandle(x11.find("XFree").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS)),
        };
        handles = h;
        return h;
    }

    /** True once the server hung up; no request is sent after that (Xlib may crash on a lost connection). */
    boolean gone() {
        if (!gone && x.connectionGone(display, pollfd)) {
            gone = true;
        }
        return gone;
    }

    /** True when a window manager holds the root window. */
    boolean windowManagerPresent() {
        if (gone()) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(ATTRIBUTES_BYTES, 8);
            if ((int) getAttributes.invokeExact(display, root, a) == 0) {
                return false;
            }
            return (a.get(JAVA_LONG, ALL_EVENT_MASKS) & SUBSTRUCTURE_REDIRECT) != 0;
        } catch (Throwable t) {
            throw new IllegalStateException("XGetWindowAttributes failed", t);
        }
    }

    /**
     * Top-level windows that are viewable, not override-redirect (menus, tooltips) and larger than 1x1 (the
     * helper windows window managers keep): an app's window, or the frame a window manager put around it.
     */
    int mappedTopLevels() {
        if (gone()) {
            return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rootOut = arena.allocate(JAVA_LONG);
            MemorySegment parentOut = arena.allocate(JAVA_LONG);
            MemorySegment childrenOut = arena.allocate(ADDRESS);
            MemorySegment countOut = arena.allocate(JAVA_INT);
            if ((int) queryTree.invokeExact(display, root, rootOut, parentOut, childrenOut, countOut) == 0) {
                return 0;
            }
            int n = countOut.get(JAVA_INT, 0);
            MemorySegment children = childrenOut.get(ADDRESS, 0);
            if (n == 0 || children.equals(MemorySegment.NULL)) {
                return 0;
            }
            MemorySegment list = children.reinterpret(8L * n);
            MemorySegment a = arena.allocate(ATTRIBUTES_BYTES, 8);
            int mapped = 0;
            for (int i = 0; i < n; i++) {
                long w = list.getAtIndex(JAVA_LONG, i);
                if ((int) getAttributes.invokeExact(display, w, a) != 0 && a.get(JAVA_INT, MAP_STATE) == IS_VIEWABLE
                        && a.get(JAVA_INT, OVERRIDE_REDIRECT) == 0 && a.get(JAVA_INT, WIDTH) > 1 && a.get(JAVA_INT, HEIGHT) > 1) {
                    mapped++;
                }
            }
            int ignored = (int) free.invokeExact(children);
            return mapped;
        } catch (Throwable t) {
            throw new IllegalStateException("XQueryTree failed", t);
        }
    }

    @Override
    public void close() {
        if (!gone()) {
            x.close(display);
        }
        scratch.close();
    }
}
