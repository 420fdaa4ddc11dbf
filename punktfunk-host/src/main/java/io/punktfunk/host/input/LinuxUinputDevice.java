package io.punktfunk.host.input;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code /dev/uinput} through libc (open, ioctl, write, read, poll) via FFM, errno captured per call.
 * The file is opened {@code O_RDWR | O_NONBLOCK | O_CLOEXEC}; reads never block, {@link #awaitReadable}
 * polls. Needs write access to {@code /dev/uinput} (root, or the {@code input}/{@code uinput} group
 * with the uinput module loaded).
 */
@SuppressWarnings("restricted") // libc downcalls, enabled by --enable-native-access
final class LinuxUinputDevice implements UinputDevice {
    static final String PATH = "/dev/uinput";
    private static final int O_RDWR = 2;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final short POLLIN = 1;

    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN;
    private static final MethodHandle IOCTL_INT;
    private static final MethodHandle IOCTL_PTR;
    private static final MethodHandle WRITE;
    private static final MethodHandle READ;
    private static final MethodHandle POLL;
    private static final MethodHandle CLOSE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        OPEN = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), errno, Linker.Option.firstVariadicArg(2));
        IOCTL_INT = linker.downcallHandle(libc.find("ioctl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT), errno, Linker.Option.firstVariadicArg(2));
        IOCTL_PTR = linker.downcallHandle(libc.find("ioctl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), errno, Linker.Option.firstVariadicArg(2));
        WRITE = linker.downcallHandle(libc.find("write").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), errno);
        READ = linker.downcallHandle(libc.find("read").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), errno);
        POLL = linker.downcallHandle(libc.find("poll").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), errno);
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private final int fd;
    private final Arena arena = Arena.ofAuto(); // freed by the GC, never under a racing poll
    /** errno capture, one per thread that calls in: the injector thread writes, the FF thread reads and ioctls. */
    private final ThreadLocal<MemorySegment> capture = ThreadLocal.withInitial(() -> arena.allocate(CAPTURE));
    private final MemorySegment pollFd;
    private volatile boolean closed;

    private LinuxUinputDevice(int fd) {
        this.fd = fd;
        this.pollFd = arena.allocate(8); // struct pollfd { int fd; short events; short revents; }
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, 4, POLLIN);
    }

    /** True when {@code /dev/uinput} exists and this process may write it. */
    static boolean present() {
        Path p = Path.of(PATH);
        return Files.exists(p) && Files.isWritable(p);
    }

    /** Opens {@code /dev/uinput}, or says why not in one line. */
    static UinputDevice open() {
        if (!Files.exists(Path.of(PATH))) {
            throw new IllegalStateException(PATH + " does not exist (load the uinput kernel module: modprobe uinput)");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cap = a.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(cap, a.allocateFrom(PATH), O_RDWR | O_NONBLOCK | O_CLOEXEC);
            if (fd < 0) {
                int err = (int) ERRNO.get(cap, 0L);
                throw new IllegalStateException("cannot open " + PATH + ": errno " + err
                        + (err == 13 ? " (permission denied: run as root or add a udev rule for the input group)" : ""));
            }
            return new LinuxUinputDevice(fd);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("open " + PATH + ": " + t, t);
        }
    }

    private IllegalStateException failure(String call, MemorySegment cap) {
        return new IllegalStateException(call + " on " + PATH + " failed: errno " + (int) ERRNO.get(cap, 0L));
    }

    @Override
    public void ioctl(long request, int value) {
        MemorySegment cap = capture.get();
        try {
            if ((int) IOCTL_INT.invokeExact(cap, fd, request, value) < 0) {
                throw failure(String.format("ioctl 0x%x", request), cap);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    @Override
    public void ioctl(long request, MemorySegment arg) {
        MemorySegment cap = capture.get();
        try {
            if ((int) IOCTL_PTR.invokeExact(cap, fd, request, arg) < 0) {
                throw failure(String.format("ioctl 0x%x", request), cap);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    @Override
    public void write(MemorySegment buf, long length) {
        MemorySegment cap = capture.get();
        try {
            long n = (long) WRITE.invokeExact(cap, fd, buf, length);
            if (n != length) {
                throw n < 0 ? failure("write", cap) : new IllegalStateException("short write to " + PATH + ": " + n + " of " + length);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    @Override
    public int read(MemorySegment buf) {
        MemorySegment cap = capture.get();
        try {
            long n = (long) READ.invokeExact(cap, fd, buf, buf.byteSize());
            if (n < 0) {
                int err = (int) ERRNO.get(cap, 0L);
                if (err == EAGAIN || err == EINTR) {
                    return 0;
                }
                throw failure("read", cap);
            }
            return (int) n;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    @Override
    public boolean awaitReadable(int timeoutMs) {
        if (closed) {
            return false;
        }
        MemorySegment cap = capture.get();
        try {
            int n = (int) POLL.invokeExact(cap, pollFd, 1L, timeoutMs);
            return n > 0;
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw Xlib.rethrow(t);
        }
    }
}
