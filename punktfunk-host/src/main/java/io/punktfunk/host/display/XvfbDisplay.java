package io.punktfunk.host.display;

import io.punktfunk.control.handshake.Mode;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One running Xvfb. */
final class XvfbDisplay implements VirtualDisplay {
    private final Process process;
    private final int number;
    private final Mode mode;

    XvfbDisplay(Process process, int number, Mode mode) {
        this.process = process;
        this.number = number;
        this.mode = mode;
    }

    @Override
    public String name() {
        return ":" + number;
    }

    /** The display number. */
    int number() {
        return number;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public ProcessHandle server() {
        return process.toHandle();
    }

    @Override
    public Optional<String> changeMode(Mode to) {
        if (to.width() == mode.width() && to.height() == mode.height()) {
            return Optional.empty(); // refresh is the capture's pace, not the server's
        }
        return Optional.of("Xvfb's RandR has one fixed mode (" + mode.width() + "x" + mode.height()
                + "): a new size needs a new display");
    }

    @Override
    public void close() {
        stop(process);
        XLockFiles.removeIfDead(number); // only after SIGKILL would they be left
    }

    /** SIGTERM (Xvfb removes its lock and socket), SIGKILL after 3 s. */
    static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Xvfb " + name() + " " + mode.width() + "x" + mode.height() + " (pid " + process.pid() + ")";
    }
}
