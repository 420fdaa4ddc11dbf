package io.punktfunk.client.input.gamepad;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The few syscalls the gamepad layer makes, as a seam: {@link LibcEvdevIo} calls libc through FFM; tests
 * put a recorder in its place. Negative returns are {@code -errno}.
 */
public interface EvdevIo {
    /** errno values the callers act on. */
    int EAGAIN = 11;
    int ENODEV = 19;
    int EINTR = 4;

    /** The candidate device paths, e.g. {@code /dev/input/event0 …}, in a stable order. */
    List<String> devices() throws IOException;

    /** Opens {@code path} non-blocking (read-write when allowed, else read-only); the fd, or {@code -errno}. */
    int open(String path);

    /** {@code ioctl(fd, request, arg)}; the kernel may write into {@code arg}. */
    int ioctl(int fd, long request, MemorySegment arg);

    /** Non-blocking read into {@code buf}; bytes read, {@code -EAGAIN} when nothing is pending, {@code -ENODEV} once unplugged. */
    int read(int fd, MemorySegment buf);

    /** Writes all of {@code buf}; bytes written or {@code -errno}. */
    int write(int fd, MemorySegment buf);

    /**
     * Waits until one of {@code fds[0..count)} is readable or {@code timeoutMs} passes; sets {@code ready[i]}
     * for the readable (or hung-up) ones and returns how many.
     */
    int poll(int[] fds, int count, boolean[] ready, int timeoutMs);

    void close(int fd);

    /**
     * An fd that becomes readable when device nodes are created, removed or change permissions (inotify on the
     * device directory), or a negative value when there is none (then only the periodic rescan finds pads).
     */
    default int watchDevices() {
        return -1;
    }

    /** Consumes what made the watch fd readable. */
    default void drainWatch(int fd) {
    }
}
