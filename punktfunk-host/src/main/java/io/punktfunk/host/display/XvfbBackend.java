package io.punktfunk.host.display;

import io.punktfunk.control.handshake.Mode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Displays from Xvfb, the X server without hardware that every Debian has ({@code xvfb}). The server
 * picks a free display number itself and reports it ({@code -displayfd}) once it accepts connections,
 * so parallel hosts and tests never race for a number. Xvfb's RandR (xserver 21.1) offers exactly one
 * mode, the screen size it started with: {@code xrandr --newmode/--addmode} are refused and the
 * framebuffer cannot grow, so a mode change needs a new display ({@link XvfbDisplay#changeMode}).
 */
public final class XvfbBackend implements VirtualDisplayBackend {
    /** Smallest desktop: the handshake's smallest mode. */
    static final int MIN_SIDE = 64;

    private final Mode largest;
    private final Duration startTimeout;
    private final String executable;

    /**
     * @param largest      the largest desktop it creates (its framebuffer is width × height × 4 bytes: 33 MB at 4K)
     * @param startTimeout how long Xvfb may take to accept connections
     */
    public XvfbBackend(Mode largest, Duration startTimeout) {
        this(largest, startTimeout, "Xvfb");
    }

    /** As above, with the server's executable (a name on the PATH or a path). */
    public XvfbBackend(Mode largest, Duration startTimeout, String executable) {
        this.largest = largest;
        this.startTimeout = startTimeout;
        this.executable = executable;
    }

    /** Up to 3840x2160@240, 10 s to start. */
    public static XvfbBackend defaults() {
        return new XvfbBackend(new Mode(3840, 2160, 240), Duration.ofSeconds(10));
    }

    /** True when an {@code Xvfb} executable is on the PATH. */
    public static boolean installed() {
        return DesktopSettings.onPath("Xvfb");
    }

    @Override
    public String name() {
        return "xvfb";
    }

    @Override
    public Optional<String> refusal(Mode m) {
        if (m.width() % 2 != 0 || m.height() % 2 != 0) {
            return Optional.of("width and height must be even (4:2:0 video)");
        }
        if (m.width() < MIN_SIDE || m.height() < MIN_SIDE) {
            return Optional.of("smaller than " + MIN_SIDE + "x" + MIN_SIDE);
        }
        if (m.width() > largest.width() || m.height() > largest.height() || m.refreshHz() > largest.refreshHz()) {
            return Optional.of("larger than this host's largest desktop " + largest);
        }
        return Optional.empty();
    }

    @Override
    public String modesOffered() {
        return "any even WxH from " + MIN_SIDE + "x" + MIN_SIDE + " to " + largest.width() + "x" + largest.height()
                + " at 1-" + largest.refreshHz() + " Hz, e.g. 1280x720@60, 1920x1080@60";
    }

    @Override
    public VirtualDisplay create(Mode mode, Map<String, String> environment, Path log) {
        if (executable.indexOf('/') >= 0 ? !java.nio.file.Files.isExecutable(Path.of(executable))
                : !DesktopSettings.onPath(executable)) {
            throw new DesktopStartException(executable + " is not installed: apt-get install xvfb");
        }
        ProcessBuilder pb = new ProcessBuilder(executable, "-displayfd", "1", "-screen", "0",
                mode.width() + "x" + mode.height() + "x24", "-nolisten", "tcp", "-noreset")
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new DesktopStartException("cannot start Xvfb: " + e.getMessage());
        }
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            } catch (IOException e) {
                return null;
            }
        }, r -> Thread.ofVirtual().name("pkf-xvfb-displayfd").start(r));
        String n;
        try {
            n = number.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            n = null;
        } catch (ExecutionException e) {
            n = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            n = null;
        }
        if (n == null || !n.strip().matches("\\d+")) {
            XvfbDisplay.stop(p);
            String why = p.isAlive() ? "Xvfb did not report a display within " + startTimeout.toSeconds() + " s"
                    : "Xvfb exited with status " + p.exitValue();
            throw new DesktopStartException(LogTail.withTail(why, log, 200));
        }
        return new XvfbDisplay(p, Integer.parseInt(n.strip()), mode);
    }
}
