package io.punktfunk.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.punktfunk.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

    @Test
    void headlessJsonDemoStreamsWithoutLossAndReportsSaneNumbers() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int rc = cli.execute("demo", "--json", "--seconds", "3", "--headless");
        assertThat(rc).as("exit code; stderr:%n%s", err).isZero();
        JsonNode s = new ObjectMapper().readTree(out.toString());
        assertThat(s.get("frames_shown").asLong()).isPositive();
        assertThat(s.get("frames_lost").asLong()).isZero();
        assertThat(s.get("p50_ms").asDouble()).isPositive();
        assertThat(s.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(s.get("p50_ms").asDouble());
        assertThat(s.get("fps").asDouble()).isPositive();
        assertThat(s.get("frames_sent").asLong()).isGreaterThanOrEqualTo(s.get("frames_shown").asLong());
        assertThat(s.get("stamps_missing").asLong()).isZero();
        // live stats went to stderr once a second
        assertThat(err.toString()).contains("[  1s]").contains("[  2s]");
    }
}
