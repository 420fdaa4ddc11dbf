package io.punktfunk.host.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.handshake.Mode;
import io.punktfunk.host.input.Xlib;
import io.punktfunk.testkit.Environment;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XvfbBackendTest {
    private final XvfbBackend backend = new XvfbBackend(new Mode(1920, 1080, 144), Duration.ofSeconds(15));

    @TempDir
    Path dir;

    @Test
    void refusesModesItCannotCreateAndSaysWhichItCan() {
        assertThat(backend.refusal(new Mode(1280, 720, 60))).isEmpty();
        assertThat(backend.refusal(new Mode(1920, 1080, 144))).isEmpty();
        assertThat(backend.refusal(new Mode(1279, 720, 60))).hasValueSatisfying(r -> assertThat(r).contains("even"));
        assertThat(backend.refusal(new Mode(2560, 1440, 60))).hasValueSatisfying(r -> assertThat(r).contains("1920x1080@144"));
        assertThat(backend.refusal(new Mode(1280, 720, 240))).isPresent();
        assertThat(backend.modesOffered()).contains("64x64").contains("1920x1080").contains("144 Hz");
    }

    @Test
    void aMissingServerIsAStartFailureThatSaysWhatToInstall() {
        XvfbBackend missing = new XvfbBackend(new Mode(640, 480, 60), Duration.ofSeconds(1), "/nonexistent/Xvfb");
        assertThatThrownBy(() -> missing.create(new Mode(640, 480, 60), Map.of(), dir.resolve("log")))
                .isInstanceOf(DesktopStartException.class).hasMessageContaining("apt-get install xvfb");
    }

    @Test
    void startsADisplayAtTheModeWhoseSizeRandrCannotChangeAndRemovesItWhole() throws Exception {
        DesktopTools.requireXvfb();
        VirtualDisplay d = backend.create(new Mode(320, 240, 30), Map.of(), dir.resolve("log"));
        int n = Integer.parseInt(d.name().substring(1));
        try {
            assertThat(d.server().isAlive()).isTrue();
            assertThat(XLockFiles.socket(n)).exists();
            assertThat(XLockFiles.removeIfDead(n)).as("a live server's socket is never removed").isFalse();
            assertThat(XLockFiles.socket(n)).exists();
            Xlib x = Xlib.load();
            MemorySegment c = x.open(d.name()).orElseThrow(() -> new AssertionError("no connection to " + d.name()));
            try {
                assertThat(x.screenSize(c)).containsExactly(320, 240);
            } finally {
                x.close(c);
            }
            assertThat(d.changeMode(new Mode(320, 240, 60))).as("refresh is the capture's pace").isEmpty();
            assertThat(d.changeMode(new Mode(400, 300, 30))).hasValueSatisfying(r -> assertThat(r).contains("new display"));
            if (Environment.onPath("xrandr")) {
                // why changeMode refuses: the screen's maximum is the size it started with
                assertThat(run("xrandr", "-display", d.name())).contains("maximum 320 x 240");
            }
        } finally {
            d.close();
        }
        assertThat(d.server().isAlive()).isFalse();
        assertThat(XLockFiles.lock(n)).doesNotExist();
        assertThat(XLockFiles.socket(n)).doesNotExist();
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
