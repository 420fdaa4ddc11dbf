package io.punktfunk.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.control.message.InputEvent;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the C ABI: a real host (paired-only, PIN armed, synthetic video, tone, 1 % random
 * loss under its data plane for FEC to repair) runs in
 * this JVM; harness.c, compiled by gcc and linked against the libpunktfunk_client.so the build made,
 * runs as its own process, starts its own JVM through the library, pairs, streams and checks every
 * answer. This side checks what reached the host: the harness's input and its disconnect reason.
 */
class EmbedHarnessTest {
    @TempDir
    Path dir;

    @Test
    void aCProgramPairsStreamsSendsInputAndSurvivesEveryBadCall() throws Exception {
        NativeToolchain.requireLibrary();
        Path exe = NativeToolchain.compile("harness", NativeToolchain.TESTS_C.resolve("harness.c").toString(),
                "-pthread", "-L" + NativeToolchain.LIBRARY_DIR, "-lpunktfunk_client", "-Wl,-rpath," + NativeToolchain.LIBRARY_DIR);

        Path clientDir = dir.resolve("client");
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // free again once closed: nothing answers there
        }
        ConcurrentLinkedQueue<InputEvent> inputs;
        ConcurrentLinkedQueue<String> endReasons;
        try (PairingHost host = new PairingHost(Files.createDirectories(dir.resolve("host")), 1.0)) {
            inputs = host.inputs;
            endReasons = host.endReasons;
            NativeToolchain.Result r = NativeToolchain.run(
                    List.of(exe.toString(), "127.0.0.1", Integer.toString(host.port()), clientDir.toString(),
                            PairingHost.PIN, Integer.toString(closedPort)),
                    NativeToolchain.runtimeEnv(), 240);
            System.out.println("harness stdout:\n" + r.stdout());
            System.out.println("harness stderr:\n" + r.stderr());
            assertThat(r.stdout()).as("stderr: " + r.stderr()).contains("HARNESS OK");
            assertThat(r.exit()).isZero();
        }
        assertThat(inputs).contains(new InputEvent(InputEvent.KEY_DOWN, 0x41, 0, 0, InputEvent.MOD_SHIFT),
                new InputEvent(InputEvent.KEY_UP, 0x41, 0, 0, 0),
                InputEvent.gamepadState(0, 1, InputEvent.PAD_A | InputEvent.PAD_START, 1000, -2000, 0, 32767, 0, 255));
        // the mouse move is a datagram: on loopback it arrives, but the test does not insist on a lossy plane
        assertThat(inputs).noneMatch(e -> e.kind() > InputEvent.MAX_KIND || (e.kind() == InputEvent.KEY_DOWN && e.code() == 0));
        assertThat(endReasons).anyMatch(r -> r.endsWith("harness done"));
        assertThat(Files.readString(clientDir.resolve("known-hosts.tsv"))).contains("127.0.0.1:");
    }
}
