package io.punktfunk.cli.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.cli.Main;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.pairing.KnownHostStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code punktfunk host} and {@code punktfunk pair} against each other on loopback, through the real command tree. */
class HostPairCommandTest {
    @TempDir
    Path tmp;

    @Test
    void pairWithARunningHostThenListAndUnpair() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        Path hostDir = tmp.resolve("host");
        Path clientDir = tmp.resolve("client");
        StringWriter hostOut = new StringWriter();
        CommandLine hostCli = new CommandLine(new Main());
        hostCli.setOut(new PrintWriter(hostOut, true));
        Thread host = Thread.ofPlatform().start(() -> hostCli.execute("host", "--bind", "127.0.0.1", "--api-port", "0", "--no-mdns", "--port", String.valueOf(port),
                "--pin", "271828", "--seconds", "180", "--config-dir", hostDir.toString()));
        try {
            String target = "127.0.0.1:" + port;
            int rc = -1;
            // the host may still be starting: its first run JITs the FEC, which takes a minute on a starved box
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() - deadline < 0) {
                rc = Main.run("pair", target, "--pin", "271828", "--name", "test-box", "--config-dir", clientDir.toString());
                if (rc != 2) {
                    break;
                }
                Thread.sleep(200); // host not listening yet
            }
            assertThat(rc).as("pair exit code").isZero();
            assertThat(hostOut.toString()).contains("pairing PIN 271828").contains("host fingerprint");
            Identity hostId = Identity.load(hostDir, Identity.HOST_FILES);
            assertThat(KnownHostStore.load(clientDir).lookup(target)).contains(hostId.fingerprint());

            // the PIN was single use: a second pairing is refused (exit 3)
            assertThat(Main.run("pair", target, "--pin", "271828", "--config-dir", tmp.resolve("other").toString())).isEqualTo(3);

            StringWriter list = new StringWriter();
            CommandLine cli = new CommandLine(new Main());
            cli.setOut(new PrintWriter(list, true));
            assertThat(cli.execute("host", "clients", "--config-dir", hostDir.toString())).isZero();
            String clientFp = Identity.load(clientDir, Identity.CLIENT_FILES).fingerprint().hex();
            assertThat(list.toString()).contains(clientFp).contains("test-box");
            assertThat(Main.run("host", "unpair", clientFp.substring(0, 12), "--config-dir", hostDir.toString())).isZero();
            assertThat(Files.readString(hostDir.resolve("paired-clients.tsv"))).doesNotContain(clientFp);
        } finally {
            host.interrupt();
            host.join(5000);
        }
    }

    @Test
    void pairArmOpensAWindowOnTheRunningHostAndPairingClosesIt() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        Path hostDir = tmp.resolve("host");
        StringWriter hostOut = new StringWriter();
        CommandLine hostCli = new CommandLine(new Main());
        hostCli.setOut(new PrintWriter(hostOut, true));
        Thread host = Thread.ofPlatform().start(() -> hostCli.execute("host", "--bind", "127.0.0.1", "--api-port", "0", "--no-mdns", "--port", String.valueOf(port),
                "--seconds", "180", "--config-dir", hostDir.toString()));
        try {
            String target = "127.0.0.1:" + port;
            StringWriter armOut = new StringWriter();
            CommandLine arm = new CommandLine(new Main());
            arm.setOut(new PrintWriter(armOut, true));
            int rc = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (rc != 0 && System.nanoTime() - deadline < 0) { // the host may still be starting (first run JITs the FEC)
                rc = arm.execute("host", "pair-arm", "--ttl", "60s", "--wait", "3s", "--config-dir", hostDir.toString());
            }
            assertThat(rc).as("pair-arm exit code").isZero();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("pairing PIN (\\d{6})").matcher(armOut.toString());
            assertThat(m.find()).as(armOut.toString()).isTrue();
            String pin = m.group(1);
            assertThat(hostOut.toString()).contains("pairing is closed").contains("pairing PIN " + pin);

            assertThat(Main.run("pair", target, "--pin", pin, "--config-dir", tmp.resolve("c1").toString())).isZero();
            assertThat(Main.run("pair", target, "--pin", pin, "--config-dir", tmp.resolve("c2").toString()))
                    .as("one pairing per window").isEqualTo(3);
            assertThat(hostOut.toString()).contains("pairing window closed: a client paired");
        } finally {
            host.interrupt();
            host.join(5000);
        }
    }

    @Test
    void pairArmWithoutARunningHostSaysSoAndLeavesNoRequestBehind() {
        Path dir = tmp.resolve("nohost");
        assertThat(Main.run("host", "pair-arm", "--wait", "300ms", "--config-dir", dir.toString())).isEqualTo(2);
        assertThat(Files.exists(dir.resolve(io.punktfunk.control.pairing.PairingRequests.REQUEST_FILE))).isFalse();
    }

    @Test
    void hostTargetsParse() {
        assertThat(HostTarget.parse("box")).isEqualTo(new HostTarget("box", 9777));
        assertThat(HostTarget.parse("10.0.0.5:1234").key()).isEqualTo("10.0.0.5:1234");
        assertThat(HostTarget.parse("[::1]:9000")).isEqualTo(new HostTarget("::1", 9000));
        assertThat(HostTarget.parse("::1").key()).isEqualTo("[::1]:9777");
    }
}
