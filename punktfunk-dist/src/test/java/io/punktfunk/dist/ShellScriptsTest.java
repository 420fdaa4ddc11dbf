package io.punktfunk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.testkit.Environment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every shell script under packaging/ passes shellcheck (all severities), and shellcheck does catch a bad one. */
class ShellScriptsTest {

    static final List<String> SCRIPTS = List.of("sessions/kde-plasma-session.sh", "sessions/gamescope-session.sh",
            "deb/build-deb.sh", "deb/punktfunk-launcher.sh", "deb/postinst", "deb/prerm", "deb/postrm");

    private static void requireShellcheck() {
        Environment.require(Environment.onPath("shellcheck"), "shellcheck is not installed (Debian package shellcheck)");
    }

    @Test
    void packagingScriptsPassShellcheck() throws Exception {
        requireShellcheck();
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "--severity=style", "--format=gcc"));
        for (String s : SCRIPTS) {
            Path p = Repo.packaging(s);
            assertThat(Files.isExecutable(p)).as("%s is executable", s).isTrue();
            cmd.add(p.toString());
        }
        Command r = Command.run(cmd, 120);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.stdout()).as(r.output()).isEmpty();
    }

    @Test
    void everyScriptUnderPackagingIsChecked() throws Exception {
        List<String> found = new ArrayList<>();
        Path root = Repo.root().resolve("packaging");
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String first = Files.readAllLines(p, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                if (first.startsWith("#!")) {
                    found.add(root.relativize(p).toString());
                }
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(SCRIPTS);
    }

    @Test
    void shellcheckRejectsAnUnquotedExpansion(@TempDir Path dir) throws Exception {
        requireShellcheck();
        Path bad = dir.resolve("bad.sh");
        Files.writeString(bad, "#!/bin/sh\nf=$1\nrm $f\n");
        Command r = Command.run(List.of("shellcheck", "--severity=style", "--format=gcc", bad.toString()), 60);
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.stdout()).contains("SC2086");
    }
}
