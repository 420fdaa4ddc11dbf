package io.punktfunk.host.gamestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.host.gamestream.client.rtsp.RtspTestClient;
import io.punktfunk.host.gamestream.http.PairingCrypto;
import io.punktfunk.host.gamestream.rtsp.AnnounceParser;
import io.punktfunk.host.gamestream.rtsp.RtspEncryption;
import io.punktfunk.host.gamestream.rtsp.RtspProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Byte layouts and values checked against the reference's worked values (§2.3, §2.7, §3.2, §3.5). */
class GameStreamWireValuesTest {
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @Test
    void launchArgumentsAsObservedFromARealClient() {
        LaunchRequest r = LaunchRequest.parse(Map.of("appid", "1", "mode", "1920x1080x60", "rikey",
                "00112233445566778899AABBCCDDEEFF", "rikeyid", "-933014792", "localAudioPlayMode", "0",
                "surroundAudioInfo", "196610", "corever", "1"), true);
        assertThat(r.rikeyId()).isEqualTo(-933014792);
        assertThat(r.surroundAudioInfo()).isEqualTo(0x30002); // stereo: mask 0x3 << 16 | 2 channels
        assertThat(r.rikey()).isEqualTo(KEY);
        assertThat(r.fps()).isEqualTo(60);
        assertThat(r.coreVersion()).isEqualTo(1);
    }

    @Test
    void launchArgumentsThatAreMissingOrBadAreNamed() {
        assertThatThrownBy(() -> LaunchRequest.parse(Map.of("appid", "1", "rikeyid", "1", "localAudioPlayMode", "0"), true))
                .hasMessageContaining("rikey");
        assertThatThrownBy(() -> LaunchRequest.parse(Map.of("rikey", "0011", "rikeyid", "1"), false))
                .hasMessageContaining("32 hex");
        assertThatThrownBy(() -> LaunchRequest.parse(Map.of("rikey", "00".repeat(16), "rikeyid", "x"), false))
                .hasMessageContaining("rikeyid");
        assertThatThrownBy(() -> LaunchRequest.parse(Map.of("rikey", "00".repeat(16), "rikeyid", "1", "mode", "0x0x0"), false))
                .hasMessageContaining("mode");
    }

    @Test
    void rtspencIvIsLittleEndianSequenceThenDirectionLetters() {
        assertThat(RtspEncryption.iv(1, false)).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'C', 'R');
        assertThat(RtspEncryption.iv(0x01020304L, true)).containsExactly(4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 'H', 'R');
        assertThat(RtspEncryption.iv(7, true)).isEqualTo(RtspTestClient.iv(7, 'H'));
    }

    @Test
    void rtspencHeaderLayoutAndRoundTrip() throws Exception {
        byte[] msg = "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = RtspEncryption.seal(KEY, 3, true, msg);
        assertThat(sealed).hasSize(24 + msg.length);
        assertThat(Arrays.copyOf(sealed, 8)).containsExactly(0x80, 0, 0, msg.length, 0, 0, 0, 3);
        byte[] header = Arrays.copyOf(sealed, 24);
        byte[] ct = Arrays.copyOfRange(sealed, 24, sealed.length);
        assertThat(RtspEncryption.open(KEY, header, ct, true)).isEqualTo(msg);
        // the other direction's IV does not open it, nor does a flipped ciphertext bit
        assertThatThrownBy(() -> RtspEncryption.open(KEY, header, ct, false)).isInstanceOf(RtspProtocolException.class);
        ct[0] ^= 1;
        assertThatThrownBy(() -> RtspEncryption.open(KEY, header, ct, true)).isInstanceOf(RtspProtocolException.class);
        header[0] = 0;
        assertThatThrownBy(() -> RtspEncryption.open(KEY, header, ct, true)).hasMessageContaining("flag");
    }

    @Test
    void announceAttributesAsMoonlightWritesThem() {
        StreamParameters p = AnnounceParser.parse(RtspTestClient.announceBody(1280, 720, 60, 1392, 8000, 2, 5, 167)
                + "a=x-nv-vqos[0].fec.repairPercent:35 \r\n", 20, true);
        assertThat(p.width()).isEqualTo(1280);
        assertThat(p.height()).isEqualTo(720);
        assertThat(p.bitrateKbps()).isEqualTo(8000);
        assertThat(p.fecPercent()).isEqualTo(35);
        assertThat(p.minFecPackets()).isEqualTo(2);
        assertThat(p.nvFeatureFlags()).isEqualTo(167); // 0x07 | 0x20 | 0x80 as observed: audio encryption on
        assertThat(p.audioEncrypted()).isTrue();
        assertThat(p.lowQualityAudio()).isTrue();
        assertThat(p.audioChannels()).isEqualTo(2);
        assertThat(p.audioChannelMask()).isEqualTo(3);
        assertThatThrownBy(() -> AnnounceParser.parse("a=x-nv-video[0].clientViewportWd:abc \r\n", 20, false))
                .hasMessageContaining("clientViewportWd");
        assertThatThrownBy(() -> AnnounceParser.parse(RtspTestClient.announceBody(1280, 720, 60, 10, 8000, 2, 5, 0), 20, false))
                .hasMessageContaining("packetSize");
    }

    @Test
    void pinKeyIsTheFirst16BytesOfSha256OfSaltThenPin() throws Exception {
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] expected = Arrays.copyOf(MessageDigest.getInstance("SHA-256")
                .digest(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f" + "31323334")), 16);
        assertThat(PairingCrypto.pinKey(salt, "1234")).isEqualTo(expected);
        byte[] block = new byte[16];
        assertThat(PairingCrypto.aesEcbDecrypt(expected, PairingCrypto.aesEcbEncrypt(expected, block))).isEqualTo(block);
        assertThatThrownBy(() -> PairingCrypto.aesEcbEncrypt(expected, new byte[15])).hasMessageContaining("16-byte");
    }
}
