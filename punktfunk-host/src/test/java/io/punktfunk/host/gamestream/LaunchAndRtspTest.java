package io.punktfunk.host.gamestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.host.gamestream.client.http.NvHttpClient;
import io.punktfunk.host.gamestream.client.rtsp.RtspTestClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /launch → RTSP (plaintext and rtspenc) → PLAY → /cancel, with the client written from the reference. */
class LaunchAndRtspTest {
    private static final byte[] RIKEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @TempDir
    Path dir;

    @Test
    void encryptedHandshakeCarriesTheAnnouncedValuesIntoTheSession() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            NvHttpClient.Reply launch = c.https("/launch", NvHttpPairingTest.launchArgs(true));
            assertThat(launch.statusCode()).as(launch.text()).isEqualTo(200);
            assertThat(launch.get("gamesession")).isEqualTo("1");
            URI url = URI.create(launch.get("sessionUrl0"));
            assertThat(url.getScheme()).isEqualTo("rtspenc");
            assertThat(url.getPort()).isEqualTo(t.host.rtspPort());

            LaunchSession s = t.host.sessions().current().orElseThrow();
            assertThat(s.rikeyId()).isEqualTo(-933014792);
            assertThat(s.request().surroundAudioInfo()).isEqualTo(0x30002);
            assertThat(s.request().width()).isEqualTo(1280);
            NvHttpClient.Reply info = c.https("/serverinfo", NvHttpClient.args());
            assertThat(info.get("currentgame")).isEqualTo("1");
            assertThat(info.get("state")).endsWith("_SERVER_BUSY");

            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", url.getPort(), RIKEY);
            handshake(rtsp, s, 1392, 2);
            StreamParameters p = s.parameters();
            assertThat(p.width()).isEqualTo(1920);
            assertThat(p.height()).isEqualTo(1080);
            assertThat(p.fps()).isEqualTo(60);
            assertThat(p.packetSize()).isEqualTo(1392);
            assertThat(p.videoDatagramBytes()).isEqualTo(1408);
            assertThat(p.bitrateKbps()).isEqualTo(15000);
            assertThat(p.configuredBitrateKbps()).isEqualTo(17000);
            assertThat(p.minFecPackets()).isEqualTo(2);
            assertThat(p.fecPercent()).isEqualTo(20); // not announced: the host's setting
            assertThat(p.encryptionEnabled()).isEqualTo(5);
            assertThat(p.audioEncrypted()).isTrue();
            assertThat(p.videoEncrypted()).isFalse();
            assertThat(p.controlProtocol()).isEqualTo(13);
            assertThat(p.mlFeatureFlags()).isEqualTo(3);
            assertThat(p.audioPacketMs()).isEqualTo(5);

            assertThat(rtsp.play().status()).isEqualTo(200);
            assertThat(s.state()).isEqualTo(SessionState.STREAMING);
            assertThat(t.launcher.started).hasSize(1);
            assertThat(t.launcher.started.get(0).parameters).isEqualTo(p);
            assertThat(t.launcher.started.get(0).session.rikey()).isEqualTo(RIKEY);

            // one app at a time
            NvHttpClient.Reply second = c.https("/launch", NvHttpPairingTest.launchArgs(true));
            assertThat(second.statusCode()).isEqualTo(400);
            assertThat(second.get("gamesession")).isEqualTo("0");

            NvHttpClient.Reply cancel = c.https("/cancel", NvHttpClient.args());
            assertThat(cancel.get("cancel")).isEqualTo("1");
            assertThat(t.launcher.started.get(0).closed).isTrue();
            assertThat(s.state()).isEqualTo(SessionState.ENDED);
            assertThat(c.https("/serverinfo", NvHttpClient.args()).get("currentgame")).isEqualTo("0");
            // with no launch, RTSP closes without an answer
            assertThat(new RtspTestClient("127.0.0.1", url.getPort(), RIKEY).options().status()).isEqualTo(-1);
        }
    }

    @Test
    void plaintextHandshakeForClientsWithoutCorever() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            NvHttpClient.Reply launch = c.https("/launch", NvHttpPairingTest.launchArgs(false));
            URI url = URI.create(launch.get("sessionUrl0"));
            assertThat(url.getScheme()).isEqualTo("rtsp");
            LaunchSession s = t.host.sessions().current().orElseThrow();
            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", url.getPort(), null);
            handshake(rtsp, s, 1024, 0);
            assertThat(s.parameters().packetSize()).isEqualTo(1024);
            assertThat(rtsp.play().status()).isEqualTo(200);
            assertThat(t.launcher.started).hasSize(1);
        }
    }

    @Test
    void resumeGivesANewSessionForTheRunningAppAndEndsTheOldOne() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            assertThat(c.https("/resume", resumeArgs()).statusCode()).isEqualTo(503); // nothing runs yet
            c.https("/launch", NvHttpPairingTest.launchArgs(true));
            LaunchSession first = t.host.sessions().current().orElseThrow();
            NvHttpClient.Reply resume = c.https("/resume", resumeArgs());
            assertThat(resume.get("resume")).isEqualTo("1");
            LaunchSession second = t.host.sessions().current().orElseThrow();
            assertThat(second).isNotSameAs(first);
            assertThat(first.state()).isEqualTo(SessionState.ENDED);
            assertThat(second.rikeyId()).isEqualTo(42);
        }
    }

    @Test
    void theSessionLimitIsShared() throws Exception {
        // the punktfunk/1 side already holds the only slot
        try (GameStreamTestHost t = new GameStreamTestHost(dir, SessionSlots.sharedWith(() -> 1, 1))) {
            NvHttpClient c = t.pairedClient();
            NvHttpClient.Reply launch = c.https("/launch", NvHttpPairingTest.launchArgs(true));
            assertThat(launch.statusCode()).isEqualTo(503);
            assertThat(launch.get("gamesession")).isEqualTo("0");
            assertThat(t.host.sessions().current()).isEmpty();
        }
    }

    @Test
    void aSessionsSlotIsFreeAgainAfterItEnds() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir, SessionSlots.bounded(1))) {
            NvHttpClient c = t.pairedClient();
            for (int i = 0; i < 3; i++) {
                assertThat(c.https("/launch", NvHttpPairingTest.launchArgs(true)).statusCode()).isEqualTo(200);
                assertThat(c.https("/cancel", NvHttpClient.args()).get("cancel")).isEqualTo("1");
            }
        }
    }

    @Test
    void aStreamThatFailsToStartEndsTheSessionWithTheReason() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            c.https("/launch", NvHttpPairingTest.launchArgs(true));
            LaunchSession s = t.host.sessions().current().orElseThrow();
            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", t.host.rtspPort(), RIKEY);
            handshake(rtsp, s, 1392, 2);
            t.launcher.failNextStart = true;
            assertThat(rtsp.play().status()).isEqualTo(500);
            assertThat(s.state()).isEqualTo(SessionState.ENDED);
            assertThat(s.endReason()).contains("encoder unavailable");
        }
    }

    @Test
    void theStreamEndingByItselfEndsTheSession() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            c.https("/launch", NvHttpPairingTest.launchArgs(true));
            LaunchSession s = t.host.sessions().current().orElseThrow();
            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", t.host.rtspPort(), RIKEY);
            handshake(rtsp, s, 1392, 2);
            rtsp.play();
            t.launcher.started.get(0).onEnded.accept("control stream: client disconnected");
            assertThat(s.state()).isEqualTo(SessionState.ENDED);
            assertThat(s.endReason()).isEqualTo("control stream: client disconnected");
            assertThat(t.launcher.started.get(0).closed).isTrue();
            // the app still runs: the client may resume it
            assertThat(c.https("/resume", resumeArgs()).get("resume")).isEqualTo("1");
        }
    }

    /** OPTIONS, DESCRIBE, SETUP ×3, ANNOUNCE, checking each answer. */
    static void handshake(RtspTestClient rtsp, LaunchSession s, int packetSize, int minFec) throws Exception {
        assertThat(rtsp.options().status()).isEqualTo(200);
        RtspTestClient.Response describe = rtsp.describe();
        assertThat(describe.status()).isEqualTo(200);
        assertThat(describe.body()).contains("a=x-ss-general.encryptionSupported:5").contains("surround-params=21101")
                .doesNotContain("sprop-parameter-sets");
        RtspTestClient.Response audio = rtsp.setup("audio/0/0");
        assertThat(audio.status()).isEqualTo(200);
        assertThat(audio.header("Transport")).isEqualTo("server_port=" + RecordingStreamLauncher.AUDIO_PORT);
        assertThat(audio.header("X-SS-Ping-Payload")).hasSize(16).isEqualTo(s.pingPayload());
        assertThat(audio.header("Session").split(";")[0]).isEqualTo(s.rtspSessionId());
        RtspTestClient.Response video = rtsp.setup("video/0/0");
        assertThat(video.header("Transport")).isEqualTo("server_port=" + RecordingStreamLauncher.VIDEO_PORT);
        RtspTestClient.Response control = rtsp.setup("control/13/0");
        assertThat(control.header("Transport")).isEqualTo("server_port=" + RecordingStreamLauncher.CONTROL_PORT);
        assertThat(Long.parseLong(control.header("X-SS-Connect-Data"))).isEqualTo(Integer.toUnsignedLong(s.connectData()));
        boolean lowRes = packetSize == 1024;
        RtspTestClient.Response announce = rtsp.announce(RtspTestClient.announceBody(lowRes ? 1280 : 1920, lowRes ? 720 : 1080,
                60, packetSize, 15000, minFec, 5, 0x07 | 0x20 | 0x80));
        assertThat(announce.status()).isEqualTo(200);
        assertThat(s.state()).isEqualTo(SessionState.ANNOUNCED);
    }

    static Map<String, String> resumeArgs() {
        return NvHttpClient.args("mode", "1280x720x60", "rikey", "ffeeddccbbaa99887766554433221100", "rikeyid", "42",
                "corever", "1");
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
