package io.punktfunk.host.gamestream.client.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The test client's reading of one video datagram's 32-byte header, written from
 * gamestream.md §6.2 (not from the host's classes): RTP big-endian, NV part little-endian.
 */
record NvVideoPacket(int rtpByte0, int rtpSequence, int rtpTimestamp, int ssrc, int streamPacketIndex,
                     int frameIndex, int flags, int extraFlags, int multiFecFlags, int blockIndex, int blockCount,
                     int shardIndex, int dataShards, int fecPercent) {
    static final int HEADER = 32;
    static final int FLAG_PIC_DATA = 0x1;
    static final int FLAG_EOF = 0x2;
    static final int FLAG_SOF = 0x4;

    static NvVideoPacket parse(byte[] d) {
        ByteBuffer be = ByteBuffer.wrap(d).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer le = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        int multiFecBlocks = d[27] & 0xFF;
        int fecInfo = le.getInt(28);
        return new NvVideoPacket(d[0] & 0xFF, be.getShort(2) & 0xFFFF, be.getInt(4), be.getInt(8),
                le.getInt(16) >>> 8, le.getInt(20), d[24] & 0xFF, d[25] & 0xFF, d[26] & 0xFF,
                (multiFecBlocks >> 4) & 0x3, ((multiFecBlocks >> 6) & 0x3) + 1,
                (fecInfo >> 12) & 0x3FF, (fecInfo >> 22) & 0x3FF, (fecInfo >> 4) & 0xFF);
    }

    /** Parity shards the client derives from the header, as moonlight does: ⌈k · pct / 100⌉. */
    int parityShards() {
        return (dataShards * fecPercent + 99) / 100;
    }
}
