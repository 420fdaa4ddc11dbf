package io.punktfunk.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.punktfunk.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code host} streams, {@code pair} pins it, then {@code connect --headless} and {@code probe} run against it. */
class ConnectProbeCommandTest {
    @TempDir
    Path tmp;

    private static String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).as("exit code of %s; stderr:%n%s", String.join(" ", args), err)
                .isEqualTo(expectedExit);
        return out.toString();
    }

    @Test
    void connectAndProbeAPairedHost() throws Exception {
        int port;
        try (DatagramSocket free = new DatagramSocket(0)) {
            port = free.getLocalPort();
        }
        String hostDir = tmp.resolve("host").toString();
        String clientDir = tmp.resolve("client").toString();
        String target = "127.0.0.1:" + port;
        // never paired: connect refuses with the trust exit code and says what to do
        run(3, "connect", target, "--headless", "--seconds", "1", "--config-dir", clientDir);

        CommandLine hostCli = Main.commandLine();
        hostCli.setOut(new PrintWriter(new StringWriter(), true));
        Thread host = Thread.ofPlatform().start(() -> hostCli.execute("host", "--bind", "127.0.0.1", "--api-port", "0", "--no-mdns", "--port",
                String.valueOf(port), "--pin", "314159", "--seconds", "90", "--audio", "none", "--config-dir",
                hostDir));
        try {
            int rc = 2;
            for (int i = 0; i < 100 && rc == 2; i++) {
                rc = Main.run("pair", target, "--pin", "314159", "--config-dir", clientDir);
                if (rc == 2) {
                    Thread.sleep(200); // host still warming up
                }
            }
            assertThat(rc).as("pair").isZero();

            JsonNode c = new ObjectMapper().readTree(run(0, "connect", target, "--headless", "--json", "--no-audio",
                    "--seconds", "2", "--mode", "640x360@30", "--bitrate-kbps", "2000", "--config-dir", clientDir));
            assertThat(c.get("mode").asText()).isEqualTo("640x360@30");
            assertThat(c.get("frames_shown").asLong()).isPositive();
            assertThat(c.get("frames_lost").asLong()).isZero();
            assertThat(c.get("stamps_missing").asLong()).isZero();

            JsonNode p = new ObjectMapper().readTree(run(0, "probe", target, "--mbps", "100", "--seconds", "0.5",
                    "--json", "--config-dir", clientDir));
            assertThat(p.get("host_packets_sent").asLong()).isPositive();
            assertThat(p.get("packets_received").asLong()).isPositive();
            assertThat(p.get("delivered_gbps").asDouble()).isPositive();
            assertThat(p.get("loss_percent").asDouble()).isBetween(0.0, 100.0);
        } finally {
            host.interrupt();
            host.join(10_000);
        }
    }
}
