package io.punktfunk.host.display;

import io.punktfunk.host.stream.DesktopUsage;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.host.input.HostInput;
import io.punktfunk.host.input.InputBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One desktop: a {@link VirtualDisplay}, the commands it runs, and an XTest input of its own, so only the
 * sessions on this desktop can type into it. Started whole or not at all: a failure stops what was started
 * and reports the reason with the log's tail.
 *
 * <pre>
 * start: runtime dir ─▶ display (Xvfb -displayfd) ─▶ owner marker ─▶ WM ─▶ (WM holds the root) ─▶ app
 *        │ session script ─▶ readiness probe (X answers, WM holds the root, a window is mapped) ─▶ XTest input
 * close: input released ─▶ tagged processes TERM/KILL ─▶ display stopped ─▶ runtime dir removed
 * </pre>
 */
public final class VirtualDesktop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualDesktop.class);
    /** Time the desktop's processes get to exit after SIGTERM. */
    private static final long GRACE_MS = 2000;

    private final Path dir;
    private final String token;
    private final VirtualDisplay display;
    private final List<DesktopCommand.Running> commands;
    private final HostInput input;
    private final long readyNs;
    private volatile boolean closed;

    private VirtualDesktop(Path dir, VirtualDisplay display, List<DesktopCommand.Running> commands, HostInput input,
                           long readyNs) {
        this.dir = dir;
        this.token = dir.getFileName().toString();
        this.display = display;
        this.commands = commands;
        this.input = input;
        this.readyNs = readyNs;
    }

    /** Starts a desktop at {@code mode} and returns once it answers; throws {@link DesktopStartException}. */
    static VirtualDesktop start(VirtualDisplayBackend backend, DesktopRuntime runtime, DesktopSettings settings, Mode mode) {
        long t0 = System.nanoTime();
        Path dir = runtime.newDesktopDir();
        String token = dir.getFileName().toString();
        Path log = dir.resolve("desktop.log");
        Map<String, String> env = new HashMap<>();
        env.put(DesktopProcesses.TAG, token);
        VirtualDisplay display = null;
        List<DesktopCommand.Running> running = new ArrayList<>();
        HostInput input = null;
        try {
            display = backend.create(mode, env, log);
            runtime.writeOwner(dir, displayNumber(display), display.server().pid());
            env.put("DISPLAY", display.name());
            env.put("PUNKTFUNK_DESKTOP_DIR", dir.toString());
            boolean wm = settings.session() == null && settings.windowManager() != null;
            boolean window = settings.session() != null || settings.app() != null;
            long deadline = t0 + settings.readyTimeout().toNanos();
            for (DesktopCommand c : commands(settings)) {
                running.add(c.start(dir, env, log));
                if (wm && running.size() == 1 && window) {
                    // the app starts once the window manager holds the root: an app mapped before it is not managed
                    ReadinessProbe.await(display.name(), new ReadinessProbe.Expect(true, false), running, deadline,
                            settings.readyTimeout(), log);
                }
            }
            ReadinessProbe.await(display.name(), new ReadinessProbe.Expect(wm, window), running, deadline,
                    settings.readyTimeout(), log);
            try {
                input = HostInput.open(InputBackend.XTEST, display.name(), HostInput.Limits.defaults());
            } catch (IllegalStateException e) {
                throw new DesktopStartException("no input on " + display.name() + ": " + e.getMessage());
            }
            VirtualDesktop d = new VirtualDesktop(dir, display, running, input, System.nanoTime() - t0);
            LOG.info("desktop {} ready in {} ms: {} ({})", display.name(), d.readyNs / 1_000_000, display, d.usage());
            return d;
        } catch (RuntimeException | Error e) {
            if (input != null) {
                input.close();
            }
            stop(token, display, dir);
            throw e;
        }
    }

    private static List<DesktopCommand> commands(DesktopSettings s) {
        List<DesktopCommand> c = new ArrayList<>();
        if (s.session() != null) {
            c.add(new DesktopCommand("session", s.session()));
            return c;
        }
        if (s.windowManager() != null) {
            c.add(new DesktopCommand("window manager", s.windowManager()));
        }
        if (s.app() != null) {
            c.add(new DesktopCommand("app", s.app()));
        }
        return c;
    }

    private static int displayNumber(VirtualDisplay d) {
        return Integer.parseInt(d.name().substring(d.name().indexOf(':') + 1).split("\\.")[0]);
    }

    private static void stop(String token, VirtualDisplay display, Path dir) {
        DesktopProcesses.killAll(token, GRACE_MS); // every tagged process but ours, the X server included
        if (display != null) {
            display.close(); // reaps it, removes lock and socket
        }
        List<Long> left = DesktopProcesses.tagged(token);
        if (!left.isEmpty()) {
            LOG.warn("desktop {}: processes {} outlived SIGKILL", token, left);
        }
        DesktopRuntime.remove(dir);
    }

    /**
     * Why a desktop ended on its own: its X server died, or a command it runs exited (a session script that
     * finished, an app the user closed). {@code fault} unless a command exited with status 0.
     */
    public record End(boolean fault, String reason) {
    }

    /**
     * Calls {@code listener} once, on a process-reaper thread, when the X server or a started command exits
     * before {@link #close}.
     */
    public void onEnd(java.util.function.Consumer<End> listener) {
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.Consumer<End> once = e -> {
            if (!closed && fired.compareAndSet(false, true)) {
                listener.accept(e);
            }
        };
        display.server().onExit().thenRun(() -> once.accept(new End(true, "desktop " + display.name()
                + " ended: its X server exited")));
        for (DesktopCommand.Running c : commands) {
            c.process().onExit().thenAccept(p -> once.accept(new End(p.exitValue() != 0, LogTail.withTail("desktop "
                    + display.name() + " ended: " + c.command().role() + " '" + c.command().line() + "' exited with status "
                    + p.exitValue(), dir.resolve("desktop.log"), 230))));
        }
    }

    /** Pid of the display's server. */
    public long displayServerPid() {
        return display.server().pid();
    }

    /** The X display name. */
    public String display() {
        return display.name();
    }

    public Mode mode() {
        return display.mode();
    }

    /** This desktop's tag and runtime directory name. */
    public String token() {
        return token;
    }

    /** The desktop's directory (its log, and the working directory of its commands). */
    public Path dir() {
        return dir;
    }

    /** Input into this desktop only. */
    public HostInput input() {
        return input;
    }

    /** Time from the start to ready (display, window manager, window). */
    public long readyNs() {
        return readyNs;
    }

    /** True while the X server and every started command run. */
    public boolean alive() {
        return !closed && display.server().isAlive() && commands.stream().allMatch(c -> c.process().isAlive());
    }

    /** Processes, memory and CPU now. */
    public DesktopUsage usage() {
        return DesktopProcesses.usage(token);
    }

    /** The mode change the backend allows in place, else why not ({@link VirtualDisplay#changeMode}). */
    public java.util.Optional<String> changeMode(Mode mode) {
        return display.changeMode(mode);
    }

    /** Releases input, ends every process of the desktop and removes the display. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        DesktopUsage last = usage();
        input.close();
        stop(token, display, dir);
        LOG.info("desktop {} removed (last: {})", display.name(), last);
    }

    @Override
    public String toString() {
        return "desktop " + display.name() + " " + display.mode();
    }
}
