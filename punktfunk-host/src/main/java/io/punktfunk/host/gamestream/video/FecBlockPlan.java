package io.punktfunk.host.gamestream.video;

/**
 * How one frame's data shards split into FEC blocks and how much parity each gets
 * (gamestream.md §6.4). Reused per frame: {@link #plan} overwrites the previous frame's answer.
 *
 * <ul>
 *   <li>A block holds at most {@code 255 × 100 / (100 + pct)} data shards, so that its parity fits
 *       k + m ≤ 255 (GF(2^8)). A frame needing more than 4 blocks (the header's 2-bit block
 *       count) goes out in 4 blocks without FEC.</li>
 *   <li>Blocks are equal in size (rounded up to whole shards); the last takes the rest.</li>
 *   <li>m = ⌈k · pct / 100⌉, raised to the client's minimum parity. The header carries a
 *       percentage, not m: after raising it becomes ⌊100 · m / k⌋, and the client recomputes
 *       m = ⌈k · pct / 100⌉ from it, so every block is checked to round-trip.</li>
 * </ul>
 */
final class FecBlockPlan {
    /** Blocks per frame: the header's block count has 2 bits. */
    static final int MAX_BLOCKS = 4;
    /** k + m of one GF(2^8) block. */
    static final int MAX_BLOCK_SHARDS = 255;
    /** The header's shard index has 10 bits. */
    static final int MAX_SHARDS_PER_BLOCK = 1023;

    private final int[] dataShards = new int[MAX_BLOCKS];
    private final int[] parityShards = new int[MAX_BLOCKS];
    private final int[] percent = new int[MAX_BLOCKS];
    private int blocks;
    private boolean fecOff;

    /**
     * Plans a frame of {@code totalDataShards} (≥ 1).
     *
     * @return false if the frame is too large to send at all (a block over 1023 shards)
     */
    boolean plan(int totalDataShards, int fecPercent, int minParity) {
        if (totalDataShards < 1) {
            throw new IllegalArgumentException("a frame has at least one data shard");
        }
        int pct = fecPercent;
        int maxData = MAX_BLOCK_SHARDS * 100 / (100 + pct);
        int count = ceilDiv(totalDataShards, maxData);
        fecOff = false;
        if (count > MAX_BLOCKS) {
            pct = 0;
            count = MAX_BLOCKS;
            fecOff = fecPercent != 0;
        }
        int perBlock = ceilDiv(totalDataShards, count);
        if (perBlock > MAX_SHARDS_PER_BLOCK) {
            blocks = 0;
            return false;
        }
        count = ceilDiv(totalDataShards, perBlock); // never an empty last block
        blocks = count;
        for (int b = 0; b < count; b++) {
            int k = b < count - 1 ? perBlock : totalDataShards - perBlock * (count - 1);
            dataShards[b] = k;
            planParity(b, k, pct, minParity);
        }
        return true;
    }

    private void planParity(int b, int k, int pct, int minParity) {
        if (pct == 0) {
            parityShards[b] = 0;
            percent[b] = 0;
            return;
        }
        int m = ceilDiv(k * pct, 100);
        int written = pct;
        if (m < minParity) {
            m = Math.min(minParity, MAX_BLOCK_SHARDS - k);
            written = 100 * m / k;
        }
        written = Math.min(written, 255); // 8 bits in fecInfo
        // what the client will compute from the header is what we send
        parityShards[b] = Math.min(ceilDiv(k * written, 100), MAX_BLOCK_SHARDS - k);
        percent[b] = written;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Blocks of the planned frame (1..4). */
    int blocks() {
        return blocks;
    }

    /** Data shards (k) of block {@code b}. */
    int dataShards(int b) {
        return dataShards[b];
    }

    /** Parity shards (m) of block {@code b}. */
    int parityShards(int b) {
        return parityShards[b];
    }

    /** The FEC percentage block {@code b}'s headers carry. */
    int percent(int b) {
        return percent[b];
    }

    /** Whether FEC was turned off for this frame because it needed more than 4 blocks. */
    boolean fecOff() {
        return fecOff;
    }
}
