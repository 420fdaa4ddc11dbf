package io.punktfunk.dist;

import io.punktfunk.testkit.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code systemd-analyze verify} without systemd running (PID 1 here is not systemd). It checks a unit
 * against an offline root ({@code --root}): keys, values, dependencies and that {@code ExecStart}'s binary
 * is executable, which is why the root holds the launcher and the distribution's targets. It reports a
 * misspelt key or a bad value on stderr but still exits 0, so a unit passes only with exit 0 and no output.
 * {@code --user} takes no {@code --root}: a user unit is verified in user mode with its ExecStart pointed at
 * the root's launcher, and in system mode as it is (same keys, binary checked in the root).
 */
final class SystemdUnits {
    private static final Path HOST_UNITS = Path.of("/usr/lib/systemd/system");

    private SystemdUnits() {
    }

    static void requireTools() {
        Environment.require(Environment.onPath("systemd-analyze"), "systemd-analyze is not installed (Debian package systemd)");
        Environment.require(Files.isDirectory(HOST_UNITS), "no " + HOST_UNITS + " (Debian package systemd)");
    }

    /** Adds the distribution's targets to {@code root} so the units' WantedBy/After resolve. */
    static void addTargets(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        try (var units = Files.list(HOST_UNITS)) {
            for (Path t : units.filter(p -> p.getFileName().toString().endsWith(".target")).toList()) {
                Path to = dir.resolve(t.getFileName());
                if (!Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(t, to);
                }
            }
        }
    }

    /** {@code systemd-analyze verify --root ROOT NAME} for a unit installed at ROOT/usr/lib/systemd/system/NAME. */
    static Command verifySystem(Path root, String name) throws IOException, InterruptedException {
        return Command.run(List.of("systemd-analyze", "verify", "--man=no", "--root=" + root, name), 120);
    }

    /** {@code systemd-analyze --user verify} of a copy of {@code unit} whose ExecStart runs {@code launcher}. */
    static Command verifyUser(Path unit, Path launcher, Path scratch) throws IOException, InterruptedException {
        String text = Files.readString(unit).replace("ExecStart=/usr/bin/punktfunk ", "ExecStart=" + launcher + " ");
        Path copy = Files.writeString(Files.createDirectories(scratch.resolve("user")).resolve(unit.getFileName()), text);
        Path runtime = Files.createDirectories(scratch.resolve("xdg-runtime"));
        return Command.run(scratch, Map.of("XDG_RUNTIME_DIR", runtime.toString()),
                List.of("systemd-analyze", "--user", "verify", "--man=no", copy.toString()), 120);
    }

    static boolean clean(Command r) {
        return r.exitCode() == 0 && r.stdout().isBlank() && r.stderr().isBlank();
    }
}
