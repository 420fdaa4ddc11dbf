package io.punktfunk.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.testkit.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs/embedding.md example (x11_view.c) built with gcc and run in a private Xvfb against a real
 * host: it pairs with the PIN, shows BGRA pictures with XPutImage for a few seconds and quits with a
 * reason the host receives.
 */
class X11ExampleTest {
    @TempDir
    Path dir;

    @Test
    void theExampleShowsTheStreamInAnX11Window() throws Exception {
        NativeToolchain.requireLibrary();
        Environment.require(Files.isRegularFile(Path.of("/usr/include/X11/Xlib.h")) && Environment.onPath("Xvfb"),
                "the X11 example needs Xlib headers and Xvfb (apt-get install libx11-dev xvfb)");
        Path exe = NativeToolchain.compile("x11_view", NativeToolchain.TESTS_C.resolve("x11_view.c").toString(),
                "-L" + NativeToolchain.LIBRARY_DIR, "-lpunktfunk_client", "-Wl,-rpath," + NativeToolchain.LIBRARY_DIR, "-lX11");
        int display = freeDisplay();
        Process xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "1280x720x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
        try (PairingHost host = new PairingHost(Files.createDirectories(dir.resolve("host")), 0)) {
            Path socket = Path.of("/tmp/.X11-unix/X" + display);
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(100);
            }
            assertThat(socket).as("Xvfb :" + display + " up").exists();
            List<String> env = new ArrayList<>(NativeToolchain.runtimeEnv());
            env.add("DISPLAY=:" + display);
            env.add("PUNKTFUNK_CONFIG_DIR=" + dir.resolve("client"));
            Thread screenshots = screenshots(display);
            NativeToolchain.Result r;
            try {
                r = NativeToolchain.run(List.of(exe.toString(), "127.0.0.1", Integer.toString(host.port()),
                        PairingHost.PIN, "4"), env, 180);
            } finally {
                screenshots.interrupt();
                screenshots.join();
            }
            keepBestScreenshot();
            System.out.println("x11_view stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
            Matcher m = Pattern.compile("shown (\\d+)").matcher(r.stdout());
            assertThat(m.find()).as(r.stderr()).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(10);
            assertThat(r.exit()).isZero();
            assertThat(host.endReasons).anyMatch(reason -> reason.endsWith("viewer closed"));
        } finally {
            xvfb.destroy();
            xvfb.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * For docs/img: the root window every 2 s while the example runs (when ImageMagick's import
     * is there); {@link #keepBestScreenshot} keeps the one with the most detail as target/x11_view.png.
     */
    private Thread screenshots(int display) {
        return Thread.ofPlatform().daemon().start(() -> {
            if (!Environment.onPath("import")) {
                return;
            }
            try {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    NativeToolchain.run(List.of("import", "-display", ":" + display, "-window", "root", "-crop",
                            "640x360+0+0", "png24:" + dir.resolve("shot-" + i + ".png")), List.of(), 30);
                    Thread.sleep(2000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException | AssertionError e) {
                System.out.println("screenshot: " + e.getMessage());
            }
        });
    }

    private void keepBestScreenshot() throws java.io.IOException {
        Path best = null;
        try (var shots = Files.list(dir)) {
            for (Path p : shots.filter(f -> f.getFileName().toString().startsWith("shot-")).toList()) {
                if (best == null || Files.size(p) > Files.size(best)) { // a picture compresses worse than a black screen
                    best = p;
                }
            }
        }
        if (best != null) {
            Files.copy(best, NativeToolchain.MODULE.resolve("target/x11_view.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int freeDisplay() {
        for (int i = 0; i < 50; i++) {
            int n = 200 + ThreadLocalRandom.current().nextInt(300);
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                return n;
            }
        }
        throw new AssertionError("no free X display number");
    }
}
