package io.punktfunk.host.gamestream.video;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packetizer's GF(2^8) kernels until C2 has compiled them, before the first frame. Until
 * then the Vector API code runs interpreted, boxes every vector and is slow: measured here, the
 * first frames of an IDR's shape (110 data + 22 parity shards) allocated 4.7 MB each, and the
 * first such encode takes about half a second (fec-gf8.md "Cold start"). The kernel has separate
 * 8-, 4- and 1-row paths, so a round covers a large block (an IDR), a P-frame-sized one and a tiny
 * one. Compilation runs in the background and lags on a busy machine, so rounds continue until
 * {@link #QUIET_ROUNDS} in a row allocate nothing (the kernels are compiled), or the budget ends.
 * The stream runs this while the client is still setting up its control stream.
 */
final class VideoFecWarmup {
    static final long DEFAULT_BUDGET_NS = TimeUnit.SECONDS.toNanos(2);
    /** Consecutive allocation-free rounds that mean "compiled". */
    static final int QUIET_ROUNDS = 20;
    /** Rounds that count as warm where the JVM cannot measure allocation. */
    private static final int BLIND_ROUNDS = 150;

    private VideoFecWarmup() {
    }

    /**
     * Packetizes throw-away frames until the kernels are compiled or {@code budgetNs} has passed
     * after the first round (which also loads and links the Vector API: over 3 s on the loaded
     * build box, once per JVM).
     *
     * @return rounds run
     */
    static int run(int packetSize, long budgetNs) {
        com.sun.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()
                && t.isThreadAllocatedMemoryEnabled() ? t : null;
        // the stream's own shard length: warmed on short shards, C2's code was thrown away again at 1408 bytes
        VideoPacketizer p = new VideoPacketizer(packetSize, 20, 2);
        int payload = packetSize - VideoPacketHeader.RTP_ALLOWANCE;
        byte[] large = new byte[200 * payload];
        int medium = 30 * payload;
        int small = 2 * payload;
        long start = System.nanoTime();
        int rounds = 0;
        int quiet = 0;
        while (System.nanoTime() - start < budgetNs) {
            long before = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
            large[rounds % large.length] = (byte) rounds;
            p.packetize(large, large.length, rounds, VideoFrameHeader.FRAME_TYPE_IDR, 0, 0);
            p.packetize(large, medium, rounds, VideoFrameHeader.FRAME_TYPE_P, 0, 0);
            p.packetize(large, small, rounds, VideoFrameHeader.FRAME_TYPE_P, 0, 0);
            rounds++;
            if (rounds == 1) {
                start = System.nanoTime();
            }
            if (threads == null) {
                if (rounds >= BLIND_ROUNDS) {
                    break;
                }
            } else if (threads.getCurrentThreadAllocatedBytes() - before == 0) {
                if (++quiet >= QUIET_ROUNDS) {
                    break;
                }
            } else {
                quiet = 0;
            }
        }
        return rounds;
    }
}
