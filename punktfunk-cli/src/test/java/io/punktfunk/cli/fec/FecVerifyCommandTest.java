package io.punktfunk.cli.fec;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class FecVerifyCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run verify(String... files) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[files.length + 2];
        args[0] = "fec";
        args[1] = "verify";
        System.arraycopy(files, 0, args, 2, files.length);
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gf16-leopard.json", "gf8-nanors.json"})
    void carriedVectorsAllPass(String name) throws IOException {
        Path file = ConformanceVectors.file(name);
        long vectors = Files.readString(file).split("\"data_sha256\"").length - 1;

        Run run = verify(file.toString());

        assertThat(run.out()).as(run.out()).doesNotContain("FAIL");
        assertThat(run.out().lines().filter(l -> l.startsWith("PASS ")).count()).isEqualTo(vectors);
        assertThat(run.out()).contains(vectors + " passed, 0 failed");
        assertThat(run.exit()).isZero();
    }

    @Test
    void aCorruptedVectorFailsWithNonZeroExit(@TempDir Path dir) throws IOException {
        Path original = ConformanceVectors.file("gf8-nanors.json");
        String json = Files.readString(original);
        // Flip the first per-shard recovery hash of the first vector: the coder is right, the file lies.
        int at = json.indexOf("\"recovery_sha256\"");
        int quote = json.indexOf('"', json.indexOf('[', at)) + 1;
        char c = json.charAt(quote);
        String broken = json.substring(0, quote) + (c == '0' ? '1' : '0') + json.substring(quote + 1);
        Path file = dir.resolve("broken.json");
        Files.writeString(file, broken);

        Run run = verify(file.toString());

        assertThat(run.out().lines().filter(l -> l.startsWith("FAIL ")).count()).isEqualTo(1);
        assertThat(run.out()).contains("1 failed");
        assertThat(run.exit()).isNotZero();
    }

    @Test
    void aMissingFileIsAClearError(@TempDir Path dir) {
        Run run = verify(dir.resolve("nope.json").toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("nope.json");
    }
}
