package io.punktfunk.core.frame;

import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.MemorySegment;

/**
 * Everything the receive side bounds, derived from the negotiated FEC config
 * (punktfunk-reference.md §1.9), plus the stateless per-datagram firewall ({@link #check}) that
 * runs before the AEAD open so malformed or out-of-bounds packets never cost a decrypt.
 *
 * @param scheme                the negotiated erasure code; packets naming another are dropped
 * @param maxDataShardsPerBlock K; every block but a frame's last has exactly K data shards
 * @param maxTotalShards        most data + parity shards one block may have
 * @param minShardBytes         smallest shard accepted
 * @param maxShardBytes         largest shard accepted
 * @param maxFrameBytes         largest frame accepted
 * @param inFlightBudgetBytes   shard buffers plus per-frame state held by unfinished and undelivered frames
 * @param lossWindowNs          an incomplete frame is abandoned this long after its first packet arrived
 * @param lossWindowFrames      … or once a frame this many indices newer has arrived
 * @param maxFramesInFlight     frame slots (assembling plus completed-not-yet-polled)
 */
public record ReassemblerLimits(FecScheme scheme, int maxDataShardsPerBlock, int maxTotalShards,
                                int minShardBytes, int maxShardBytes, long maxFrameBytes, long inFlightBudgetBytes,
                                long lossWindowNs, int lossWindowFrames, int maxFramesInFlight) {
    /** Receive ceiling: a 9000-MTU jumbo datagram fits. */
    public static final int MAX_DATAGRAM_BYTES = 9216;
    /** Largest shard that fits {@link #MAX_DATAGRAM_BYTES} with header and tag. */
    public static final int MAX_SHARD_BYTES = MAX_DATAGRAM_BYTES - MediaHeaderFlyweight.WIRE_OVERHEAD;
    /** Smallest shard a receiver accepts unless the session's shard is smaller: tiny shards multiply per-packet cost. */
    public static final int MIN_SHARD_BYTES = 512;
    /** Incomplete frames older than this are lost: at 60 Hz that is 7 frame intervals, past any useful wait. */
    public static final long LOSS_WINDOW_NS = 120_000_000L;
    /** Incomplete frames this many indices behind the newest are lost, whatever the clock says. */
    public static final int LOSS_WINDOW_FRAMES = 64;
    /** In-flight budget in frames: room for a few maximum frames assembling and awaiting poll at once. */
    public static final int IN_FLIGHT_BUDGET_FRAMES = 4;
    /** Frame slots: the loss window twice over, so completed frames awaiting poll never starve assembly. */
    public static final int MAX_FRAMES_IN_FLIGHT = 2 * LOSS_WINDOW_FRAMES;

    public ReassemblerLimits {
        if (scheme == null || maxDataShardsPerBlock < 1 || maxTotalShards <= maxDataShardsPerBlock
                || maxTotalShards > scheme.maxTotalShards()) {
            throw new IllegalArgumentException("block limits K=" + maxDataShardsPerBlock + ", total=" + maxTotalShards
                    + " do not fit " + scheme);
        }
        if (minShardBytes < 2 || maxShardBytes < minShardBytes || maxShardBytes > MAX_SHARD_BYTES) {
            throw new IllegalArgumentException("shard range [" + minShardBytes + ", " + maxShardBytes + "] is not within [2, "
                    + MAX_SHARD_BYTES + "]");
        }
        if (FrameGeometry.totalDataShards(maxFrameBytes, minShardBytes) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("max frame bytes " + maxFrameBytes + " in " + minShardBytes
                    + "-byte shards exceeds the shard index range");
        }
        if (maxFrameBytes < 0 || maxFrameBytes > 0xFFFF_FFFFL || inFlightBudgetBytes < 1
                || lossWindowNs < 1 || lossWindowFrames < 1 || maxFramesInFlight < 1) {
            throw new IllegalArgumentException("frame size, budget and loss window must be positive");
        }
    }

    /**
     * The limits for a negotiated session: K and the block ceiling from {@code fec}, shards from
     * {@code min(512, shardBytes)} to {@link #MAX_SHARD_BYTES} (so the host may grow the shard
     * mid-session), a budget of {@link #IN_FLIGHT_BUDGET_FRAMES} maximum frames and the default loss window.
     */
    public static ReassemblerLimits from(FecConfig fec, int shardBytes, long maxFrameBytes) {
        checkShardBytes(fec.scheme(), shardBytes);
        long budget = Math.max(IN_FLIGHT_BUDGET_FRAMES * maxFrameBytes, 1L << 20);
        return new ReassemblerLimits(fec.scheme(), fec.maxDataPerBlock(), fec.maxTotalShards(),
                Math.min(MIN_SHARD_BYTES, shardBytes), MAX_SHARD_BYTES, maxFrameBytes, budget,
                LOSS_WINDOW_NS, LOSS_WINDOW_FRAMES, MAX_FRAMES_IN_FLIGHT);
    }

    /** Same limits with another in-flight budget. */
    public ReassemblerLimits withInFlightBudget(long bytes) {
        return new ReassemblerLimits(scheme, maxDataShardsPerBlock, maxTotalShards, minShardBytes, maxShardBytes,
                maxFrameBytes, bytes, lossWindowNs, lossWindowFrames, maxFramesInFlight);
    }

    /** Throws unless {@code shardBytes} is a usable sender shard size for {@code scheme}. */
    static void checkShardBytes(FecScheme scheme, int shardBytes) {
        if (shardBytes < 2 || shardBytes > MAX_SHARD_BYTES) {
            throw new IllegalArgumentException("shard bytes must be in [2, " + MAX_SHARD_BYTES + "], got " + shardBytes);
        }
        if (scheme == FecScheme.GF16_LEOPARD && (shardBytes & 1) != 0) {
            throw new IllegalArgumentException("gf16-leopard shard bytes must be even, got " + shardBytes);
        }
    }

    /**
     * The stateless firewall: checks one datagram's length and header against these limits.
     *
     * @return null if it may be opened, else the {@code DROP_*} reason to count
     */
    public DataPlaneCounter check(MemorySegment s, long off, int len) {
        if (len < MediaHeaderFlyweight.WIRE_OVERHEAD
                || MediaHeaderFlyweight.magic(s, off) != (MediaHeaderFlyweight.MAGIC & 0xFF)
                || MediaHeaderFlyweight.version(s, off) != MediaHeaderFlyweight.VERSION) {
            return DataPlaneCounter.DROP_MALFORMED;
        }
        int shard = MediaHeaderFlyweight.shardBytes(s, off);
        if (len != MediaHeaderFlyweight.WIRE_OVERHEAD + shard) {
            return DataPlaneCounter.DROP_MALFORMED;
        }
        if (MediaHeaderFlyweight.fecScheme(s, off) != scheme.wireId()
                || shard < minShardBytes || shard > maxShardBytes
                || (scheme == FecScheme.GF16_LEOPARD && (shard & 1) != 0)) {
            return DataPlaneCounter.DROP_GEOMETRY;
        }
        long frameBytes = MediaHeaderFlyweight.frameBytes(s, off);
        if (frameBytes > maxFrameBytes) {
            return DataPlaneCounter.DROP_GEOMETRY;
        }
        long totalData = FrameGeometry.totalDataShards(frameBytes, shard);
        long blocks = FrameGeometry.blockCount(totalData, maxDataShardsPerBlock);
        int blockCount = MediaHeaderFlyweight.blockCount(s, off);
        int block = MediaHeaderFlyweight.blockIndex(s, off);
        if (blockCount != blocks || block >= blockCount) {
            return DataPlaneCounter.DROP_GEOMETRY;
        }
        int k = MediaHeaderFlyweight.dataShards(s, off);
        int m = MediaHeaderFlyweight.recoveryShards(s, off);
        if (k != FrameGeometry.dataShardsOf(block, blockCount, totalData, maxDataShardsPerBlock)
                || k + m > maxTotalShards
                || MediaHeaderFlyweight.shardIndex(s, off) >= k + m) {
            return DataPlaneCounter.DROP_GEOMETRY;
        }
        return null;
    }
}
