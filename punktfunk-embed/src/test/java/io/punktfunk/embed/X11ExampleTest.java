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
            NativeToolchain.Result r = NativeToolchain.run(List.of(exe.toString(), "127.0.0.1",
                    Integer.toString(host.port()), PairingHost.PIN, "4"), env, 180);
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
