package io.punktfunk.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.punktfunk.bench.link.LinkTestBed;
import io.punktfunk.cli.bench.LinkRun;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.testkit.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery with real multicast: a network namespace whose only interface is a multicast-capable
 * loopback, a {@code punktfunk host} advertising itself there, and {@code discover}, {@code pair NAME}
 * and {@code connect NAME} run as separate processes in the same namespace. Nothing leaves the namespace.
 */
class DiscoveryNamespaceTest {
    @TempDir
    Path tmp;

    @Test
    void aHostIsDiscoveredThenPairedAndStreamedByItsName() throws Exception {
        String why = LinkTestBed.unavailableReason();
        Environment.require(why.isEmpty(), why.replace("the link test bed", "the mDNS test"));
        String ns = "pkf-mdns-" + ProcessHandle.current().pid();
        Path hostDir = tmp.resolve("host");
        Path clientDir = tmp.resolve("client");
        String fingerprint = Identity.loadOrCreate(hostDir, Identity.HOST_FILES, "punktfunk").fingerprint().hex();
        run(List.of("ip", "netns", "add", ns));
        Process host = null;
        try {
            run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up", "multicast", "on"));
            run(List.of("ip", "netns", "exec", ns, "ip", "route", "add", "224.0.0.0/4", "dev", "lo"));
            Path hostLog = tmp.resolve("host.log");
            host = new ProcessBuilder(LinkTestBed.inNamespace(ns, LinkRun.java(List.of("host", "--bind", "127.0.0.1",
                    "--port", "0", "--no-api", "--name", "studio-test", "--pin", "246810", "--audio", "none", "--input",
                    "none", "--seconds", "180", "--config-dir", hostDir.toString()))))
                    .redirectErrorStream(true).redirectOutput(hostLog.toFile()).start();
            awaitLine(host, hostLog, "discovery: advertising");

            String listed = cli(ns, List.of("discover", "--json", "--wait", "5s"), 0);
            JsonNode hosts = new ObjectMapper().readTree(listed.lines().filter(l -> l.startsWith("[")).findFirst().orElse("[]"));
            assertThat(hosts).as(listed).hasSize(1);
            assertThat(hosts.get(0).get("name").asText()).isEqualTo("studio-test");
            assertThat(hosts.get(0).get("fingerprint").asText()).isEqualTo(fingerprint);
            assertThat(hosts.get(0).get("pairing").asText()).isEqualTo("required");
            assertThat(hosts.get(0).get("address").asText()).isEqualTo("127.0.0.1");

            String paired = cli(ns, List.of("pair", "studio-test", "--pin", "246810", "--config-dir", clientDir.toString()), 0);
            assertThat(paired).contains("found 'studio-test' at 127.0.0.1:").contains("host fingerprint " + fingerprint);

            String streamed = cli(ns, List.of("connect", "studio-test", "--headless", "--json", "--no-audio", "--seconds",
                    "4", "--mode", "640x360@30", "--bitrate-kbps", "1000", "--config-dir", clientDir.toString()), 0);
            JsonNode summary = new ObjectMapper().readTree(streamed.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
            assertThat(summary.get("frames_shown").asLong()).isPositive();

            assertThat(cli(ns, List.of("connect", "no-such-host", "--headless", "--seconds", "1", "--config-dir",
                    clientDir.toString()), 2)).contains("no host of that name answered by mDNS");
        } finally {
            if (host != null) {
                host.destroy();
                if (!host.waitFor(10, TimeUnit.SECONDS)) {
                    host.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            run(List.of("ip", "netns", "del", ns));
        }
    }

    /** Runs the CLI in {@code ns}; returns stdout and stderr together, after checking the exit code. */
    private static String cli(String ns, List<String> args, int expectedExit) throws Exception {
        Process p = new ProcessBuilder(LinkTestBed.inNamespace(ns, LinkRun.java(args))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit of %s:%n%s", args, out).isEqualTo(expectedExit);
        return out;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static void awaitLine(Process p, Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("host never printed '" + line + "': " + (Files.exists(log) ? Files.readString(log) : ""));
    }
}
