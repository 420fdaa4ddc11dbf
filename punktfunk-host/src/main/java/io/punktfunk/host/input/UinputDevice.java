package io.punktfunk.host.input;

import java.lang.foreign.MemorySegment;

/**
 * The seam under the uinput backend: one open {@code /dev/uinput} file and the four calls made on it.
 * {@link LinuxUinputDevice} is the real one; tests put a recorder here that keeps the exact ioctl and
 * write byte streams and replays the kernel's side of the force-feedback protocol. Failures throw
 * {@link IllegalStateException} with the call and errno.
 */
public interface UinputDevice extends AutoCloseable {
    /** {@code ioctl(fd, request, value)}: the {@code UI_SET_*BIT} calls take an int by value. */
    void ioctl(long request, int value);

    /**
     * {@code ioctl(fd, request, arg)} with a pointer to {@code arg}: read by the kernel and, for the
     * {@code _IOWR} requests ({@code UI_BEGIN_FF_UPLOAD/ERASE}), written back. {@code arg} is native memory.
     */
    void ioctl(long request, MemorySegment arg);

    /** Writes the first {@code length} bytes of {@code buf} (whole input_events). */
    void write(MemorySegment buf, long length);

    /** Reads what is pending into {@code buf} without blocking; 0 when nothing is. */
    int read(MemorySegment buf);

    /** Waits up to {@code timeoutMs} for something to read; false on timeout. */
    boolean awaitReadable(int timeoutMs);

    @Override
    void close();

    /** Opens a fresh device file (one per virtual device). */
    @FunctionalInterface
    interface Opener {
        UinputDevice open();
    }
}
