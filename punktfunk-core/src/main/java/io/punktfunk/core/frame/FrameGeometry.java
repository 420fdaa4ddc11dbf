package io.punktfunk.core.frame;

/**
 * Shard and block arithmetic shared by packetizer and reassembler, so both derive the same shape
 * from (frame bytes, shard bytes, K): {@code totalData = max(1, ceil(frameBytes / shard))} data
 * shards, cut into {@code ceil(totalData / K)} blocks of K with the remainder in the last.
 */
final class FrameGeometry {
    private FrameGeometry() {
    }

    /** Data shards of a frame; an empty frame still sends one zero shard. */
    static long totalDataShards(long frameBytes, int shardBytes) {
        return Math.max(1, (frameBytes + shardBytes - 1) / shardBytes);
    }

    /** Blocks of a frame with {@code totalData} data shards. */
    static long blockCount(long totalData, int maxDataPerBlock) {
        return (totalData + maxDataPerBlock - 1) / maxDataPerBlock;
    }

    /** Data shards in block {@code block}: K for all but the last, the remainder for the last. */
    static long dataShardsOf(int block, int blockCount, long totalData, int maxDataPerBlock) {
        return block < blockCount - 1 ? maxDataPerBlock : totalData - (long) (blockCount - 1) * maxDataPerBlock;
    }
}
