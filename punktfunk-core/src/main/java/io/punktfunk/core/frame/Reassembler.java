package io.punktfunk.core.frame;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Rebuilds frames from opened media datagrams within fixed bounds (punktfunk-reference.md §1.9).
 *
 * <pre>
 *  datagram (checked by ReassemblerLimits.check, opened)
 *     │
 *     ├─ frame abandoned, or > lossWindowFrames behind the newest ────────────────► DROP_STALE
 *     ├─ frame delivered ────────────────────────────────────────────────────────► PACKETS_UNNEEDED
 *     ├─ header ≠ geometry the frame / block pinned ───────────────────────────────► DROP_MISMATCH
 *     ├─ block already complete ─► original restored by FEC? FEC_LATE_SHARDS : PACKETS_UNNEEDED
 *     ├─ shard already held ─────────────────────────────────────────────────────► DROP_DUPLICATE
 *     ├─ no frame slot / storing (+ restoring) would exceed the budget ───────────► DROP_BUDGET
 *     └─ store ─► data == k: block done │ data + parity ≥ k: reconstruct ─► all blocks done?
 *                                                                    └─► delivery queue ─► poll()
 *  expire(now): frames older than lossWindowNs since their first packet ─► FRAMES_DROPPED
 * </pre>
 *
 * <p>Frames are delivered in <b>completion order</b> (lowest latency; with data-first sending that is
 * index order unless the network reorders across frames), each at most once, truncated to frame
 * bytes. Every rejected datagram is counted under one reason; none throws. The clock is passed in
 * ({@code nowNs}), so tests step it by hand. The last {@code 2 × lossWindowFrames} finished frames
 * are remembered, so a straggler can never start a delivered or abandoned frame again. Steady
 * state allocates nothing: frame slots, shard buffers and the FEC views are pooled. Not
 * thread-safe: one receive thread owns it.
 */
public final class Reassembler {
    private final ReassemblerLimits limits;
    private final ErasureCoder coder;
    private final DataPlaneCounters counters;
    private final ShardPool pool;

    private final FrameAssembly[] active;
    private int activeCount;
    private final FrameAssembly[] spare;
    private int spareCount;
    private FrameAssembly lastHit;

    private final FrameAssembly[] delivery;
    private int deliveryHead;
    private int deliveryCount;

    private static final int NOT_FINISHED = 0;
    private static final int FINISHED_DELIVERED = 1;
    private static final int FINISHED_ABANDONED = 2;
    private final int[] finished;
    private final boolean[] finishedDelivered;
    private int finishedNext;
    private int finishedCount;

    private boolean hasNewest;
    private int newestIndex;
    private long inFlightBytes;

    private final byte[][] views;
    private final boolean[] present;

    private byte[] viewArray;
    private MemorySegment view = MemorySegment.NULL;

    public Reassembler(ReassemblerLimits limits, ErasureCoder coder, DataPlaneCounters counters) {
        if (coder == null || coder.scheme() != limits.scheme()) {
            throw new IllegalArgumentException("reassembler needs a coder for " + limits.scheme().vectorName());
        }
        this.limits = limits;
        this.coder = coder;
        this.counters = counters;
        this.pool = new ShardPool(limits.inFlightBudgetBytes());
        this.active = new FrameAssembly[limits.maxFramesInFlight()];
        this.spare = new FrameAssembly[limits.maxFramesInFlight()];
        this.delivery = new FrameAssembly[limits.maxFramesInFlight()];
        this.finished = new int[2 * limits.lossWindowFrames()];
        this.finishedDelivered = new boolean[finished.length];
        this.views = new byte[limits.maxTotalShards()][];
        this.present = new boolean[limits.maxTotalShards()];
    }

    public ReassemblerLimits limits() {
        return limits;
    }

    /** Shard buffers and per-frame state currently held by unfinished and undelivered frames. */
    public long inFlightBytes() {
        return inFlightBytes;
    }

    /** Frames assembling or awaiting {@link #poll}. */
    public int framesInFlight() {
        return activeCount;
    }

    /**
     * Takes one opened datagram whose header passed {@link ReassemblerLimits#check}.
     *
     * @param buf   holds the datagram; the shard at {@code off + HEADER_LENGTH} is plaintext
     * @param off   start of the datagram
     * @param nowNs the receive clock
     * @return true if accepted (stored, or counted as a late original); false if not needed or
     *         dropped (counted either way)
     */
    public boolean accept(byte[] buf, int off, long nowNs) {
        MemorySegment s = view(buf);
        int index = MediaHeaderFlyweight.frameIndex(s, off);
        FrameAssembly a = find(index);
        if (a == null) {
            if (hasNewest && newestIndex - index > limits.lossWindowFrames()) {
                return drop(DataPlaneCounter.DROP_STALE);
            }
            int finishedAs = finishedAs(index);
            if (finishedAs == FINISHED_DELIVERED) {
                return unneeded();
            }
            if (finishedAs == FINISHED_ABANDONED) {
                return drop(DataPlaneCounter.DROP_STALE);
            }
            expire(nowNs);
            a = begin(s, off, index, nowNs);
            if (a == null) {
                return drop(DataPlaneCounter.DROP_BUDGET);
            }
        } else if (!pinnedMatches(a, s, off)) {
            return drop(DataPlaneCounter.DROP_MISMATCH);
        }
        lastHit = a;
        return place(a, s, buf, off);
    }

    /**
     * Whether a datagram is certainly of no use, judged from its header alone so the caller can
     * skip the AES-GCM open: parity of a block already complete, or any shard of a frame already
     * delivered. With data-first sending that is most parity on a clean link. Reads state only;
     * an unauthenticated header can make a datagram skipped, never change what is stored.
     */
    public boolean isUnneeded(MemorySegment s, long off) {
        int index = MediaHeaderFlyweight.frameIndex(s, off);
        FrameAssembly a = find(index);
        if (a == null) {
            return finishedAs(index) == FINISHED_DELIVERED;
        }
        int b = MediaHeaderFlyweight.blockIndex(s, off);
        return b < a.blockCount && a.blockComplete[b]
                && MediaHeaderFlyweight.shardIndex(s, off) >= MediaHeaderFlyweight.dataShards(s, off);
    }

    /** Counts a datagram the caller skipped because {@link #isUnneeded} said so. */
    public void countUnneeded() {
        unneeded();
    }

    /**
     * Expires overdue frames, then copies the earliest-completed frame into {@code out} and frees it.
     *
     * @return true if a frame was delivered
     */
    public boolean poll(long nowNs, ReassembledFrame out) {
        expire(nowNs);
        if (deliveryCount == 0) {
            return false;
        }
        FrameAssembly a = delivery[deliveryHead];
        delivery[deliveryHead] = null;
        deliveryHead = (deliveryHead + 1) % delivery.length;
        deliveryCount--;

        int len = (int) a.frameBytes;
        out.reset(len, a.frameIndex, a.ptsNs, a.userFlags);
        byte[] dst = out.array();
        int shard = a.shardBytes;
        for (int d = 0, pos = 0; pos < len; d++, pos += shard) {
            System.arraycopy(a.data[d], 0, dst, pos, Math.min(shard, len - pos));
        }
        counters.increment(DataPlaneCounter.FRAMES_COMPLETED);
        counters.add(DataPlaneCounter.MEDIA_BYTES_RECEIVED, len);
        finish(a, true);
        return true;
    }

    /** Abandons incomplete frames whose first packet arrived more than the loss window ago. */
    public void expire(long nowNs) {
        for (int i = activeCount - 1; i >= 0; i--) {
            FrameAssembly a = active[i];
            if (a.state == FrameAssembly.ASSEMBLING && nowNs - a.firstArrivalNs > limits.lossWindowNs()) {
                abandon(a);
            }
        }
    }

    private boolean place(FrameAssembly a, MemorySegment s, byte[] buf, int off) {
        int b = MediaHeaderFlyweight.blockIndex(s, off);
        int k = MediaHeaderFlyweight.dataShards(s, off);
        int m = MediaHeaderFlyweight.recoveryShards(s, off);
        int shard = MediaHeaderFlyweight.shardIndex(s, off);
        int kMax = limits.maxDataShardsPerBlock();

        if (a.blockM[b] < 0) {
            long stateBytes = (long) m * FrameAssembly.STATE_BYTES_PER_PARITY;
            if (inFlightBytes + stateBytes + a.shardBytes > limits.inFlightBudgetBytes()) {
                return drop(DataPlaneCounter.DROP_BUDGET);
            }
            a.pinBlock(b, m);
            inFlightBytes += stateBytes;
        } else if (a.blockM[b] != m) {
            return drop(DataPlaneCounter.DROP_MISMATCH);
        }

        boolean isData = shard < k;
        int slot = isData ? b * kMax + shard : a.parityStart[b] + shard - k;
        if (a.blockComplete[b]) {
            if (isData && !a.received[slot]) {
                // Restored by FEC earlier; now the original shows up.
                a.received[slot] = true;
                counters.increment(DataPlaneCounter.FEC_LATE_SHARDS);
                counters.increment(DataPlaneCounter.PACKETS_ACCEPTED);
                return true;
            }
            return unneeded();
        }
        if ((isData ? a.data[slot] : a.parity[slot]) != null) {
            return drop(DataPlaneCounter.DROP_DUPLICATE);
        }

        int dataHave = a.dataHave[b] + (isData ? 1 : 0);
        int parityHave = a.parityHave[b] + (isData ? 0 : 1);
        int missing = dataHave < k && dataHave + parityHave >= k ? k - dataHave : 0;
        int shardBytes = a.shardBytes;
        if (inFlightBytes + (long) shardBytes * (1 + missing) > limits.inFlightBudgetBytes()) {
            return drop(DataPlaneCounter.DROP_BUDGET);
        }
        byte[] stored = pool.take(shardBytes);
        System.arraycopy(buf, off + MediaHeaderFlyweight.HEADER_LENGTH, stored, 0, shardBytes);
        hold(a, shardBytes);
        if (isData) {
            a.data[slot] = stored;
            a.received[slot] = true;
        } else {
            a.parity[slot] = stored;
        }
        a.dataHave[b] = dataHave;
        a.parityHave[b] = parityHave;
        counters.increment(DataPlaneCounter.PACKETS_ACCEPTED);

        if (dataHave == k) {
            completeBlock(a, b);
        } else if (missing > 0) {
            reconstruct(a, b, k, m);
        }
        return true;
    }

    private void reconstruct(FrameAssembly a, int b, int k, int m) {
        int base = b * limits.maxDataShardsPerBlock();
        int shardBytes = a.shardBytes;
        for (int i = 0; i < k; i++) {
            byte[] d = a.data[base + i];
            present[i] = d != null;
            if (d == null) {
                d = pool.take(shardBytes);
                a.data[base + i] = d;
                hold(a, shardBytes);
            }
            views[i] = d;
        }
        int ps = a.parityStart[b];
        for (int j = 0; j < m; j++) {
            views[k + j] = a.parity[ps + j];
            present[k + j] = views[k + j] != null;
        }
        try {
            int restored = coder.decode(views, present, k, m, shardBytes);
            counters.add(DataPlaneCounter.FEC_RECOVERED_SHARDS, restored);
            completeBlock(a, b);
        } catch (RuntimeException e) {
            // The shapes were validated, so this is a coder failure; the frame cannot be trusted.
            abandon(a);
        } finally {
            Arrays.fill(views, 0, k + m, null);
        }
    }

    private void completeBlock(FrameAssembly a, int b) {
        int ps = a.parityStart[b];
        for (int j = 0, m = a.blockM[b]; j < m; j++) {
            byte[] p = a.parity[ps + j];
            if (p != null) {
                a.parity[ps + j] = null;
                release(a, p);
            }
        }
        a.blockComplete[b] = true;
        if (++a.blocksComplete == a.blockCount) {
            a.state = FrameAssembly.COMPLETE;
            delivery[(deliveryHead + deliveryCount) % delivery.length] = a;
            deliveryCount++;
        }
    }

    private FrameAssembly begin(MemorySegment s, long off, int index, long nowNs) {
        long frameBytes = MediaHeaderFlyweight.frameBytes(s, off);
        int shardBytes = MediaHeaderFlyweight.shardBytes(s, off);
        int blockCount = MediaHeaderFlyweight.blockCount(s, off);
        long totalData = FrameGeometry.totalDataShards(frameBytes, shardBytes);
        long stateBytes = FrameAssembly.stateBytes(totalData, blockCount);
        if (activeCount == active.length || inFlightBytes + stateBytes > limits.inFlightBudgetBytes()) {
            return null;
        }
        FrameAssembly a = spareCount > 0 ? spare[--spareCount] : new FrameAssembly();
        a.begin(index, MediaHeaderFlyweight.ptsNs(s, off), frameBytes, MediaHeaderFlyweight.userFlags(s, off),
                kind(MediaHeaderFlyweight.flags(s, off)), shardBytes, blockCount, (int) totalData, nowNs);
        inFlightBytes += a.heldBytes;
        active[activeCount++] = a;
        if (!hasNewest || index - newestIndex > 0) {
            hasNewest = true;
            newestIndex = index;
            abandonBehind(index);
        }
        return a;
    }

    private void abandonBehind(int newest) {
        for (int i = activeCount - 1; i >= 0; i--) {
            FrameAssembly a = active[i];
            if (a.state == FrameAssembly.ASSEMBLING && newest - a.frameIndex > limits.lossWindowFrames()) {
                abandon(a);
            }
        }
    }

    private void abandon(FrameAssembly a) {
        counters.increment(DataPlaneCounter.FRAMES_DROPPED);
        finish(a, false);
    }

    // Releases everything the frame holds, remembers its index so stragglers stay dead, and frees the slot.
    private void finish(FrameAssembly a, boolean delivered) {
        for (int d = 0; d < a.totalData; d++) {
            byte[] buf = a.data[d];
            if (buf != null) {
                a.data[d] = null;
                pool.give(buf);
            }
        }
        for (int p = 0; p < a.parityUsed; p++) {
            byte[] buf = a.parity[p];
            if (buf != null) {
                a.parity[p] = null;
                pool.give(buf);
            }
        }
        inFlightBytes -= a.heldBytes;
        a.heldBytes = 0;
        a.state = FrameAssembly.FREE;
        finished[finishedNext] = a.frameIndex;
        finishedDelivered[finishedNext] = delivered;
        finishedNext = (finishedNext + 1) % finished.length;
        finishedCount = Math.min(finishedCount + 1, finished.length);
        for (int i = 0; i < activeCount; i++) {
            if (active[i] == a) {
                active[i] = active[--activeCount];
                active[activeCount] = null;
                break;
            }
        }
        if (lastHit == a) {
            lastHit = null;
        }
        spare[spareCount++] = a;
    }

    private FrameAssembly find(int index) {
        FrameAssembly hit = lastHit;
        if (hit != null && hit.frameIndex == index) {
            return hit;
        }
        for (int i = 0; i < activeCount; i++) {
            if (active[i].frameIndex == index) {
                return active[i];
            }
        }
        return null;
    }

    private int finishedAs(int index) {
        for (int i = 0; i < finishedCount; i++) {
            if (finished[i] == index) {
                return finishedDelivered[i] ? FINISHED_DELIVERED : FINISHED_ABANDONED;
            }
        }
        return NOT_FINISHED;
    }

    private static boolean pinnedMatches(FrameAssembly a, MemorySegment s, long off) {
        return MediaHeaderFlyweight.frameBytes(s, off) == a.frameBytes
                && MediaHeaderFlyweight.shardBytes(s, off) == a.shardBytes
                && MediaHeaderFlyweight.ptsNs(s, off) == a.ptsNs
                && MediaHeaderFlyweight.userFlags(s, off) == a.userFlags
                && kind(MediaHeaderFlyweight.flags(s, off)) == a.kindFlags;
    }

    private static int kind(int flags) {
        return flags & (MediaHeaderFlyweight.FLAG_PICTURE | MediaHeaderFlyweight.FLAG_PROBE);
    }

    private void hold(FrameAssembly a, int bytes) {
        a.heldBytes += bytes;
        inFlightBytes += bytes;
    }

    private void release(FrameAssembly a, byte[] buf) {
        a.heldBytes -= buf.length;
        inFlightBytes -= buf.length;
        pool.give(buf);
    }

    private boolean unneeded() {
        counters.increment(DataPlaneCounter.PACKETS_UNNEEDED);
        return false;
    }

    private boolean drop(DataPlaneCounter reason) {
        counters.drop(reason);
        return false;
    }

    private MemorySegment view(byte[] buf) {
        if (buf != viewArray) {
            viewArray = buf;
            view = MemorySegment.ofArray(buf);
        }
        return view;
    }
}
