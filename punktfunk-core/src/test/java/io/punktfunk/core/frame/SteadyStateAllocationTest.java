package io.punktfunk.core.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.wire.PacketSlab;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pins "no allocation per packet in steady state" with the JVM's per-thread allocation counter:
 * packetize + reassemble (with one FEC repair per frame) must allocate nothing at all, and so must
 * the sealed path (AES-GCM seal and open on the zero-allocation engine).
 */
class SteadyStateAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int SHARD = 1408;
    private static final int FRAME_BYTES = 30_000;
    private static final FecConfig FEC = new FecConfig(FecScheme.GF16_LEOPARD, 10, 4096);
    private static final long WARMUP_DEADLINE_NS = 60_000_000_000L;

    @Test
    void packetizeAndReassembleAllocateNothingPerPacket() {
        packetizeAndReassemble(new SingleParityTestCoder(FecScheme.GF16_LEOPARD),
                new SingleParityTestCoder(FecScheme.GF16_LEOPARD));
    }

    @Test
    void withTheRealCoderEncodeAndRepairAllocateNothingPerPacketEither() {
        packetizeAndReassemble(ErasureCoders.create(FecScheme.GF16_LEOPARD), ErasureCoders.create(FecScheme.GF16_LEOPARD));
    }

    private static void packetizeAndReassemble(ErasureCoder sendCoder, ErasureCoder receiveCoder) {
        DataPlaneCounters counters = new DataPlaneCounters();
        ReassemblerLimits limits = ReassemblerLimits.from(FEC, SHARD, 1 << 20);
        Packetizer packetizer = new Packetizer(FEC, SHARD, 1 << 20, sendCoder);
        Reassembler reassembler = new Reassembler(limits, receiveCoder, counters);
        PacketSlab batch = new PacketSlab(packetizer.datagramBytes(), 64);
        ReassembledFrame out = new ReassembledFrame();
        byte[] frame = PacketLayerKit.frame(new SplittableRandom(5), FRAME_BYTES);
        int[] index = {0};

        Runnable oneFrame = () -> {
            int i = index[0]++;
            long now = i * 16_666_667L;
            int n = packetizer.packetize(frame, 0, frame.length, i, now, 0, false, batch);
            int lost = i % 22;
            for (int p = 0; p < n; p++) {
                if (p != lost && limits.check(batch.segment(), batch.offset(p), batch.length(p)) == null) {
                    reassembler.accept(batch.array(), batch.offset(p), now);
                }
            }
            reassembler.poll(now, out);
        };
        long packetsPerFrame = 22 + 3 - 1;
        for (int i = 0; i < 5000; i++) {
            oneFrame.run();
        }
        int frames = 1000;
        long[] windows = allocatedPerWindow(oneFrame, frames);
        System.out.printf("packetize+reassemble (%s): bytes allocated per %d packets, by window: %s%n",
                sendCoder.getClass().getSimpleName(), frames * packetsPerFrame, java.util.Arrays.toString(windows));
        long frameCount = 5000 + (long) windows.length * frames;
        assertThat(counters.get(DataPlaneCounter.FRAMES_COMPLETED)).isEqualTo(frameCount);
        assertThat(counters.get(DataPlaneCounter.FEC_RECOVERED_SHARDS)).isEqualTo(frameCount);
        // Any per-packet allocation would show in every window (≥ 24 000 bytes each); a late JIT
        // compile on a busy machine may dirty one window, so the quietest window must be clean.
        assertThat(java.util.Arrays.stream(windows).min().orElseThrow()).isZero();
    }

    @Test
    void sealAndOpenAllocateNothingPerPacketEither() {
        PacketLayerKit kit = new PacketLayerKit(FEC, SHARD, 1 << 20, new SingleParityTestCoder(FecScheme.GF16_LEOPARD),
                new SingleParityTestCoder(FecScheme.GF16_LEOPARD));
        byte[] frame = PacketLayerKit.frame(new SplittableRandom(6), FRAME_BYTES);
        int[] index = {0};
        Runnable oneFrame = () -> {
            int i = index[0]++;
            long now = i * 16_666_667L;
            int n = kit.sender.submit(frame, 0, frame.length, i, now, 0, false, kit.batch);
            for (int p = 0; p < n; p++) {
                kit.receiver.onDatagram(kit.batch.array(), kit.batch.offset(p), kit.batch.length(p), now);
            }
            kit.receiver.poll(now, kit.out);
        };
        for (int i = 0; i < 5000; i++) {
            oneFrame.run();
        }
        int frames = 1000;
        long[] windows = allocatedPerWindow(oneFrame, frames);
        System.out.printf("sealed path: bytes allocated per %d packets, by window: %s%n", frames * 25L,
                java.util.Arrays.toString(windows));
        assertThat(kit.count(DataPlaneCounter.FRAMES_COMPLETED)).isEqualTo(5000 + (long) windows.length * frames);
        assertThat(kit.count(DataPlaneCounter.PACKETS_DROPPED)).isZero();
        assertThat(java.util.Arrays.stream(windows).min().orElseThrow()).isZero();
    }

    /**
     * Bytes allocated by this thread in each window of {@code frames} frames: six windows, and more
     * (up to {@link #WARMUP_DEADLINE_NS}) until one allocated nothing, because on a loaded machine
     * C2 may take seconds to compile the vector kernels (code runs boxed until it has) and the
     * AES-GCM path (its method handles are inlined only once compiled).
     */
    private static long[] allocatedPerWindow(Runnable oneFrame, int frames) {
        long deadline = System.nanoTime() + WARMUP_DEADLINE_NS;
        long[] windows = new long[10_000]; // allocated up front: growing it would count as ours
        int n = 0;
        long min = Long.MAX_VALUE;
        while (n < 6 || (min > 0 && System.nanoTime() - deadline < 0 && n < windows.length)) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < frames; i++) {
                oneFrame.run();
            }
            windows[n] = THREADS.getCurrentThreadAllocatedBytes() - before;
            min = Math.min(min, windows[n++]);
        }
        return java.util.Arrays.copyOf(windows, n);
    }
}
