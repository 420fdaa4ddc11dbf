package io.punktfunk.media.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An Xvfb server started for one test class on a display number it picks itself
 * ({@code -displayfd}), so parallel runs never collide; stopped with the process it started.
 */
final class XvfbDisplay implements AutoCloseable {

    private final Process process;
    private final String display;

    private XvfbDisplay(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    static boolean installed() {
        return onPath("Xvfb") && onPath("xsetroot");
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static XvfbDisplay start(int width, int height) throws IOException {
        Process process = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
                "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String number = out.readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            process.destroyForcibly();
            throw new IOException("Xvfb did not report a display number: " + number);
        }
        return new XvfbDisplay(process, ":" + number.strip());
    }

    String display() {
        return display;
    }

    /** Paints the root window one colour, e.g. "#ff0000". */
    void paintRoot(String colour) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("xsetroot", "-display", display, "-solid", colour).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("xsetroot failed for " + colour);
        }
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
