package io.punktfunk.host.gamestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.host.gamestream.client.audio.GameStreamAudioClient;
import io.punktfunk.host.gamestream.client.control.ControlTestClient;
import io.punktfunk.host.gamestream.client.enet.EnetTestClient;
import io.punktfunk.host.gamestream.client.enet.LossyUdpSocket;
import io.punktfunk.host.gamestream.client.http.MoonlightIdentity;
import io.punktfunk.host.gamestream.client.http.MoonlightPairing;
import io.punktfunk.host.gamestream.client.http.NvHttpClient;
import io.punktfunk.host.gamestream.client.rtsp.RtspTestClient;
import io.punktfunk.host.gamestream.client.video.AnnexB;
import io.punktfunk.host.gamestream.client.video.GameStreamVideoClient;
import io.punktfunk.host.gamestream.client.video.ReceivedVideoFrame;
import io.punktfunk.host.input.HostInput;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.host.stream.HostStreamSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole GameStream path with the real parts over loopback, each client part written from the
 * reference: pair → /launch → RTSP (rtspenc) → PLAY → ENet control connect with the announced
 * connect data → the client pings the announced video and audio ports → H.264 frames and Opus
 * packets arrive → /cancel sends the termination and stops everything.
 */
class GameStreamEndToEndTest {
    private static final byte[] RIKEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final int IDR_REQUEST = 0x0302;
    private static final int TERMINATION = 0x0109;

    @TempDir
    Path dir;

    @Test
    void launchPlayControlConnectAndMediaArrive() throws Exception {
        streamOnce(0);
    }

    /** Moonlight choosing HEVC: /serverinfo and DESCRIBE offer it, ANNOUNCE picks it, x265 frames arrive. */
    @Test
    void hevcIsOfferedChosenAndStreamed() throws Exception {
        streamOnce(1);
    }

    /** Moonlight choosing AV1: the AV1 line in DESCRIBE, SVT-AV1 frames arrive. */
    @Test
    void av1IsOfferedChosenAndStreamed() throws Exception {
        streamOnce(2);
    }

    /** The whole path with {@code bitStreamFormat} (0 H.264, 1 HEVC, 2 AV1) chosen in ANNOUNCE. */
    private void streamOnce(int bitStreamFormat) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (HostInput input = HostInput.none()) {
            MediaStreamLauncher launcher = new MediaStreamLauncher(loopback, 0, 0, 0,
                    HostStreamSettings.defaults().withAudio(AudioKind.TONE, null), input);
            GameStreamSettings settings = GameStreamSettings.defaults(dir).withBind("127.0.0.1").withPorts(0, 0, 0)
                    .withPinTimeout(Duration.ofSeconds(30));
            List<String> notices = new CopyOnWriteArrayList<>();
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
                String describe = rtsp.describe().body();
                assertThat(describe).contains("encryptionSupported:7");
                // x265 and SVT-AV1 are in the bundled FFmpeg, so HEVC and AV1 are offered: the markers the client looks for
                assertThat(describe).contains("sprop-parameter-sets=AAAAAU");
                assertThat(describe).contains("a=rtpmap:98 AV1/90000");
                NvHttpClient.Reply info = c.https("/serverinfo", NvHttpClient.args());
                assertThat(Integer.parseInt(info.get("ServerCodecModeSupport"))).isEqualTo(0x10101);
                RtspTestClient.Response audio = rtsp.setup("audio/0/0");
                int audioPort = port(audio);
                RtspTestClient.Response video = rtsp.setup("video/0/0");
                RtspTestClient.Response control = rtsp.setup("control/13/0");
                int videoPort = port(video);
                int controlPort = port(control);
                int connectData = (int) Long.parseLong(control.header("X-SS-Connect-Data"));
                byte[] ping = video.header("X-SS-Ping-Payload").getBytes(StandardCharsets.US_ASCII);
                assertThat(rtsp.announce(RtspTestClient.announceBody(640, 360, 30, 1024, 4000, 2, 5, 0x20,
                        bitStreamFormat)).status()).isEqualTo(200);
                assertThat(rtsp.play().status()).isEqualTo(200);
                assertThat(s.state()).isEqualTo(SessionState.STREAMING);

                int frames = 0;
                List<Integer> firstNalTypes = List.of();
                boolean firstIdr = false;
                int firstObuType = -1;
                try (LossyUdpSocket udp = new LossyUdpSocket(7);
                     EnetTestClient enet = EnetTestClient.connect(udp, new InetSocketAddress(loopback, controlPort), connectData)) {
                    assertThat(enet.awaitConnected(Duration.ofSeconds(10))).as("ENet connect with the announced data").isTrue();
                    ControlTestClient controlClient = new ControlTestClient(enet, RIKEY);
                    controlClient.send(1, IDR_REQUEST, new byte[2]);
                    try (GameStreamVideoClient videoClient = new GameStreamVideoClient(new InetSocketAddress(loopback, videoPort),
                            1024, ping, null, 0.0, 1);
                         GameStreamAudioClient audioClient = new GameStreamAudioClient(new InetSocketAddress(loopback, audioPort),
                                 ping, (seq, index) -> false)) {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (frames < 30 && System.nanoTime() - deadline < 0) {
                            ReceivedVideoFrame f = videoClient.frames().poll(100, TimeUnit.MILLISECONDS);
                            if (f != null) {
                                if (frames == 0) {
                                    firstIdr = f.idr();
                                    firstNalTypes = switch (bitStreamFormat) {
                                        case 1 -> AnnexB.hevcNalTypes(f.accessUnit());
                                        case 2 -> List.of(); // OBUs, not NAL units
                                        default -> AnnexB.h264NalTypes(f.accessUnit());
                                    };
                                    firstObuType = (f.accessUnit()[0] >> 3) & 0xF;
                                }
                                frames++;
                            }
                        }
                        while (audioClient.received() < 50 && System.nanoTime() - deadline < 0) {
                            Thread.sleep(20);
                        }
                        assertThat(audioClient.received()).as("audio packets").isGreaterThanOrEqualTo(50);
                    }
                    assertThat(frames).isEqualTo(30);
                    // the first frame is a keyframe of the chosen codec: SPS first (H.264 7), VPS first (HEVC 32),
                    // AV1 a temporal delimiter (2) or sequence header (1) OBU (the frame header says IDR: the client trusts it)
                    assertThat(firstIdr).as("first frame marked IDR").isTrue();
                    if (bitStreamFormat == 2) {
                        assertThat(firstObuType).as("first OBU type").isIn(1, 2);
                    } else {
                        assertThat(firstNalTypes).as("NAL types of the first frame").contains(bitStreamFormat == 1 ? 32 : 7)
                                .doesNotContain(bitStreamFormat == 1 ? 7 : 32);
                    }

                    assertThat(c.https("/cancel", NvHttpClient.args()).get("cancel")).isEqualTo("1");
                    assertThat(s.state()).isEqualTo(SessionState.ENDED);
                    boolean terminated = false;
                    for (int i = 0; i < 50 && !terminated; i++) {
                        ControlTestClient.Message m = controlClient.receive(Duration.ofMillis(100));
                        terminated = m != null && m.type() == TERMINATION;
                    }
                    assertThat(terminated).as("the client hears the termination").isTrue();
                }
                assertThat(notices).anyMatch(n -> n.contains("streaming 640x360@30"));
            }
        }
    }

    private static int port(RtspTestClient.Response r) {
        return Integer.parseInt(r.header("Transport").substring("server_port=".length()));
    }
}
