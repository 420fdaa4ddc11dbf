package io.punktfunk.host.gamestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.host.gamestream.client.http.NvHttpClient;
import io.punktfunk.host.gamestream.client.rtsp.RtspTestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed, forged and misplaced RTSP: a clear refusal, counted, and the launched session goes on. */
class RtspBadInputTest {
    private static final byte[] RIKEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @TempDir
    Path dir;

    @Test
    void plaintextGarbageIsAnswered400AndTheHandshakeStillCompletes() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            c.https("/launch", NvHttpPairingTest.launchArgs(false));
            LaunchSession s = t.host.sessions().current().orElseThrow();
            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", t.host.rtspPort(), null);

            String bad = new String(rtsp.rawExchange("OPTIONS * HTTP/1.1\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                    StandardCharsets.US_ASCII);
            assertThat(bad).startsWith("RTSP/1.0 400").contains("bad request line");
            String noColon = new String(rtsp.rawExchange("OPTIONS / RTSP/1.0\r\nCSeq 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                    StandardCharsets.US_ASCII);
            assertThat(noColon).startsWith("RTSP/1.0 400");
            String hugeLength = new String(rtsp.rawExchange(
                    "ANNOUNCE / RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 99999999\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                    StandardCharsets.US_ASCII);
            assertThat(hugeLength).startsWith("RTSP/1.0 400").contains("Content-Length");
            SplittableRandom random = new SplittableRandom(13);
            for (int i = 0; i < 20; i++) {
                byte[] junk = new byte[1 + random.nextInt(2000)];
                for (int j = 0; j < junk.length; j++) {
                    junk[j] = (byte) random.nextInt(0x20, 0x7f); // plaintext-looking: bit 7 clear
                }
                rtsp.rawExchange(junk);
            }
            assertThat(rtsp.send("TEARDOWN", "/", Map.of(), "").status()).isEqualTo(501);
            assertThat(rtsp.setup("nonsense/0/0").status()).isEqualTo(404);
            assertThat(t.host.rtsp().malformed()).isGreaterThanOrEqualTo(3);

            assertThat(s.state()).isEqualTo(SessionState.LAUNCHED);
            LaunchAndRtspTest.handshake(rtsp, s, 1392, 2);
            assertThat(rtsp.play().status()).isEqualTo(200);
        }
    }

    @Test
    void forgedEncryptedRequestsAreDroppedWithoutAnAnswer() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            c.https("/launch", NvHttpPairingTest.launchArgs(true));
            LaunchSession s = t.host.sessions().current().orElseThrow();
            // the wrong key: nothing the host could authenticate, so no answer and no effect
            RtspTestClient forger = new RtspTestClient("127.0.0.1", t.host.rtspPort(), new byte[16]);
            assertThat(forger.options().status()).isEqualTo(-1);
            // plaintext on an encrypted launch is refused in the clear
            RtspTestClient plain = new RtspTestClient("127.0.0.1", t.host.rtspPort(), null);
            assertThat(plain.options().status()).isEqualTo(403);
            // an absurd length in an rtspenc header
            byte[] header = new byte[24];
            header[0] = (byte) 0xff;
            assertThat(plain.rawExchange(header)).isEmpty();
            assertThat(t.host.rtsp().malformed()).isGreaterThanOrEqualTo(2);

            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", t.host.rtspPort(), RIKEY);
            LaunchAndRtspTest.handshake(rtsp, s, 1392, 2);
            assertThat(rtsp.play().status()).isEqualTo(200);
        }
    }

    @Test
    void anAuthenticAnnounceWithoutTheVideoSizeEndsTheSessionWithTheReason() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            c.https("/launch", NvHttpPairingTest.launchArgs(true));
            LaunchSession s = t.host.sessions().current().orElseThrow();
            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", t.host.rtspPort(), RIKEY);
            rtsp.setup("audio/0/0");
            String body = RtspTestClient.announceBody(1920, 1080, 60, 1392, 15000, 2, 5, 0x20)
                    .replace("a=x-nv-video[0].clientViewportWd:1920 \r\n", "");
            RtspTestClient.Response r = rtsp.announce(body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("X-Punktfunk-Reason")).contains("clientViewportWd");
            assertThat(s.state()).isEqualTo(SessionState.ENDED);
            assertThat(s.endReason()).contains("clientViewportWd");
            assertThat(t.launcher.started).isEmpty();
            // the slot is free: a new launch works (the app still runs, so resume)
            assertThat(c.https("/resume", LaunchAndRtspTest.resumeArgs()).get("resume")).isEqualTo("1");
        }
    }

    @Test
    void aCodecTheHostDidNotOfferIsRefusedAndEndsTheSession() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) { // its launcher offers H.264 only
            NvHttpClient c = t.pairedClient();
            c.https("/launch", NvHttpPairingTest.launchArgs(true));
            LaunchSession s = t.host.sessions().current().orElseThrow();
            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", t.host.rtspPort(), RIKEY);
            assertThat(rtsp.describe().body()).doesNotContain("sprop-parameter-sets").doesNotContain("AV1/90000");
            rtsp.setup("audio/0/0");
            RtspTestClient.Response r = rtsp.announce(RtspTestClient.announceBody(1920, 1080, 60, 1392, 15000, 2, 5, 0x20, 1));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("X-Punktfunk-Reason")).contains("bitStreamFormat 1");
            assertThat(s.state()).isEqualTo(SessionState.ENDED);
            assertThat(s.endReason()).contains("does not offer");
            assertThat(t.launcher.started).isEmpty();
        }
    }

    @Test
    void playBeforeAnnounceAndAWrongSessionAreRefused() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            c.https("/launch", NvHttpPairingTest.launchArgs(true));
            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", t.host.rtspPort(), RIKEY);
            rtsp.setup("audio/0/0");
            assertThat(rtsp.play().status()).isEqualTo(455);
            assertThat(rtsp.send("PLAY", "/", Map.of("Session", "0000"), "").status()).isEqualTo(454);
            assertThat(t.launcher.started).isEmpty();
        }
    }

    @Test
    void withoutALaunchRtspIsClosedAtOnce() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            RtspTestClient rtsp = new RtspTestClient("127.0.0.1", t.host.rtspPort(), null);
            assertThat(rtsp.options().status()).isEqualTo(-1);
            assertThat(t.host.rtsp().refused()).isEqualTo(1);
        }
    }
}
