package io.punktfunk.host.display;

import io.punktfunk.host.stream.DesktopUsage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.handshake.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One desktop with real Xvfb, openbox and xterm: start, readiness, accounting, teardown, failures. */
class VirtualDesktopTest {
    private static final Mode MODE = new Mode(480, 320, 30);
    private final XvfbBackend backend = new XvfbBackend(new Mode(1920, 1080, 240), Duration.ofSeconds(20));

    @TempDir
    Path dir;

    private DesktopSettings settings(String wm, String app, Duration ready) {
        return DesktopSettings.of(wm, app).withRuntimeRoot(dir).withReadyTimeout(ready);
    }

    @Test
    void startsWindowManagerAndAppCountsThemAndLeavesNothingBehind() throws Exception {
        DesktopTools.requireDesktop();
        DesktopRuntime runtime = new DesktopRuntime(dir);
        VirtualDesktop d = VirtualDesktop.start(backend, runtime, settings("openbox", "xterm", Duration.ofSeconds(40)), MODE);
        String token = d.token();
        Path desktopDir = d.dir();
        try {
            try (XWindows x = XWindows.open(d.display())) {
                assertThat(x).isNotNull();
                assertThat(x.windowManagerPresent()).as("openbox holds the root").isTrue();
                assertThat(x.mappedTopLevels()).as("xterm's window (in openbox's frame)").isPositive();
            }
            assertThat(desktopDir.resolve(DesktopRuntime.OWNER)).exists();
            assertThat(d.alive()).isTrue();
            DesktopUsage u = d.usage();
            assertThat(u.processes()).as("Xvfb, openbox, xterm and their shells: %s", u).isGreaterThanOrEqualTo(3);
            assertThat(u.rssBytes()).as("resident memory").isGreaterThan(10_000_000L);
            assertThat(DesktopProcesses.tagged(token)).contains(d.displayServerPid());
        } finally {
            d.close();
        }
        assertThat(DesktopProcesses.tagged(token)).as("processes left of " + token).isEmpty();
        assertThat(desktopDir).doesNotExist();
    }

    @Test
    void aCommandThatExitsEndsTheStartWithItsStatusAndLogTail() throws Exception {
        DesktopTools.requireXvfb();
        DesktopRuntime runtime = new DesktopRuntime(dir);
        assertThatThrownBy(() -> VirtualDesktop.start(backend, runtime,
                settings(null, "echo cannot-open-the-thing >&2; exit 7", Duration.ofSeconds(30)), MODE))
                .isInstanceOf(DesktopStartException.class)
                .hasMessageContaining("exited with status 7").hasMessageContaining("cannot-open-the-thing");
        try (var left = Files.list(dir)) {
            assertThat(left).as("the failed desktop's directory").isEmpty();
        }
    }

    @Test
    void aWindowThatNeverAppearsTimesOutWithTheReasonAndTheCommandIsEnded() throws Exception {
        DesktopTools.requireXvfb();
        DesktopRuntime runtime = new DesktopRuntime(dir);
        String marker = "sleep 317." + ProcessHandle.current().pid(); // an argument nobody else uses
        assertThatThrownBy(() -> VirtualDesktop.start(backend, runtime, settings(null, marker, Duration.ofSeconds(3)), MODE))
                .isInstanceOf(DesktopStartException.class)
                .hasMessageContaining("not ready within 3 s").hasMessageContaining("no window was mapped");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)))
                .as("the app was ended with its desktop").isEmpty();
    }

    @Test
    void aMissingServerEndsTheStartWithWhatToInstall() throws Exception {
        XvfbBackend missing = new XvfbBackend(new Mode(640, 480, 60), Duration.ofSeconds(1), "/nonexistent/Xvfb");
        assertThatThrownBy(() -> VirtualDesktop.start(missing, new DesktopRuntime(dir),
                settings(null, "xterm", Duration.ofSeconds(5)), MODE))
                .isInstanceOf(DesktopStartException.class).hasMessageContaining("apt-get install xvfb");
        try (var left = java.nio.file.Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
