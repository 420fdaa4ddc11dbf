package io.punktfunk.host.gamestream.control;

/**
 * The client's report on one frame whose FEC recovery it needed (control message 0x5502, Sunshine
 * extension; big-endian fields, reference gamestream.md §5.3).
 *
 * @param frameIndex           the frame's index in the video stream
 * @param highestReceivedSeq   highest RTP sequence number seen of the frame
 * @param nextContiguousSeq    first sequence number not received contiguously
 * @param missingBeforeHighest packets missing below the highest seen
 * @param totalData            data shards of the block
 * @param totalParity          parity shards of the block
 * @param receivedData         data shards received
 * @param receivedParity       parity shards received
 * @param fecPercentage        FEC percentage of the block
 * @param blockIndex           FEC block index within the frame
 * @param blockCount           FEC blocks of the frame
 */
public record FrameFecStatus(long frameIndex, int highestReceivedSeq, int nextContiguousSeq, int missingBeforeHighest,
                             int totalData, int totalParity, int receivedData, int receivedParity, int fecPercentage,
                             int blockIndex, int blockCount) {
    /** Payload bytes of the message. */
    public static final int BYTES = 21;

    /** Reads the payload at {@code b[off]} (at least {@link #BYTES} bytes). */
    public static FrameFecStatus read(byte[] b, int off) {
        return new FrameFecStatus(u32(b, off), u16(b, off + 4), u16(b, off + 6), u16(b, off + 8), u16(b, off + 10),
                u16(b, off + 12), u16(b, off + 14), u16(b, off + 16), b[off + 18] & 0xFF, b[off + 19] & 0xFF,
                b[off + 20] & 0xFF);
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    private static long u32(byte[] b, int off) {
        return ((long) u16(b, off) << 16) | u16(b, off + 2);
    }
}
