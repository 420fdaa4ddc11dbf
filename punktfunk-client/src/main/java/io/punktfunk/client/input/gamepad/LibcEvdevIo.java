package io.punktfunk.client.input.gamepad;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@link EvdevIo} on libc through FFM: open, ioctl (variadic), read, write, poll, close; errno captured per call. */
public final class LibcEvdevIo implements EvdevIo {
    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int EACCES = 13;
    private static final int POLLIN = 0x1;
    /** {@code struct pollfd { int fd; short events; short revents; }}: 8 bytes. */
    private static final int POLLFD_BYTES = 8;
    private static final MemoryLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN;
    private static final MethodHandle IOCTL;
    private static final MethodHandle READ;
    private static final MethodHandle WRITE;
    private static final MethodHandle POLL;
    private static final MethodHandle CLOSE;
    private static final MethodHandle INOTIFY_INIT1;
    private static final MethodHandle INOTIFY_ADD_WATCH;
    /** inotify: IN_ATTRIB (udev's chmod after creation), IN_CREATE, IN_DELETE; IN_NONBLOCK = O_NONBLOCK. */
    private static final int IN_EVENTS = 0x004 | 0x100 | 0x200;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        OPEN = linker.downcallHandle(libc.findOrThrow("open"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
                errno);
        // int ioctl(int fd, unsigned long request, ...): the pointer is the first variadic argument
        IOCTL = linker.downcallHandle(libc.findOrThrow("ioctl"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), errno, Linker.Option.firstVariadicArg(2));
        READ = linker.downcallHandle(libc.findOrThrow("read"), FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG),
                errno);
        WRITE = linker.downcallHandle(libc.findOrThrow("write"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), errno);
        POLL = linker.downcallHandle(libc.findOrThrow("poll"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                errno);
        CLOSE = linker.downcallHandle(libc.findOrThrow("close"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        INOTIFY_INIT1 = linker.downcallHandle(libc.findOrThrow("inotify_init1"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        INOTIFY_ADD_WATCH = linker.downcallHandle(libc.findOrThrow("inotify_add_watch"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private final Path dir;
    /** Owned by the calling thread at a time (the gamepad thread, or the rumble thread for ioctl/write). */
    private final ThreadLocal<MemorySegment> state = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));
    private MemorySegment pollFds = MemorySegment.NULL;

    public LibcEvdevIo(Path dir) {
        this.dir = dir;
    }

    /** The real {@code /dev/input}. */
    public static LibcEvdevIo system() {
        return new LibcEvdevIo(Path.of("/dev/input"));
    }

    @Override
    public List<String> devices() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("event"))
                    .sorted((a, b) -> Integer.compare(number(a), number(b)))
                    .forEach(n -> out.add(dir.resolve(n).toString()));
        }
        return out;
    }

    private static int number(String eventN) {
        try {
            return Integer.parseInt(eventN.substring(5));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private int errno() {
        return (int) ERRNO.get(state.get(), 0L);
    }

    @Override
    public int open(String path) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocateFrom(path);
            int fd = (int) OPEN.invokeExact(state.get(), p, O_RDWR | O_NONBLOCK | O_CLOEXEC);
            if (fd < 0 && errno() == EACCES) {
                fd = (int) OPEN.invokeExact(state.get(), p, O_RDONLY | O_NONBLOCK | O_CLOEXEC); // input without rumble
            }
            return fd < 0 ? -errno() : fd;
        } catch (Throwable t) {
            throw new IllegalStateException("open " + path, t);
        }
    }

    @Override
    public int ioctl(int fd, long request, MemorySegment arg) {
        try {
            int r = (int) IOCTL.invokeExact(state.get(), fd, request, arg);
            return r < 0 ? -errno() : r;
        } catch (Throwable t) {
            throw new IllegalStateException("ioctl", t);
        }
    }

    @Override
    public int read(int fd, MemorySegment buf) {
        try {
            long r = (long) READ.invokeExact(state.get(), fd, buf, buf.byteSize());
            return r < 0 ? -errno() : (int) r;
        } catch (Throwable t) {
            throw new IllegalStateException("read", t);
        }
    }

    @Override
    public int write(int fd, MemorySegment buf) {
        try {
            long r = (long) WRITE.invokeExact(state.get(), fd, buf, buf.byteSize());
            return r < 0 ? -errno() : (int) r;
        } catch (Throwable t) {
            throw new IllegalStateException("write", t);
        }
    }

    @Override
    public int poll(int[] fds, int count, boolean[] ready, int timeoutMs) {
        if (pollFds.byteSize() < (long) count * POLLFD_BYTES) {
            pollFds = Arena.ofAuto().allocate((long) Math.max(count, 16) * POLLFD_BYTES, 8);
        }
        for (int i = 0; i < count; i++) {
            pollFds.set(JAVA_INT, (long) i * POLLFD_BYTES, fds[i]);
            pollFds.set(JAVA_SHORT, (long) i * POLLFD_BYTES + 4, (short) POLLIN);
            pollFds.set(JAVA_SHORT, (long) i * POLLFD_BYTES + 6, (short) 0);
        }
        try {
            int r = (int) POLL.invokeExact(state.get(), pollFds, (long) count, timeoutMs);
            if (r < 0) {
                return errno() == EINTR ? 0 : -errno();
            }
            for (int i = 0; i < count; i++) {
                ready[i] = pollFds.get(JAVA_SHORT, (long) i * POLLFD_BYTES + 6) != 0; // POLLIN, POLLERR or POLLHUP
            }
            return r;
        } catch (Throwable t) {
            throw new IllegalStateException("poll", t);
        }
    }

    @Override
    public int watchDevices() {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) INOTIFY_INIT1.invokeExact(O_NONBLOCK | O_CLOEXEC);
            if (fd < 0) {
                return -1;
            }
            if ((int) INOTIFY_ADD_WATCH.invokeExact(fd, a.allocateFrom(dir.toString()), IN_EVENTS) < 0) {
                close(fd);
                return -1;
            }
            return fd;
        } catch (Throwable t) {
            return -1; // no inotify: the periodic rescan still finds pads
        }
    }

    @Override
    public void drainWatch(int fd) {
        MemorySegment buf = watchBuf;
        while (read(fd, buf) > 0) {
            // the events only say "look again"; rescan() reads the directory itself
        }
    }

    private final MemorySegment watchBuf = Arena.ofAuto().allocate(4096, 8);

    @Override
    public void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close", t);
        }
    }
}
