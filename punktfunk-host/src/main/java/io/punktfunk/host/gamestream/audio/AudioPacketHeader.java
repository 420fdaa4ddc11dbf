package io.punktfunk.host.gamestream.audio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Headers of GameStream audio datagrams (gamestream.md §7), all big-endian:
 *
 * <pre>
 * data:  0 u8 0x80 | 1 u8 PT 97  | 2 BE16 seq | 4 BE32 timestamp (ms) | 8 BE32 SSRC 0 | 12 Opus payload
 * FEC:   0 u8 0x80 | 1 u8 PT 127 | 2 BE16 seq | 4 BE32 0             | 8 BE32 0
 *       12 u8 shard index (0, 1) | 13 u8 97 | 14 BE16 block's first seq | 16 BE32 block's first timestamp
 *       20 BE32 SSRC 0 | 24 parity over the block's 4 payloads
 * </pre>
 */
final class AudioPacketHeader {
    static final int RTP_BYTES = 12;
    static final int FEC_HEADER_BYTES = 12;
    /** Where a FEC packet's parity starts. */
    static final int FEC_PAYLOAD_OFFSET = RTP_BYTES + FEC_HEADER_BYTES;
    static final int RTP_VERSION_2 = 0x80;
    static final int PAYLOAD_TYPE_OPUS = 97;
    static final int PAYLOAD_TYPE_FEC = 127;

    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private AudioPacketHeader() {
    }

    /** The RTP header of an Opus packet. */
    static void writeData(byte[] d, int sequence, int timestampMs) {
        d[0] = (byte) RTP_VERSION_2;
        d[1] = PAYLOAD_TYPE_OPUS;
        BE16.set(d, 2, (short) sequence);
        BE32.set(d, 4, timestampMs);
        BE32.set(d, 8, 0);
    }

    /** The RTP and FEC headers of parity shard {@code shardIndex} of the block starting at {@code baseSequence}. */
    static void writeFec(byte[] d, int sequence, int shardIndex, int baseSequence, int baseTimestampMs) {
        d[0] = (byte) RTP_VERSION_2;
        d[1] = (byte) PAYLOAD_TYPE_FEC;
        BE16.set(d, 2, (short) sequence);
        BE32.set(d, 4, 0);
        BE32.set(d, 8, 0);
        d[12] = (byte) shardIndex;
        d[13] = PAYLOAD_TYPE_OPUS;
        BE16.set(d, 14, (short) baseSequence);
        BE32.set(d, 16, baseTimestampMs);
        BE32.set(d, 20, 0);
    }
}
