package io.punktfunk.host.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cleanup at start after a host crash, with real processes: what a dead host's desktops left (their
 * tagged X server and app, a SIGKILLed server's socket) goes; a live host's desktop and
 * untagged processes stay.
 */
class DesktopRuntimeTest {
    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatTheTestStarted() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void desktopsOfADeadHostAreEndedAndALiveHostsAreLeftAlone() throws Exception {
        DesktopTools.requireXvfb();
        long deadHost = deadPid();
        // a crashed host's desktop: its X server and app still run, tagged with the desktop's token
        String crashed = deadHost + "-1700000000000-1";
        Process xvfb = xvfb(crashed);
        int display = displayNumber(xvfb);
        Process app = tagged(crashed, "sleep", "301");
        Path crashedDir = Files.createDirectories(root.resolve(crashed));
        Files.writeString(crashedDir.resolve(DesktopRuntime.OWNER), deadHost + " 1700000000000 " + display + " " + xvfb.pid() + "\n");

        // another crashed desktop whose X server was SIGKILLed: its socket was left
        String killed = deadHost + "-1700000000000-2";
        Process killedXvfb = xvfb(killed);
        int killedDisplay = displayNumber(killedXvfb);
        killedXvfb.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        assertThat(XLockFiles.socket(killedDisplay)).as("SIGKILL leaves the socket").exists();
        Path killedDir = Files.createDirectories(root.resolve(killed));
        Files.writeString(killedDir.resolve(DesktopRuntime.OWNER),
                deadHost + " 1700000000000 " + killedDisplay + " " + killedXvfb.pid() + "\n");

        // a running host's desktop (this JVM's marker) and someone else's untagged process
        DesktopRuntime live = new DesktopRuntime(root);
        Path liveDir = live.newDesktopDir();
        String liveToken = liveDir.getFileName().toString();
        Process liveApp = tagged(liveToken, "sleep", "302");
        live.writeOwner(liveDir, 9999, liveApp.pid());
        Process stranger = start(new ProcessBuilder("sleep", "303"));

        int cleaned = new DesktopRuntime(root).cleanStale();

        assertThat(cleaned).isEqualTo(2);
        assertThat(xvfb.waitFor(5, TimeUnit.SECONDS)).as("the stale X server ended").isTrue();
        assertThat(app.waitFor(5, TimeUnit.SECONDS)).as("the stale app ended").isTrue();
        assertThat(DesktopProcesses.tagged(crashed)).isEmpty();
        assertThat(XLockFiles.lock(display)).doesNotExist();
        assertThat(XLockFiles.lock(killedDisplay)).as("left lock file removed").doesNotExist();
        assertThat(XLockFiles.socket(killedDisplay)).as("left socket removed").doesNotExist();
        assertThat(crashedDir).doesNotExist();
        assertThat(killedDir).doesNotExist();

        assertThat(liveApp.isAlive()).as("a live host's desktop process").isTrue();
        assertThat(liveDir).exists();
        assertThat(stranger.isAlive()).as("an untagged process").isTrue();
    }

    /** A pid with no process behind it. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(5, TimeUnit.SECONDS);
        return p.pid();
    }

    private Process xvfb(String token) throws Exception {
        return tagged(token, "Xvfb", "-displayfd", "1", "-screen", "0", "320x240x24", "-nolisten", "tcp");
    }

    private Process tagged(String token, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put(DesktopProcesses.TAG, token);
        return start(pb);
    }

    private Process start(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static int displayNumber(Process xvfb) throws Exception {
        String n = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        assertThat(n).as("Xvfb's display number").isNotNull().matches("\\d+");
        return Integer.parseInt(n.strip());
    }
}
