package io.punktfunk.host.gamestream.video;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 32-byte header of every GameStream video datagram (gamestream.md §6.2): a 16-byte RTP
 * header with the extension bit set, then Nvidia's 16-byte packet header. Byte order is stated
 * per field: the RTP part is big-endian, the NV part little-endian.
 *
 * <pre>
 *  0  u8   0x90 (RTP v2 + X)      16 LE32 streamPacketIndex (packet counter &lt;&lt; 8)
 *  1  u8   0 (M/PT)               20 LE32 frameIndex
 *  2  BE16 RTP sequence           24 u8   flags (PIC_DATA | SOF | EOF)
 *  4  BE32 timestamp (90 kHz)     25 u8   extraFlags (0)
 *  8  BE32 SSRC (0)               26 u8   multiFecFlags (0x10)
 * 12  u32  reserved (0)           27 u8   multiFecBlocks (block &lt;&lt; 4 | (blocks - 1) &lt;&lt; 6)
 *                                 28 LE32 fecInfo (shard &lt;&lt; 12 | k &lt;&lt; 22 | percent &lt;&lt; 4)
 * </pre>
 *
 * FEC covers the whole datagram, so the fields are written in two steps (§6.4): {@link #writeCovered}
 * on data shards before the parity is computed (RTP bytes and fecInfo still zero), then
 * {@link #writeUncovered} on every shard after it. A client rebuilding a data shard restores the
 * second group itself and takes the first from the rebuilt bytes; so parity shards keep their
 * computed bytes at 16..19 and 24..26.
 */
final class VideoPacketHeader {
    static final int BYTES = 32;
    /** {@code MAX_RTP_HEADER_SIZE}: datagrams are the client's packet size plus this. */
    static final int RTP_ALLOWANCE = 16;

    static final int RTP_FLAGS_OFFSET = 0;
    static final int RTP_SEQUENCE_OFFSET = 2;
    static final int RTP_TIMESTAMP_OFFSET = 4;
    static final int RTP_SSRC_OFFSET = 8;
    static final int STREAM_PACKET_INDEX_OFFSET = 16;
    static final int FRAME_INDEX_OFFSET = 20;
    static final int FLAGS_OFFSET = 24;
    static final int EXTRA_FLAGS_OFFSET = 25;
    static final int MULTI_FEC_FLAGS_OFFSET = 26;
    static final int MULTI_FEC_BLOCKS_OFFSET = 27;
    static final int FEC_INFO_OFFSET = 28;

    /** RTP version 2 with the extension bit: the client requires X (it skips a 16-byte RTP header). */
    static final int RTP_V2_EXTENSION = 0x90;
    static final int FLAG_CONTAINS_PIC_DATA = 0x1;
    static final int FLAG_EOF = 0x2;
    static final int FLAG_SOF = 0x4;
    static final int MULTI_FEC_FLAGS = 0x10;

    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private VideoPacketHeader() {
    }

    /** The NV fields FEC protects, on a data shard whose other header bytes are zero. */
    static void writeCovered(byte[] shard, int packetIndex, int frameIndex, int flags, int multiFecBlocks) {
        LE32.set(shard, STREAM_PACKET_INDEX_OFFSET, packetIndex << 8);
        LE32.set(shard, FRAME_INDEX_OFFSET, frameIndex);
        shard[FLAGS_OFFSET] = (byte) flags;
        shard[EXTRA_FLAGS_OFFSET] = 0;
        shard[MULTI_FEC_FLAGS_OFFSET] = (byte) MULTI_FEC_FLAGS;
        shard[MULTI_FEC_BLOCKS_OFFSET] = (byte) multiFecBlocks;
    }

    /** The fields written on every shard, data and parity, after FEC. */
    static void writeUncovered(byte[] shard, int packetIndex, int rtpTimestamp, int frameIndex, int multiFecBlocks,
                               int fecInfo) {
        shard[RTP_FLAGS_OFFSET] = (byte) RTP_V2_EXTENSION;
        shard[RTP_FLAGS_OFFSET + 1] = 0;
        BE16.set(shard, RTP_SEQUENCE_OFFSET, (short) packetIndex);
        BE32.set(shard, RTP_TIMESTAMP_OFFSET, rtpTimestamp);
        BE32.set(shard, RTP_SSRC_OFFSET, 0);
        LE32.set(shard, FRAME_INDEX_OFFSET, frameIndex);
        shard[MULTI_FEC_BLOCKS_OFFSET] = (byte) multiFecBlocks;
        LE32.set(shard, FEC_INFO_OFFSET, fecInfo);
    }

    /** {@code fecInfo}: 10-bit shard index (data first, then parity), 10-bit data shard count, 8-bit percentage. */
    static int fecInfo(int shardIndex, int dataShards, int fecPercent) {
        return (shardIndex << 12) | (dataShards << 22) | (fecPercent << 4);
    }

    /** {@code multiFecBlocks}: this block's index and the frame's block count − 1, two bits each. */
    static int multiFecBlocks(int blockIndex, int blockCount) {
        return (blockIndex << 4) | ((blockCount - 1) << 6);
    }
}
