package io.punktfunk.host.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheLastLinesThatFitAndSkipsBlankOnes() throws Exception {
        Path log = dir.resolve("desktop.log");
        Files.writeString(log, "first line that is old\n\nsecond\nthird: the error\n\n");
        assertThat(LogTail.of(log, 100)).isEqualTo("first line that is old | second | third: the error");
        assertThat(LogTail.of(log, 30)).isEqualTo("second | third: the error");
        assertThat(LogTail.withTail("app exited", log, 40)).isEqualTo("app exited; log: third: the error");
    }

    @Test
    void aLongLastLineIsCutFromTheFrontAndAMissingLogAddsNothing() throws Exception {
        Path log = dir.resolve("desktop.log");
        Files.writeString(log, "x".repeat(500) + "END\n");
        String tail = LogTail.of(log, 50);
        assertThat(tail).hasSize(50).startsWith("…").endsWith("END");
        assertThat(LogTail.withTail("reason", dir.resolve("none.log"), 100)).isEqualTo("reason");
    }
}
