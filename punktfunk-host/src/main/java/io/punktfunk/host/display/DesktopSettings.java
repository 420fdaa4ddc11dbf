package io.punktfunk.host.display;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What each virtual desktop runs and how desktops are shared.
 *
 * @param windowManager window manager command line, or null for none (with a session script: its business)
 * @param app           app command line (with arguments) run next to the window manager, or null
 * @param session       a session script that starts a whole desktop itself (replaces window manager and app), or null
 * @param readyTimeout  how long a desktop may take to answer before the session ends with the reason
 * @param join          what a session gets while a desktop already runs
 * @param runtimeRoot   where the desktops' directories, logs and ownership markers live
 */
public record DesktopSettings(String windowManager, String app, String session, Duration readyTimeout, JoinPolicy join,
                              Path runtimeRoot) {

    /** Window manager and app, 15 s to answer, a desktop per session, markers under {@link DesktopRuntime#defaultRoot()}. */
    public static DesktopSettings of(String windowManager, String app) {
        return new DesktopSettings(windowManager, app, null, Duration.ofSeconds(15), JoinPolicy.SEPARATE,
                DesktopRuntime.defaultRoot());
    }

    /**
     * {@code openbox} when installed (Debian package openbox), else none. Not twm: without the X core fonts of
     * xfonts-base it exits at start ("unable to open fontset"), which minimal systems lack.
     */
    public static String defaultWindowManager() {
        return onPath("openbox") ? "openbox" : null;
    }

    /** {@code xterm} when installed (Debian package xterm), else none. */
    public static String defaultApp() {
        return onPath("xterm") ? "xterm" : null;
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    public DesktopSettings withSession(String script) {
        return new DesktopSettings(windowManager, app, script, readyTimeout, join, runtimeRoot);
    }

    public DesktopSettings withReadyTimeout(Duration timeout) {
        return new DesktopSettings(windowManager, app, session, timeout, join, runtimeRoot);
    }

    public DesktopSettings withJoin(JoinPolicy policy) {
        return new DesktopSettings(windowManager, app, session, readyTimeout, policy, runtimeRoot);
    }

    public DesktopSettings withRuntimeRoot(Path root) {
        return new DesktopSettings(windowManager, app, session, readyTimeout, join, root);
    }
}
