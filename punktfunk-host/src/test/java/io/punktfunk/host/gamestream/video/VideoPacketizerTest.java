package io.punktfunk.host.gamestream.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Byte layout of the datagrams against gamestream.md §6.2–6.4, parity against the nanors formula. */
class VideoPacketizerTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] au(int length) {
        byte[] au = new byte[length];
        for (int i = 0; i < length; i++) {
            au[i] = (byte) (i * 31 + 7);
        }
        au[0] = 0;
        au[1] = 0;
        au[2] = 0;
        au[3] = 1;
        return au;
    }

    private static String hex(byte[] b, int from, int to) {
        return HEX.formatHex(b, from, to);
    }

    @Test
    void headersOfASmallIdrFrameMatchTheReference() {
        // P = 1024: datagrams of 1040 bytes carrying 1008 frame bytes; 8 + 3000 bytes = 3 data shards
        VideoPacketizer p = new VideoPacketizer(1024, 20, 2);
        byte[] au = au(3000);
        int n = p.packetize(au, au.length, 7, VideoFrameHeader.FRAME_TYPE_IDR, 0x01020304, 12);
        assertThat(n).isEqualTo(5); // k = 3, m = max(⌈0.6⌉, 2) = 2 at 66 %
        assertThat(p.shardBytes()).isEqualTo(1040);
        assertThat(p.parityPackets()).isEqualTo(2);
        // fecInfo = shard << 12 | k << 22 | 66 << 4, little-endian
        String[] expected = {
            // RTP: 0x90, PT 0, seq, ts, ssrc, reserved | NV: streamPacketIndex = seq << 8, frame 7, flags, 0, 0x10, blocks 0, fecInfo
            "90000000" + "01020304" + "00000000" + "00000000" + "00000000" + "07000000" + "05" + "00" + "10" + "00" + "2004c000",
            "90000001" + "01020304" + "00000000" + "00000000" + "00010000" + "07000000" + "01" + "00" + "10" + "00" + "2014c000",
            "90000002" + "01020304" + "00000000" + "00000000" + "00020000" + "07000000" + "03" + "00" + "10" + "00" + "2024c000",
        };
        for (int i = 0; i < 3; i++) {
            assertThat(hex(p.shard(i), 0, 32)).as("data shard %d", i).isEqualTo(expected[i]);
        }
        for (int j = 0; j < 2; j++) {
            byte[] s = p.shard(3 + j);
            // parity: RTP and the uncovered NV fields written after FEC
            assertThat(hex(s, 0, 16)).isEqualTo("9000000" + (3 + j) + "01020304" + "00000000" + "00000000");
            assertThat(hex(s, 20, 24)).isEqualTo("07000000");
            assertThat(s[27]).isZero();
            assertThat(hex(s, 28, 32)).isEqualTo(j == 0 ? "2034c000" : "2044c000");
        }
        // frame header: type 0x01, processing 12 (LE16), IDR, lastPayloadLen = 3008 mod 1008 = 992 (LE16), 0, 0
        assertThat(hex(p.shard(0), 32, 40)).isEqualTo("010c0002e0030000");
        assertThat(hex(p.shard(0), 40, 44)).isEqualTo("00000001");
        // the last data shard: frame bytes 2016..3008, then zeros up to 1040
        byte[] last = p.shard(2);
        for (int i = 0; i < 992; i++) {
            assertThat(last[32 + i]).isEqualTo(au[2016 - 8 + i]);
        }
        for (int i = 32 + 992; i < 1040; i++) {
            assertThat(last[i]).isZero();
        }
    }

    @Test
    void parityIsTheNanorsCauchyCodeOverTheShardsAsTheyWereBeforeTheUncoveredFields() {
        VideoPacketizer p = new VideoPacketizer(1024, 20, 2);
        byte[] au = au(40_000); // 40 data shards, 8 parity
        int n = p.packetize(au, au.length, 3, VideoFrameHeader.FRAME_TYPE_P, 99, 0);
        int k = 40;
        int m = n - k;
        assertThat(m).isEqualTo(8);
        byte[][] covered = new byte[k][];
        for (int i = 0; i < k; i++) {
            covered[i] = p.shard(i).clone();
            java.util.Arrays.fill(covered[i], 0, 16, (byte) 0);      // RTP: written after FEC
            java.util.Arrays.fill(covered[i], 28, 32, (byte) 0);     // fecInfo: written after FEC
        }
        for (int j = 0; j < m; j++) {
            byte[] parity = p.shard(k + j);
            for (int pos = 0; pos < p.shardBytes(); pos++) {
                if (pos < 16 || (pos >= 20 && pos < 24) || pos == 27 || (pos >= 28 && pos < 32)) {
                    continue; // rewritten on parity after FEC
                }
                int q = 0;
                for (int i = 0; i < k; i++) {
                    q ^= SlowGf8.mul(SlowGf8.inv((m + i) ^ j), covered[i][pos] & 0xFF);
                }
                assertThat(parity[pos] & 0xFF).as("parity %d byte %d", j, pos).isEqualTo(q);
            }
        }
    }

    @Test
    void sequenceNumbersRunOnAcrossBlocksAndFramesParityIncluded() {
        VideoPacketizer p = new VideoPacketizer(1024, 20, 2);
        byte[] au = au(500 * 1008 - 8); // exactly 500 data shards: 3 blocks of 167/167/166 + 34 parity each
        int n = p.packetize(au, au.length, 1, VideoFrameHeader.FRAME_TYPE_IDR, 0, 0);
        assertThat(n).isEqualTo(500 + 3 * 34);
        int[] blockStart = {0, 201, 402};
        int[] k = {167, 167, 166};
        for (int b = 0; b < 3; b++) {
            byte[] first = p.shard(blockStart[b]);
            assertThat(first[24]).as("SOF on the first data shard of block %d", b).isEqualTo((byte) 0x05);
            assertThat(first[27] & 0xFF).isEqualTo((b << 4) | (2 << 6));
            assertThat(p.shard(blockStart[b] + k[b] - 1)[24]).as("EOF").isEqualTo((byte) 0x03);
            int fecInfo = java.nio.ByteBuffer.wrap(first, 28, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            assertThat((fecInfo >> 22) & 0x3FF).isEqualTo(k[b]);
            assertThat((fecInfo >> 4) & 0xFF).isEqualTo(20);
        }
        for (int i = 0; i < n; i++) {
            byte[] s = p.shard(i);
            assertThat(((s[2] & 0xFF) << 8) | (s[3] & 0xFF)).isEqualTo(i);
        }
        assertThat(p.nextPacketIndex()).isEqualTo(n);
        int n2 = p.packetize(au, 100, 2, VideoFrameHeader.FRAME_TYPE_P, 0, 0);
        assertThat(n2).isEqualTo(3);
        assertThat(((p.shard(0)[2] & 0xFF) << 8) | (p.shard(0)[3] & 0xFF)).isEqualTo(n);
        assertThat(p.shard(0)[16 + 1] & 0xFF).isEqualTo(n & 0xFF); // streamPacketIndex = seq << 8
    }
}
