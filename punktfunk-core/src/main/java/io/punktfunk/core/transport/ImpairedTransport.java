package io.punktfunk.core.transport;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Wraps any {@link Transport} and impairs what it sends: seeded random loss, Gilbert-Elliott
 * burst loss, every-n-th loss, a token-bucket rate cap, bit-flip corruption, duplication and
 * hold-and-release reordering (see {@link ImpairmentConfig}). Receiving passes straight through.
 *
 * <p>Surviving datagrams are copied into an internal batch (so the caller's batch is never
 * modified) and sent through the inner transport. Each impairment is counted in
 * {@link #impairmentStats()}; {@link #stats()} is the inner transport's. The clock is injected so
 * tests can step the rate cap and hold timeouts by hand.
 */
public final class ImpairedTransport extends ForwardingTransport {

    private static final int OUT_CAPACITY = 256;
    private static final int HOLD_CAPACITY = 256;

    private final ImpairmentConfig config;
    private final LongSupplier clock;
    private final SplittableRandom random;
    private final TransportStats impairments = new TransportStats();
    private final DatagramBatch out = new DatagramBatch(OUT_CAPACITY, DatagramBatch.MAX_DATAGRAM_BYTES);

    private final MemorySegment heldSlab;
    private final MemorySegment heldAddresses;
    private final int[] heldLength = new int[HOLD_CAPACITY];
    private final long[] heldReleaseSeq = new long[HOLD_CAPACITY];
    private final long[] heldDeadlineNs = new long[HOLD_CAPACITY];
    private int heldHead;
    private int heldSize;

    private long seq;
    private boolean burstBad;
    private double tokens;
    private long tokensAtNs;
    private long innerDropped;

    /** Impairs {@code inner} with {@code config}, timed by {@link System#nanoTime()}. */
    public ImpairedTransport(Transport inner, ImpairmentConfig config) {
        this(inner, config, System::nanoTime);
    }

    /** Impairs {@code inner} with {@code config}, timed by {@code nanoClock}. */
    public ImpairedTransport(Transport inner, ImpairmentConfig config, LongSupplier nanoClock) {
        super(inner);
        this.config = Objects.requireNonNull(config);
        this.clock = Objects.requireNonNull(nanoClock);
        this.random = new SplittableRandom(config.seed());
        Arena arena = Arena.ofAuto();
        this.heldSlab = arena.allocate((long) HOLD_CAPACITY * DatagramBatch.MAX_DATAGRAM_BYTES, 64);
        this.heldAddresses = arena.allocate((long) HOLD_CAPACITY * SocketAddresses.STRIDE, 8);
        this.tokens = config.rateBurstBytes();
        this.tokensAtNs = clock.getAsLong();
    }

    /**
     * Impairs and sends {@code [from, to)}.
     *
     * @return datagrams taken (impairment losses count as taken, as on a lossy link) minus those
     *         the inner transport dropped
     */
    @Override
    public int sendBatch(DatagramBatch batch, int from, int to) {
        Objects.checkFromToIndex(from, to, batch.count());
        long nowNs = clock.getAsLong();
        long droppedBefore = innerDropped;
        out.clear();
        releaseHeld(nowNs, false);
        for (int i = from; i < to; i++) {
            seq++;
            releaseHeld(nowNs, false);
            int len = batch.length(i);
            if (lost()) {
                impairments.increment(TransportCounter.IMPAIR_DROPPED);
                continue;
            }
            if (config.rateBytesPerSecond() > 0 && !takeTokens(len, nowNs)) {
                impairments.increment(TransportCounter.IMPAIR_RATE_DROPPED);
                continue;
            }
            boolean corrupt = config.corruptRate() > 0 && random.nextDouble() < config.corruptRate();
            if (config.reorderRate() > 0 && heldSize < HOLD_CAPACITY && random.nextDouble() < config.reorderRate()) {
                hold(batch, i, nowNs, corrupt);
                continue;
            }
            if (out.count() > OUT_CAPACITY - 2) {
                flush(); // room for the datagram and a possible duplicate of it
            }
            int o = emit(batch.slab(), batch.offset(i), len, batch.addresses(), batch.addressOffset(i));
            if (corrupt) {
                flipBits(out.slab(), out.offset(o), len);
            }
            if (config.duplicateRate() > 0 && random.nextDouble() < config.duplicateRate()) {
                emit(out.slab(), out.offset(o), len, out.addresses(), out.addressOffset(o));
                impairments.increment(TransportCounter.IMPAIR_DUPLICATED);
            }
        }
        flush();
        long lostInside = innerDropped - droppedBefore;
        return (int) Math.max(0, (to - from) - lostInside);
    }

    /** Sends every held-back datagram now (e.g. at the end of a test run). */
    public void releaseAllHeld() {
        out.clear();
        releaseHeld(clock.getAsLong(), true);
        flush();
    }

    /** Datagrams currently held back for reordering. */
    public int heldCount() {
        return heldSize;
    }

    private boolean lost() {
        int nth = config.dropEveryNth();
        if (nth > 0 && seq % nth == 0) {
            return true;
        }
        if (config.burstEnterRate() > 0) {
            burstBad = burstBad ? random.nextDouble() >= config.burstExitRate()
                    : random.nextDouble() < config.burstEnterRate();
            if (burstBad && random.nextDouble() < config.burstLossRate()) {
                return true;
            }
        }
        return config.lossRate() > 0 && random.nextDouble() < config.lossRate();
    }

    private boolean takeTokens(int len, long nowNs) {
        long elapsed = nowNs - tokensAtNs;
        if (elapsed > 0) {
            tokens = Math.min(config.rateBurstBytes(), tokens + elapsed * (config.rateBytesPerSecond() / 1e9));
            tokensAtNs = nowNs;
        }
        if (tokens < len) {
            return false;
        }
        tokens -= len;
        return true;
    }

    private void hold(DatagramBatch batch, int i, long nowNs, boolean corrupt) {
        int slot = (heldHead + heldSize) % HOLD_CAPACITY;
        int len = batch.length(i);
        long off = (long) slot * DatagramBatch.MAX_DATAGRAM_BYTES;
        MemorySegment.copy(batch.slab(), batch.offset(i), heldSlab, off, len);
        SocketAddresses.copy(batch.addresses(), batch.addressOffset(i), heldAddresses,
                (long) slot * SocketAddresses.STRIDE);
        if (corrupt) {
            flipBits(heldSlab, off, len);
        }
        heldLength[slot] = len;
        heldReleaseSeq[slot] = seq + config.reorderDistance();
        heldDeadlineNs[slot] = nowNs + config.reorderMaxHoldNs();
        heldSize++;
        impairments.increment(TransportCounter.IMPAIR_REORDERED);
    }

    /** Emits held datagrams that are due, oldest first (all share one distance, so FIFO works). */
    private void releaseHeld(long nowNs, boolean all) {
        while (heldSize > 0) {
            int slot = heldHead;
            if (!all && heldReleaseSeq[slot] > seq && heldDeadlineNs[slot] - nowNs > 0) {
                return;
            }
            emit(heldSlab, (long) slot * DatagramBatch.MAX_DATAGRAM_BYTES, heldLength[slot],
                    heldAddresses, (long) slot * SocketAddresses.STRIDE);
            heldHead = (heldHead + 1) % HOLD_CAPACITY;
            heldSize--;
        }
    }

    private int emit(MemorySegment src, long srcOff, int len, MemorySegment addr, long addrOff) {
        if (out.isFull()) {
            flush();
        }
        int o = out.add(len);
        MemorySegment.copy(src, srcOff, out.slab(), out.offset(o), len);
        SocketAddresses.copy(addr, addrOff, out.addresses(), out.addressOffset(o));
        return o;
    }

    private void flush() {
        int n = out.count();
        if (n > 0) {
            innerDropped += n - inner.sendBatch(out, 0, n);
            out.clear();
        }
    }

    private void flipBits(MemorySegment seg, long off, int len) {
        if (len == 0) {
            return;
        }
        for (int b = 0; b < config.corruptBits(); b++) {
            int bit = random.nextInt(len * 8);
            long at = off + (bit >>> 3);
            seg.set(ValueLayout.JAVA_BYTE, at, (byte) (seg.get(ValueLayout.JAVA_BYTE, at) ^ (1 << (bit & 7))));
        }
        impairments.increment(TransportCounter.IMPAIR_CORRUPTED);
    }

    /** The impairment counters ({@code IMPAIR_*}). */
    public TransportStats impairmentStats() {
        return impairments;
    }

    @Override
    public String backendName() {
        return "impaired " + inner.backendName();
    }

    @Override
    public void close() {
        out.close();
        inner.close();
    }
}
