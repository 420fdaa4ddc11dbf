package io.punktfunk.host.display;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decides when a new desktop answers, so capture starts on a desktop and not on a black screen: the X
 * server takes a connection, the window manager holds the root (when one was started) and a top-level
 * window is mapped (when an app or a session was started). It asks the server every
 * {@value #POLL_MS} ms; a started command that exits first, or the timeout, fails the start with the
 * reason and the log's tail.
 */
final class ReadinessProbe {
    static final long POLL_MS = 25;

    /** What the desktop must show before it counts as ready. */
    record Expect(boolean windowManager, boolean window) {
    }

    private ReadinessProbe() {
    }

    /**
     * Returns once ready; throws {@link DesktopStartException} otherwise, at {@code deadlineNs} (the desktop's
     * start plus {@code timeout}) at the latest.
     */
    static void await(String display, Expect expect, List<DesktopCommand.Running> commands, long deadlineNs,
                      Duration timeout, Path log) {
        long deadline = deadlineNs;
        XWindows x = null;
        try {
            while (true) {
                for (DesktopCommand.Running c : commands) {
                    if (!c.process().isAlive()) {
                        throw new DesktopStartException(LogTail.withTail("session command '" + c.command().line()
                                + "' exited with status " + c.process().exitValue() + " before the desktop was ready", log, 230));
                    }
                }
                if (x == null) {
                    x = XWindows.open(display);
                } else if (x.gone()) {
                    throw new DesktopStartException(LogTail.withTail("the X server of " + display
                            + " went away before the desktop was ready", log, 230));
                }
                if (x != null && (!expect.windowManager() || x.windowManagerPresent())
                        && (!expect.window() || x.mappedTopLevels() > 0)) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    String missing = x == null ? "the X server did not answer"
                            : expect.windowManager() && !x.windowManagerPresent() ? "no window manager took the display"
                            : "no window was mapped";
                    throw new DesktopStartException(LogTail.withTail("desktop " + display + " not ready within "
                            + timeout.toSeconds() + " s: " + missing, log, 230));
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DesktopStartException("interrupted while the desktop started");
                }
            }
        } finally {
            if (x != null) {
                x.close();
            }
        }
    }
}
