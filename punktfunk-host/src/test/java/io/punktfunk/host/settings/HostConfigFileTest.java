package io.punktfunk.host.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** host.toml: values of every type, problems named by key and line, in-place updates. */
class HostConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryKindOfValue() throws Exception {
        Map<Setting<?>, Object> v = HostConfigFile.parse("t", """
                # a comment
                [control]
                port = 9800
                open = true
                max-mode = "1920x1080@120"
                hello-timeout = "2s"

                [pairing]
                ttl = 300          # seconds as a bare integer work too
                """);
        assertThat(v).containsEntry(HostSettings.PORT, 9800).containsEntry(HostSettings.OPEN, true)
                .containsEntry(HostSettings.MAX_MODE, "1920x1080@120")
                .containsEntry(HostSettings.HELLO_TIMEOUT, Duration.ofSeconds(2))
                .containsEntry(HostSettings.PAIR_TTL, Duration.ofSeconds(300)).hasSize(5);
    }

    @Test
    void aMissingFileMeansDefaults() throws Exception {
        assertThat(HostConfigFile.read(dir)).isEmpty();
    }

    @Test
    void everyProblemIsNamedWithItsKeyAndLine() {
        String text = """
                [control]
                port = 9800
                max-sesions = 4
                max-mode = "huge"

                [stream]
                max-bitrate-kbps = "fast"
                source = "webcam"

                [colour]
                hue = 1
                """;
        assertThatThrownBy(() -> HostConfigFile.parse("host.toml", text))
                .isInstanceOfSatisfying(SettingsException.class, e -> {
                    assertThat(e.problems()).extracting(SettingsProblem::key, SettingsProblem::line).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("control.max-sesions", 3),
                            org.assertj.core.groups.Tuple.tuple("control.max-mode", 4),
                            org.assertj.core.groups.Tuple.tuple("stream.max-bitrate-kbps", 7),
                            org.assertj.core.groups.Tuple.tuple("stream.source", 8),
                            org.assertj.core.groups.Tuple.tuple("colour", 10));
                    assertThat(e.getMessage()).contains("line 3: control.max-sesions: unknown setting in [control]; it has [")
                            .contains("max-sessions")
                            .contains("line 7: stream.max-bitrate-kbps: expected an integer, not the string \"fast\"")
                            .contains("line 8: stream.source: unknown video source 'webcam'");
                });
    }

    @Test
    void rangesAndCrossChecksAreEnforced() {
        assertThatThrownBy(() -> HostConfigFile.parse("t", "[control]\n\nport = 70000\n"))
                .hasMessageContaining("line 3: control.port: must be between 0 and 65535, not 70000");
        assertThatThrownBy(() -> HostConfigFile.parse("t", "[stream]\nsource = \"file\"\n"))
                .hasMessageContaining("stream.file: the file source needs a file");
        assertThatThrownBy(() -> HostConfigFile.parse("t", "port = 1\n"))
                .hasMessageContaining("line 1: port: unknown setting; settings live in tables");
        assertThatThrownBy(() -> HostConfigFile.parse("t", "[pairing]\nttl = \"-5s\"\n"))
                .hasMessageContaining("line 2: pairing.ttl: a duration must be positive");
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        assertThatThrownBy(() -> HostConfigFile.parse("host.toml", "[control]\nport = 9800\nopen = \n"))
                .isInstanceOfSatisfying(SettingsException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().getFirst().line()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("host.toml: line 3: not valid TOML");
                });
    }

    @Test
    void keysInMultiLineStringsAndInlineTablesAreLocated() {
        String text = """
                [stream]
                display = \"\"\"
                port = 5
                \"\"\"
                [control]
                nonsense = 1
                """;
        assertThatThrownBy(() -> HostConfigFile.parse("t", text)).hasMessageContaining("line 6: control.nonsense");
        assertThatThrownBy(() -> HostConfigFile.parse("t", "# inline\ncontrol = { port = 1, bogus = 1 }\n"))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .extracting(SettingsProblem::key, SettingsProblem::line)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("control.bogus", 2)));
    }

    @Test
    void updatesKeepCommentsAndOtherKeysAndRoundTrip() throws Exception {
        Files.writeString(dir.resolve(HostConfigFile.FILE), """
                # my host
                [control]
                port = 9800   # the router forwards this one
                # sessions
                max-sessions = 2

                [pairing]
                ttl = "60s"
                """);
        HostConfigFile.update(dir, Map.of(HostSettings.MAX_SESSIONS, 6, HostSettings.OPEN, true,
                HostSettings.MAX_BITRATE_KBPS, 80_000));
        String text = Files.readString(dir.resolve(HostConfigFile.FILE));
        assertThat(text).contains("# my host", "port = 9800   # the router forwards this one", "# sessions", "ttl = \"60s\"",
                "max-sessions = 6", "open = true", "[stream]\nmax-bitrate-kbps = 80000").doesNotContain("max-sessions = 2");
        assertThat(HostConfigFile.read(dir)).containsEntry(HostSettings.MAX_SESSIONS, 6).containsEntry(HostSettings.OPEN, true)
                .containsEntry(HostSettings.PORT, 9800).containsEntry(HostSettings.MAX_BITRATE_KBPS, 80_000)
                .containsEntry(HostSettings.PAIR_TTL, Duration.ofSeconds(60));
    }

    @Test
    void anUpdateCreatesTheFile() throws Exception {
        HostConfigFile.update(dir, Map.of(HostSettings.PIN_DIGITS, 8));
        assertThat(HostConfigFile.read(dir)).containsExactly(Map.entry(HostSettings.PIN_DIGITS, 8));
    }

    @Test
    void flagsTextParsesThroughTheSameChecks() {
        assertThat(HostSettings.PAIR_TTL.parseText("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HostSettings.OPEN.parseText("true")).isTrue();
        assertThatThrownBy(() -> HostSettings.MAX_SESSIONS.parseText("0")).hasMessage("must be between 1 and 64, not 0");
        assertThatThrownBy(() -> HostSettings.CODECS.parseText("h264,vp9")).hasMessageContaining("unknown codec 'vp9'");
        assertThatThrownBy(() -> HostSettings.BIND.parseText("my-host")).hasMessageContaining("must be an IP address");
        assertThat(Setting.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Setting.format(Duration.ofSeconds(120))).isEqualTo("2m");
    }

    @Test
    void everySettingHasATableAndAUniqueFlag() {
        assertThat(HostSettings.ALL).extracting(Setting::key).doesNotHaveDuplicates()
                .allMatch(k -> k.matches("[a-z]+\\.[a-z-]+"));
        assertThat(HostSettings.ALL.stream().map(Setting::flag).filter(java.util.Objects::nonNull).toList())
                .doesNotHaveDuplicates();
        HostSettings.ALL.forEach(s -> assertThat(HostSettings.defaults().get(s)).as(s.key()).isNotNull());
    }
}
