package io.punktfunk.host.input;

import io.punktfunk.testkit.Environment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A private Xvfb on a display number it picks itself ({@code -displayfd}), for the input tests; the
 * JVM's own AWT never touches it. Skips (or under CI fails) when Xvfb or the X libraries are missing.
 */
final class XvfbServer implements AutoCloseable {
    private final Process process;
    final String display;

    private XvfbServer(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Checks the prerequisites through {@link Environment#require}, then starts the server. */
    static XvfbServer start(int width, int height) throws IOException {
        Environment.require(Environment.onPath("Xvfb"), "Xvfb is not installed (Debian package xvfb)");
        Environment.require(Xlib.available(), "libX11/libXtst missing (Debian packages libx11-6 libxtst6)");
        Process p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
                "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String number = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            p.destroyForcibly();
            throw new IOException("Xvfb did not report a display number: " + number);
        }
        return new XvfbServer(p, ":" + number.strip());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
