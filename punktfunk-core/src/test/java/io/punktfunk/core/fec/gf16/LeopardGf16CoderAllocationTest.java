package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Steady-state decodes that lose as many originals as there are recovery shards allocate nothing,
 * on both ways the locator is evaluated: 1000+100 takes the direct sum, 3552+356 the two
 * transforms. Until C2 has compiled the kernels the Vector API boxes its vectors, so the test runs
 * windows of calls until one allocates nothing and fails if none does within a minute. A vector
 * species the CPU lacks never compiles to registers (512-bit int vectors on AVX2: 13 and 54 MB
 * per decode in the cleanest window), and per-call garbage never goes away, so neither gives a
 * clean window.
 */
class LeopardGf16CoderAllocationTest {
    private static final int CALLS_PER_WINDOW = 20;

    @ParameterizedTest(name = "{0}+{1}@{2}")
    @CsvSource({"1000, 100, 1200", "3552, 356, 1408"})
    void steadyStateDecodeLosingEveryRecoveryShardsWorthAllocatesNothing(int k, int m, int shardBytes) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        LeopardGf16Coder coder = new LeopardGf16Coder();
        SplittableRandom rnd = new SplittableRandom(k);
        byte[][] data = new byte[k][shardBytes];
        for (byte[] shard : data) {
            rnd.nextBytes(shard);
        }
        byte[][] recovery = new byte[m][shardBytes];
        coder.encode(data, k, recovery, m, shardBytes);
        byte[][] shards = new byte[k + m][];
        for (int i = 0; i < k; i++) {
            shards[i] = data[i].clone();
        }
        System.arraycopy(recovery, 0, shards, k, m);
        boolean[] present = new boolean[k + m];
        int step = k / m;

        long cleanestWindow = Long.MAX_VALUE;
        int windows = 0;
        long restored = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (cleanestWindow > 0 && System.nanoTime() < deadline) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int call = 0; call < CALLS_PER_WINDOW; call++) {
                // Lose m originals spread over the block, a different set each call.
                Arrays.fill(present, true);
                for (int i = call % step, lost = 0; lost < m; i += step, lost++) {
                    present[i] = false;
                    Arrays.fill(shards[i], (byte) 0);
                }
                restored += coder.decode(shards, present, k, m, shardBytes);
            }
            cleanestWindow = Math.min(cleanestWindow, threads.getThreadAllocatedBytes(thread) - before);
            windows++;
        }
        System.out.printf("gf16 %d+%d@%d: cleanest of %d windows of %d decodes allocated %d bytes (int lanes %s)%n",
                k, m, shardBytes, windows, CALLS_PER_WINDOW, cleanestWindow,
                IntLanes.VECTORIZED ? IntLanes.COUNT : "scalar");
        assertThat(restored).as("originals restored").isEqualTo((long) windows * CALLS_PER_WINDOW * m);
        assertThat(cleanestWindow).as("bytes allocated by %d decodes in the cleanest window", CALLS_PER_WINDOW).isZero();
        // The lost originals were zeroed before each decode, so this checks every restore.
        for (int i = 0; i < k; i++) {
            assertThat(shards[i]).as("original %d after the decodes", i).isEqualTo(data[i]);
        }
    }
}
