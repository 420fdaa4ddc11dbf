package io.punktfunk.client.input.gamepad;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.control.message.InputEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real FFM syscalls, on files that exist on any machine (this build box has no /dev/input devices, so
 * a gamepad itself cannot be exercised here): open, ioctl answered by the kernel, read, write, poll, close.
 */
class LibcEvdevIoTest {
    @TempDir
    Path dir;

    @Test
    void syscallsReachTheKernelAndReportErrno() throws Exception {
        Path file = Files.write(dir.resolve("event0"), new byte[] {1, 2, 3});
        LibcEvdevIo io = new LibcEvdevIo(dir);
        assertThat(io.devices()).containsExactly(file.toString());
        assertThat(io.open(dir.resolve("event9").toString())).as("ENOENT").isEqualTo(-2);
        int fd = io.open(file.toString());
        assertThat(fd).isGreaterThanOrEqualTo(0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(64);
            assertThat(io.ioctl(fd, Evdev.eviocgname(64), name)).as("ENOTTY: a file is no input device").isEqualTo(-25);
            assertThat(io.poll(new int[] {fd}, 1, new boolean[1], 0)).isEqualTo(1);
            MemorySegment buf = arena.allocate(24);
            assertThat(io.read(fd, buf)).isEqualTo(3);
            assertThat(io.read(fd, buf)).as("end of file").isZero();
            assertThat(io.write(fd, buf)).isEqualTo(24);
        } finally {
            io.close(fd);
        }
        assertThat(Files.size(file)).isEqualTo(27);
    }

    @Test
    void aDirectoryWithoutPadsYieldsNoPadsAndNoEvents() throws Exception {
        Files.write(dir.resolve("event0"), new byte[0]); // opens, but EVIOCGBIT fails: not a pad
        List<InputEvent> sent = new ArrayList<>();
        EvdevGamepads pads = new EvdevGamepads(new LibcEvdevIo(dir), sent::add, Runnable::run);
        pads.rescan();
        assertThat(pads.padCount()).isZero();
        assertThat(pads.pump(0)).isZero();
        pads.close();
        assertThat(sent).isEmpty();
    }

    @Test
    void inotifyReportsANewNode() throws Exception {
        LibcEvdevIo io = new LibcEvdevIo(dir);
        int watch = io.watchDevices();
        assertThat(watch).as("inotify fd").isGreaterThanOrEqualTo(0);
        try {
            boolean[] ready = new boolean[1];
            assertThat(io.poll(new int[] {watch}, 1, ready, 0)).isZero();
            Files.write(dir.resolve("event3"), new byte[0]);
            assertThat(io.poll(new int[] {watch}, 1, ready, 1000)).isEqualTo(1);
            io.drainWatch(watch);
            assertThat(io.poll(new int[] {watch}, 1, ready, 0)).as("drained").isZero();
        } finally {
            io.close(watch);
        }
    }

    @Test
    void thisMachinesDevInput() throws Exception {
        List<String> devices = LibcEvdevIo.system().devices();
        System.out.println("/dev/input event devices on this machine: " + devices.size()
                + (devices.isEmpty() ? " (none: the real gamepad path is only exercised where devices exist)" : ""));
        assertThat(devices).allMatch(p -> p.startsWith("/dev/input/event"));
    }
}
