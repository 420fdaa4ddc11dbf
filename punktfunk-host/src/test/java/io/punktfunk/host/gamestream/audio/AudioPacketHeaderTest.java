package io.punktfunk.host.gamestream.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AudioPacketHeaderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void dataAndFecHeadersMatchTheReference() {
        byte[] d = new byte[24];
        AudioPacketHeader.writeData(d, 7, 35);
        // 0x80, PT 97, BE16 seq 7, BE32 35 ms, SSRC 0
        assertThat(HEX.formatHex(d, 0, 12)).isEqualTo("80610007" + "00000023" + "00000000");
        AudioPacketHeader.writeFec(d, 9, 1, 4, 20);
        // 0x80, PT 127, seq 9, ts 0, SSRC 0 | shard 1, PT 97, base seq 4, base ts 20 ms, SSRC 0
        assertThat(HEX.formatHex(d)).isEqualTo("807f0009" + "00000000" + "00000000" + "0161" + "0004" + "00000014"
                + "00000000");
    }
}
