package io.punktfunk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.testkit.Environment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session scripts in packaging/sessions as the host runs them ({@code /bin/sh -c}, DISPLAY and
 * PUNKTFUNK_DESKTOP_DIR set). KDE Plasma and gamescope are not installed here (Plasma 6 and gamescope are
 * not in Debian 12), so the programs the scripts start are recording stand-ins on PATH that log their
 * arguments and environment: what is tested is the scripts' own work — the session environment, the
 * D-Bus session, kbuildsycoca before plasmashell, gamescope sized to the real Xvfb display.
 */
class SessionScriptsTest {
    @TempDir Path dir;

    private Path stubs;
    private Path log;

    private void stub(String name, String body) throws Exception {
        Path p = stubs.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void kdeStubs(String sycoca) throws Exception {
        stubs = Files.createDirectories(dir.resolve("bin"));
        log = dir.resolve("log");
        String record = "echo \"$(basename \"$0\")${*:+ $*} | menu=${XDG_MENU_PREFIX:-} full=${KDE_FULL_SESSION:-} version=${KDE_SESSION_VERSION:-}"
                + " desktop=${XDG_CURRENT_DESKTOP:-} type=${XDG_SESSION_TYPE:-} bus=${DBUS_SESSION_BUS_ADDRESS:-} display=${DISPLAY:-}"
                + " runtime=${XDG_RUNTIME_DIR:-}\" >> \"$PF_LOG\"";
        stub(sycoca, record);
        stub("plasmashell", record);
        stub("kwin_x11", record);
        // dbus-run-session -- CMD...: runs CMD with a session bus address, as the real one does.
        stub("dbus-run-session", "[ \"$1\" = -- ] && shift\nDBUS_SESSION_BUS_ADDRESS=unix:path=/stub-bus exec \"$@\"");
    }

    private Command runSession(String line, Map<String, String> extra) throws Exception {
        Path desktop = Files.createDirectories(dir.resolve("desktop"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", stubs + ":/usr/bin:/bin");
        env.put("PF_LOG", log.toString());
        env.put("DISPLAY", ":42");
        env.put("PUNKTFUNK_DESKTOP_DIR", desktop.toString());
        env.putAll(extra);
        return Command.run(desktop, env, List.of("/bin/sh", "-c", line), 60);
    }

    private List<String> logLines(String waitFor) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) { // kwin_x11 runs in the background and may log after the script ended
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            if (lines.stream().anyMatch(l -> l.startsWith(waitFor)) || System.nanoTime() > deadline) {
                return lines;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void plasmaSessionSetsTheKdeEnvironmentAndBuildsTheMenuCacheFirst() throws Exception {
        kdeStubs("kbuildsycoca6");
        Command r = runSession(Repo.packaging("sessions/kde-plasma-session.sh").toString(), Map.of("XDG_RUNTIME_DIR", ""));
        assertThat(r.exitCode()).as(r.output()).isZero();
        List<String> lines = logLines("kwin_x11");
        assertThat(lines).as(r.output()).hasSize(3);
        String env = " | menu=plasma- full=true version=6 desktop=KDE type=x11 bus=unix:path=/stub-bus display=:42 runtime="
                + dir.resolve("desktop/xdg-runtime");
        List<String> ordered = lines.stream().filter(l -> !l.startsWith("kwin_x11")).toList();
        assertThat(ordered).containsExactly("kbuildsycoca6 --noincremental" + env, "plasmashell" + env);
        assertThat(lines).contains("kwin_x11 --replace" + env);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("desktop/xdg-runtime"))))
                .isEqualTo("rwx------");
    }

    @Test
    void plasma5IsUsedWhenOnlyItIsInstalled() throws Exception {
        kdeStubs("kbuildsycoca5");
        Command r = runSession(Repo.packaging("sessions/kde-plasma-session.sh") + "", Map.of("PUNKTFUNK_KDE_WM", "none"));
        assertThat(r.exitCode()).as(r.output()).isZero();
        List<String> lines = logLines("plasmashell");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("kbuildsycoca5 --noincremental | menu=plasma- full=true version=5 ");
        assertThat(lines.get(1)).startsWith("plasmashell | menu=plasma- full=true version=5 ");
    }

    @Test
    void plasmaSessionSaysWhatIsMissing() throws Exception {
        kdeStubs("kbuildsycoca6");
        Files.delete(stubs.resolve("kbuildsycoca6"));
        Command r = runSession(Repo.packaging("sessions/kde-plasma-session.sh").toString(), Map.of());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("kbuildsycoca6 not found; install plasma-workspace");
        Command noDisplay = runSession(Repo.packaging("sessions/kde-plasma-session.sh").toString(), Map.of("DISPLAY", ""));
        assertThat(noDisplay.exitCode()).isEqualTo(2);
        assertThat(noDisplay.stderr()).contains("DISPLAY is not set");
    }

    @Test
    void gamescopeFillsTheVirtualDisplay() throws Exception {
        Environment.require(Environment.onPath("Xvfb"), "Xvfb is not installed (Debian package xvfb)");
        Environment.require(Environment.onPath("xwininfo"), "xwininfo is not installed (Debian package x11-utils)");
        stubs = Files.createDirectories(dir.resolve("bin"));
        log = dir.resolve("log");
        stub("gamescope", "echo \"gamescope $*\" >> \"$PF_LOG\"");
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(number).as("Xvfb display number").isNotNull().matches("\\d+");
            String script = Repo.packaging("sessions/gamescope-session.sh").toString();
            Command game = runSession(script + " supertuxkart --fullscreen", Map.of("DISPLAY", ":" + number));
            assertThat(game.exitCode()).as(game.output()).isZero();
            Command steam = runSession(script, Map.of("DISPLAY", ":" + number, "PUNKTFUNK_GAMESCOPE_REFRESH", "120"));
            assertThat(steam.exitCode()).as(steam.output()).isZero();
            assertThat(Files.readAllLines(log)).containsExactly(
                    "gamescope -W 640 -H 480 -r 60 -f -- supertuxkart --fullscreen",
                    "gamescope -W 640 -H 480 -r 120 -f -- steam -gamepadui");
        } finally {
            xvfb.destroy();
            if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly();
            }
        }
    }

    @Test
    void gamescopeSaysWhatIsMissing() throws Exception {
        stubs = Files.createDirectories(dir.resolve("bin"));
        log = dir.resolve("log");
        Command r = runSession(Repo.packaging("sessions/gamescope-session.sh").toString(), Map.of("PATH", stubs + ":/usr/bin:/bin"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("gamescope not found; install gamescope");
    }
}
