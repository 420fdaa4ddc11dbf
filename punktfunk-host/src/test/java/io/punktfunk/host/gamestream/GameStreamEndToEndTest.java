package io.punktfunk.host.gamestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.host.gamestream.client.http.MoonlightIdentity;
import io.punktfunk.host.gamestream.client.http.MoonlightPairing;
import io.punktfunk.host.gamestream.client.http.NvHttpClient;
import io.punktfunk.host.gamestream.client.rtsp.RtspTestClient;
import io.punktfunk.host.gamestream.client.video.GameStreamVideoClient;
import io.punktfunk.host.stream.HostStreamSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole GameStream path with the real parts over loopback: pair → /launch → RTSP (rtspenc) →
 * PLAY → the client pings the announced video port → H.264 frames with FEC arrive → /cancel stops them.
 */
class GameStreamEndToEndTest {
    private static final byte[] RIKEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @TempDir
    Path dir;

    @Test
    void launchPlayAndVideoFramesArrive() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        MediaStreamLauncher launcher = new MediaStreamLauncher(loopback, 0, 0, 0, HostStreamSettings.defaults());
        GameStreamSettings settings = GameStreamSettings.defaults(dir).withBind("127.0.0.1").withPorts(0, 0, 0)
                .withPinTimeout(Duration.ofSeconds(30));
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (GameStreamHost host = GameStreamHost.start(settings, SessionSlots.bounded(4), launcher, notices::add);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            NvHttpClient c = new NvHttpClient("127.0.0.1", host.httpPort(), host.httpsPort(), MoonlightIdentity.create("e2e"));
            Future<MoonlightPairing.Result> pairing = pool.submit(() -> MoonlightPairing.pair(c, "9090", "roth", false));
            while (host.pins().waiting().isEmpty()) {
                Thread.sleep(10);
            }
            host.pins().deliver("9090");
            assertThat(pairing.get().outcome()).isEqualTo(MoonlightPairing.Outcome.PAIRED);

            NvHttpClient.Reply launch = c.https("/launch", NvHttpPairingTest.launchArgs(true));
            assertThat(launch.statusCode()).as(launch.text()).isEqualTo(200);
            LaunchSession s = host.sessions().current().orElseThrow();
            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", URI.create(launch.get("sessionUrl0")).getPort(), RIKEY);
            assertThat(rtsp.options().status()).isEqualTo(200);
            assertThat(rtsp.describe().status()).isEqualTo(200);
            rtsp.setup("audio/0/0");
            RtspTestClient.Response video = rtsp.setup("video/0/0");
            int videoPort = Integer.parseInt(video.header("Transport").substring("server_port=".length()));
            String ping = video.header("X-SS-Ping-Payload");
            rtsp.setup("control/13/0");
            assertThat(rtsp.announce(RtspTestClient.announceBody(640, 360, 30, 1024, 4000, 2, 1, 0)).status()).isEqualTo(200);
            assertThat(rtsp.play().status()).isEqualTo(200);
            assertThat(s.state()).isEqualTo(SessionState.STREAMING);

            List<Object> frames = new ArrayList<>(); // the test client's assembled frames (its own checks cover their content)
            try (GameStreamVideoClient client = new GameStreamVideoClient(new InetSocketAddress(loopback, videoPort), 1024,
                    ping.getBytes(StandardCharsets.US_ASCII), null, 0.0, 1)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (frames.size() < 30 && System.nanoTime() - deadline < 0) {
                    Object f = client.frames().poll(100, TimeUnit.MILLISECONDS);
                    if (f != null) {
                        frames.add(f);
                    }
                }
            }
            assertThat(frames).hasSize(30);

            assertThat(c.https("/cancel", NvHttpClient.args()).get("cancel")).isEqualTo("1");
            assertThat(s.state()).isEqualTo(SessionState.ENDED);
            assertThat(notices).anyMatch(n -> n.contains("streaming 640x360@30"));
        }
    }
}
