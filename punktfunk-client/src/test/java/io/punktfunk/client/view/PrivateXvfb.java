package io.punktfunk.client.view;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * An Xvfb server on a display number it picks itself ({@code -displayfd}, so parallel runs never
 * collide), made this JVM's AWT display, plus the external X tools the tests drive it with:
 * {@code import} (ImageMagick) for screenshots and {@code xdotool} (XTest) for input.
 */
final class PrivateXvfb implements AutoCloseable {

    private final Process process;
    private final String display;
    private boolean awtAttached;

    private PrivateXvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static PrivateXvfb start(int width, int height) throws IOException {
        Process process = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
                "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String number = out.readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            process.destroyForcibly();
            throw new IOException("Xvfb did not report a display number: " + number);
        }
        return new PrivateXvfb(process, ":" + number.strip());
    }

    /**
     * Points this JVM's AWT at the Xvfb: AWT opens the display named by the C environment's DISPLAY
     * (set here through libc, since Java's environment map is read-only) and would otherwise decide
     * it is headless because Java's copy of the environment has no DISPLAY. Must run before any AWT
     * class initialises, so such tests run in a JVM of their own (surefire reuseForks=false).
     */
    void becomeAwtDisplay() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) setenv.invokeExact(arena.allocateFrom("DISPLAY"), arena.allocateFrom(display), 1);
            if (rc != 0) {
                throw new IllegalStateException("setenv(DISPLAY) failed");
            }
        }
        System.setProperty("java.awt.headless", "false");
        awtAttached = true;
    }

    String display() {
        return display;
    }

    /** The whole screen, captured by ImageMagick's {@code import} in another process. */
    BufferedImage screenshot(Path file) throws IOException, InterruptedException {
        run(List.of("import", "-display", display, "-window", "root", "png24:" + file));
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("import wrote no readable PNG: " + file);
        }
        return image;
    }

    /** Runs {@code xdotool} against this display, e.g. {@code xdotool("key", "a")}. */
    void xdotool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(args));
        run(command);
    }

    /**
     * Where the X server has the mapped top-level window titled {@code title}: waits (xdotool's
     * {@code --sync}) until such a window is visible, then asks for its geometry.
     */
    java.awt.Rectangle windowGeometry(String title) throws IOException, InterruptedException {
        String shell = run(List.of("xdotool", "search", "--sync", "--onlyvisible", "--name",
                "^" + title + "$", "getwindowgeometry", "--shell"));
        java.util.Map<String, Integer> values = new java.util.HashMap<>();
        for (String line : shell.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(eq + 1).strip().matches("-?\\d+")) {
                values.put(line.substring(0, eq), Integer.parseInt(line.substring(eq + 1).strip()));
            }
        }
        if (!values.keySet().containsAll(List.of("X", "Y", "WIDTH", "HEIGHT"))) {
            throw new IOException("xdotool gave no geometry for " + title + ": " + shell);
        }
        return new java.awt.Rectangle(values.get("X"), values.get("Y"), values.get("WIDTH"), values.get("HEIGHT"));
    }

    /** Runs any X client against this display, e.g. {@code command("setxkbmap", "de")}. */
    void command(String... args) throws IOException, InterruptedException {
        run(List.of(args));
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(command + " failed: " + output);
        }
        return output;
    }

    /**
     * Stops the server. Once AWT holds a connection it cannot be stopped from inside the JVM: Xlib
     * answers a lost display with exit(1), which kills the test JVM before surefire hears the
     * results. Then a small watcher process stops the server once this JVM has exited.
     */
    @Override
    public void close() {
        if (awtAttached) {
            String watcher = "while kill -0 " + ProcessHandle.current().pid()
                    + " 2>/dev/null; do sleep 0.2; done; kill " + process.pid();
            try {
                new ProcessBuilder("sh", "-c", watcher).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return;
            } catch (IOException e) {
                // no shell: stop it now and let Xlib end the JVM
            }
        }
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
