package io.punktfunk.core.fec.gf8;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Steady-state encode and decode allocate nothing. Until C2 has compiled the kernels the Vector
 * API boxes its vectors, so the test runs windows of calls until one allocates nothing, and fails
 * if none does within a minute. A coder that allocated per call (tables, work arrays, matrices)
 * would never produce a clean window.
 */
class CauchyGf8CoderAllocationTest {
    private static final int K = 20;
    private static final int M = 12;
    private static final int LEN = 200;

    @Test
    void steadyStateEncodeAndDecodeAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        CauchyGf8Coder coder = new CauchyGf8Coder();
        SplittableRandom rnd = new SplittableRandom(3);
        byte[][] data = CauchyGf8CoderTest.randomShards(rnd, K, LEN);
        byte[][] parity = new byte[M][LEN];
        byte[][] shards = new byte[K + M][];
        for (int i = 0; i < K; i++) {
            shards[i] = data[i].clone();
        }
        for (int j = 0; j < M; j++) {
            shards[K + j] = parity[j];
        }
        boolean[] present = new boolean[K + M];

        long cleanestWindow = Long.MAX_VALUE;
        // C2 may take several recompiles (inlining decisions change as profiles fill) before the
        // last boxed vector disappears; give it time rather than a fixed number of windows.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (cleanestWindow > 0 && System.nanoTime() < deadline) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int call = 0; call < 500; call++) {
                coder.encode(data, K, parity, M, LEN);
                Arrays.fill(present, true);
                // Lose a varying set of originals, so the recovery matrix is rebuilt on every call.
                for (int n = 0; n < 1 + call % M; n++) {
                    present[(call + 3 * n) % K] = false;
                }
                coder.decode(shards, present, K, M, LEN);
            }
            cleanestWindow = Math.min(cleanestWindow, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertThat(cleanestWindow).as("bytes allocated by 500 encodes + decodes in the cleanest window").isZero();
        for (int i = 0; i < K; i++) {
            assertThat(shards[i]).as("original %d after the decodes", i).isEqualTo(data[i]);
        }
    }
}
