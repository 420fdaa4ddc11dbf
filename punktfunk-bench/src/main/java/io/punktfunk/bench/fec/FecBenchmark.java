package io.punktfunk.bench.fec;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.ErasureCoders;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-thread encode and decode of one FEC block, buffers reused across calls as the data plane
 * does. Decode loses m originals spread over the block and restores them from all m recovery
 * shards.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FecBenchmark {

    /** Shape in {@link FecBenchShape} form. */
    @Param("gf16:100+20@1200")
    public String shape;

    private ErasureCoder coder;
    private int k;
    private int m;
    private int shardBytes;
    private byte[][] originals;
    private byte[][] recovery;
    private byte[][] shards;
    private boolean[] present;

    @Setup(Level.Trial)
    public void setUp() {
        FecBenchShape s = FecBenchShape.parse(shape);
        k = s.k();
        m = s.m();
        shardBytes = s.shardBytes();
        coder = ErasureCoders.create(s.scheme());
        SplittableRandom rnd = new SplittableRandom(42);
        originals = new byte[k][shardBytes];
        for (byte[] o : originals) {
            rnd.nextBytes(o);
        }
        recovery = new byte[m][shardBytes];
        coder.encode(originals, k, recovery, m, shardBytes);

        shards = new byte[k + m][];
        present = new boolean[k + m];
        for (int i = 0; i < k; i++) {
            shards[i] = originals[i].clone();
            present[i] = true;
        }
        for (int j = 0; j < m; j++) {
            shards[k + j] = recovery[j];
            present[k + j] = true;
        }
        int lose = Math.min(m, k);
        int step = Math.max(1, k / lose);
        for (int i = 0, lost = 0; i < k && lost < lose; i += step, lost++) {
            present[i] = false;
        }
        int restored = coder.decode(shards, present, k, m, shardBytes);
        for (int i = 0; i < k; i++) {
            if (!java.util.Arrays.equals(shards[i], originals[i])) {
                throw new IllegalStateException(shape + ": decode restored original " + i + " wrongly");
            }
        }
        if (restored != lose) {
            throw new IllegalStateException(shape + ": decode restored " + restored + ", expected " + lose);
        }
        untilCompiled();
    }

    /**
     * Calls encode and decode in windows until a window allocates nothing (bounded at two
     * minutes). Until C2 has compiled the kernels the Vector API runs boxed and allocates on every
     * operation; that takes 5–20 s of a single loaded core, longer than JMH's warm-up, so forks
     * used to measure whichever phase they were in (issue 18). Zero allocation is the signal the
     * allocation tests use, independent of how fast the machine or how busy the core is.
     */
    private void untilCompiled() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + 120_000_000_000L;
        long window = Long.MAX_VALUE;
        while (window > 0 && System.nanoTime() < deadline) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 8; i++) {
                coder.encode(originals, k, recovery, m, shardBytes);
                coder.decode(shards, present, k, m, shardBytes);
            }
            window = threads.getCurrentThreadAllocatedBytes() - before;
        }
    }

    @Benchmark
    public byte[][] encode() {
        coder.encode(originals, k, recovery, m, shardBytes);
        return recovery;
    }

    @Benchmark
    public int decode() {
        return coder.decode(shards, present, k, m, shardBytes);
    }
}
