package io.punktfunk.core.frame;

import java.util.Arrays;

/**
 * One frame being reassembled: its pinned geometry, per-block progress and the shard buffers
 * received or restored so far. Pooled by the {@link Reassembler}; arrays keep their capacity
 * across frames. Data shard {@code i} of block {@code b} sits at {@code data[b·K + i]}; block
 * {@code b}'s parity at {@code parity[parityStart[b] + j]}, placed when the block's first packet
 * arrives (each block pins its own m).
 */
final class FrameAssembly {
    static final int FREE = 0;
    static final int ASSEMBLING = 1;
    static final int COMPLETE = 2;
    /** Memory one slot of per-shard state costs, for the in-flight budget (a reference + a flag). */
    static final int STATE_BYTES_PER_DATA_SHARD = 9;
    /** Per-block state: four ints and a flag. */
    static final int STATE_BYTES_PER_BLOCK = 17;
    /** Per-parity-slot state: a reference. */
    static final int STATE_BYTES_PER_PARITY = 8;
    /** Array entries a pooled slot keeps however small the next frame is (~4 MiB of 1408-byte shards). */
    static final int RETAIN_ENTRIES = 4096;

    int state = FREE;
    int frameIndex;
    long ptsNs;
    long frameBytes;
    int userFlags;
    int kindFlags;
    int shardBytes;
    int blockCount;
    int totalData;
    long firstArrivalNs;
    int blocksComplete;
    /** Shard buffers plus state this frame holds against the in-flight budget. */
    long heldBytes;

    byte[][] data = new byte[0][];
    boolean[] received = new boolean[0];
    int[] blockM = new int[0];
    int[] parityStart = new int[0];
    int[] dataHave = new int[0];
    int[] parityHave = new int[0];
    boolean[] blockComplete = new boolean[0];
    byte[][] parity = new byte[0][];
    int parityUsed;

    static long stateBytes(long totalData, int blockCount) {
        return totalData * STATE_BYTES_PER_DATA_SHARD + (long) blockCount * STATE_BYTES_PER_BLOCK;
    }

    void begin(int frameIndex, long ptsNs, long frameBytes, int userFlags, int kindFlags, int shardBytes,
               int blockCount, int totalData, long nowNs) {
        this.state = ASSEMBLING;
        this.frameIndex = frameIndex;
        this.ptsNs = ptsNs;
        this.frameBytes = frameBytes;
        this.userFlags = userFlags;
        this.kindFlags = kindFlags;
        this.shardBytes = shardBytes;
        this.blockCount = blockCount;
        this.totalData = totalData;
        this.firstArrivalNs = nowNs;
        this.blocksComplete = 0;
        this.heldBytes = stateBytes(totalData, blockCount);
        this.parityUsed = 0;
        if (data.length < totalData || oversized(data.length, totalData)) {
            data = new byte[totalData][];
            received = new boolean[totalData];
        } else {
            Arrays.fill(received, 0, totalData, false);
        }
        if (oversized(parity.length, totalData)) {
            parity = new byte[0][];
        }
        if (blockM.length < blockCount || oversized(blockM.length, blockCount)) {
            blockM = new int[blockCount];
            parityStart = new int[blockCount];
            dataHave = new int[blockCount];
            parityHave = new int[blockCount];
            blockComplete = new boolean[blockCount];
        }
        Arrays.fill(blockM, 0, blockCount, -1);
        Arrays.fill(dataHave, 0, blockCount, 0);
        Arrays.fill(parityHave, 0, blockCount, 0);
        Arrays.fill(blockComplete, 0, blockCount, false);
    }

    // A slot that once held a huge frame gives its arrays back, so 128 pooled slots cannot pin
    // 128 maximum-frame states; small differences are kept to avoid churn.
    private static boolean oversized(int capacity, long needed) {
        return capacity > RETAIN_ENTRIES && capacity > 4 * needed;
    }

    /** Places block {@code b}'s {@code m} parity slots after those already placed. */
    void pinBlock(int b, int m) {
        blockM[b] = m;
        parityStart[b] = parityUsed;
        int needed = parityUsed + m;
        if (parity.length < needed) {
            parity = Arrays.copyOf(parity, Math.max(needed, parity.length * 2));
        }
        parityUsed = needed;
        heldBytes += (long) m * STATE_BYTES_PER_PARITY;
    }
}
