package io.punktfunk.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.pairing.PairingRateLimiter;
import io.punktfunk.control.quic.ControlHost;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.host.stream.DataPlaneWarmup;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.StreamingHost;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the C ABI: a real host (paired-only, PIN armed, synthetic video, tone) runs in
 * this JVM; harness.c, compiled by gcc and linked against the libpunktfunk_client.so the build made,
 * runs as its own process, starts its own JVM through the library, pairs, streams and checks every
 * answer. This side checks what reached the host: the harness's input and its disconnect reason.
 */
class EmbedHarnessTest {
    private static final String PIN = "4711";

    @TempDir
    Path dir;

    @Test
    void aCProgramPairsStreamsSendsInputAndSurvivesEveryBadCall() throws Exception {
        NativeToolchain.requireLibrary();
        Path exe = NativeToolchain.compile("harness", NativeToolchain.TESTS_C.resolve("harness.c").toString(),
                "-L" + NativeToolchain.LIBRARY_DIR, "-lpunktfunk_client", "-Wl,-rpath," + NativeToolchain.LIBRARY_DIR);

        ConcurrentLinkedQueue<InputEvent> inputs = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> endReasons = new ConcurrentLinkedQueue<>();
        HostControlSessionListener record = new HostControlSessionListener() {
            @Override
            public void onInput(HostControlSession session, InputEvent event, boolean reliable) {
                inputs.add(event);
            }

            @Override
            public void onSessionEnded(HostControlSession session, int code, String reason) {
                endReasons.add(reason);
            }
        };
        DataPlaneWarmup.run(FecConfig.defaults(), HandshakePolicy.SHARD_PAYLOAD_V4);
        ScheduledExecutorService rumble = Executors.newSingleThreadScheduledExecutor();
        Path hostDir = Files.createDirectories(dir.resolve("host"));
        Path clientDir = dir.resolve("client");
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // free again once closed: nothing answers there
        }
        try (StreamingHost streaming = new StreamingHost(HostStreamSettings.defaults(), record)) {
            // a level for pad 1 every 100 ms, 500 ms TTL: the client sees it for as long as a stream runs
            streaming.onStreamStarted(hs -> rumble.scheduleAtFixedRate(() -> hs.control().sendRumble(1, 0x1234, 0x5678, 500),
                    200, 100, TimeUnit.MILLISECONDS));
            HandshakePolicy policy = new HandshakePolicy(0, VideoCodecs.H264, 7680, 4320, 1000, 20_000, FecConfig.defaults());
            try (ControlHost host = ControlHost.start(ControlHost.Config.defaults(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                            Identity.loadOrCreate(hostDir, Identity.HOST_FILES, "embed-test-host"),
                            PairedClientStore.load(hostDir), 0, streaming)
                    .withPolicy(policy)
                    .withRateLimiter(new PairingRateLimiter(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1))))) {
                host.pairingWindow().arm(PIN, TimeUnit.MINUTES.toNanos(5));
                NativeToolchain.Result r = NativeToolchain.run(
                        List.of(exe.toString(), "127.0.0.1", Integer.toString(host.localAddress().getPort()),
                                clientDir.toString(), PIN, Integer.toString(closedPort)),
                        List.of("PUNKTFUNK_JAVA_HOME=" + System.getProperty("java.home"),
                                "PUNKTFUNK_CLASSPATH=" + NativeToolchain.testClassPath()),
                        240);
                System.out.println("harness stdout:\n" + r.stdout());
                System.out.println("harness stderr:\n" + r.stderr());
                assertThat(r.stdout()).as("stderr: " + r.stderr()).contains("HARNESS OK");
                assertThat(r.exit()).isZero();
            } finally {
                rumble.shutdownNow();
            }
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
