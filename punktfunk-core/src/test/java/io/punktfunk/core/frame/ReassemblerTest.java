package io.punktfunk.core.frame;

import static io.punktfunk.core.stats.DataPlaneCounter.DROP_BUDGET;
import static io.punktfunk.core.stats.DataPlaneCounter.DROP_DUPLICATE;
import static io.punktfunk.core.stats.DataPlaneCounter.DROP_MISMATCH;
import static io.punktfunk.core.stats.DataPlaneCounter.DROP_REPLAY;
import static io.punktfunk.core.stats.DataPlaneCounter.DROP_STALE;
import static io.punktfunk.core.stats.DataPlaneCounter.DROP_TRUNCATED;
import static io.punktfunk.core.stats.DataPlaneCounter.FEC_LATE_SHARDS;
import static io.punktfunk.core.stats.DataPlaneCounter.FEC_RECOVERED_SHARDS;
import static io.punktfunk.core.stats.DataPlaneCounter.FRAMES_COMPLETED;
import static io.punktfunk.core.stats.DataPlaneCounter.FRAMES_DROPPED;
import static io.punktfunk.core.stats.DataPlaneCounter.MEDIA_BYTES_RECEIVED;
import static io.punktfunk.core.stats.DataPlaneCounter.PACKETS_ACCEPTED;
import static io.punktfunk.core.stats.DataPlaneCounter.PACKETS_DROPPED;
import static io.punktfunk.core.stats.DataPlaneCounter.PACKETS_UNNEEDED;
import static io.punktfunk.core.stats.DataPlaneCounter.PROBE_PACKETS_RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReassemblerTest {
    private static final int SHARD = 64;
    private static final int K = 8;
    private static final long MAX_FRAME = 64 * 1024;
    private static final long MS = 1_000_000L;

    private final SplittableRandom rnd = new SplittableRandom(4711);

    private static PacketLayerKit seamKit(int pct) {
        FecConfig fec = new FecConfig(FecScheme.GF16_LEOPARD, pct, K);
        return new PacketLayerKit(fec, SHARD, MAX_FRAME, new SingleParityTestCoder(FecScheme.GF16_LEOPARD),
                new SingleParityTestCoder(FecScheme.GF16_LEOPARD));
    }

    private static void assertDelivered(PacketLayerKit kit, long nowNs, byte[] frame, int index, long pts) {
        assertThat(kit.receiver.poll(nowNs, kit.out)).as("frame %d delivered", index).isTrue();
        assertThat(kit.out.frameIndex()).isEqualTo(index);
        assertThat(kit.out.ptsNs()).isEqualTo(pts);
        assertThat(kit.out.length()).isEqualTo(frame.length);
        assertThat(Arrays.copyOf(kit.out.array(), kit.out.length())).isEqualTo(frame);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 25})
    void inOrderFramesOfEveryShapeArriveWhole(int pct) {
        PacketLayerKit kit = seamKit(pct);
        int[] sizes = {0, 1, SHARD, SHARD + 1, K * SHARD, K * SHARD + 3, 5 * K * SHARD - 1, 20_000};
        long parity = 0;
        for (int i = 0; i < sizes.length; i++) {
            byte[] frame = PacketLayerKit.frame(rnd, sizes[i]);
            int packets = kit.send(frame, 100 + i, 1000L * i);
            parity += packets - Math.max(1, (sizes[i] + SHARD - 1) / SHARD);
            for (byte[] p : kit.packets()) {
                kit.deliver(p, i * MS);
            }
            assertDelivered(kit, i * MS, frame, 100 + i, 1000L * i);
            assertThat(kit.receiver.poll(i * MS, kit.out)).isFalse();
        }
        assertThat(kit.count(FRAMES_COMPLETED)).isEqualTo(sizes.length);
        assertThat(kit.count(PACKETS_DROPPED)).isZero();
        assertThat(kit.count(PACKETS_UNNEEDED)).as("parity after complete data is unneeded, not dropped").isEqualTo(parity);
        assertThat(kit.count(MEDIA_BYTES_RECEIVED)).isEqualTo(Arrays.stream(sizes).asLongStream().sum());
        assertThat(kit.reassembler.inFlightBytes()).isZero();
        kit.assertAccountingBalances();
    }

    @Test
    void interleavedAndShuffledPacketsOfSeveralFramesAllArrive() {
        shuffledFramesAllArrive(seamKit(0));
    }

    @Test
    void shuffledWithParityTheRealCoderRestoresWhateverArrivesFirst() {
        FecConfig fec = new FecConfig(FecScheme.GF16_LEOPARD, 40, K);
        shuffledFramesAllArrive(new PacketLayerKit(fec, SHARD, MAX_FRAME, ErasureCoders.create(FecScheme.GF16_LEOPARD),
                ErasureCoders.create(FecScheme.GF16_LEOPARD)));
    }

    private void shuffledFramesAllArrive(PacketLayerKit kit) {
        List<byte[]> all = new ArrayList<>();
        byte[][] frames = new byte[4][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = PacketLayerKit.frame(rnd, 3000 + 700 * i);
            kit.send(frames[i], i, i);
            all.addAll(Arrays.asList(kit.packets()));
        }
        for (int i = all.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            all.set(j, all.set(i, all.get(j)));
        }
        for (byte[] p : all) {
            kit.deliver(p, 0);
        }
        boolean[] seen = new boolean[frames.length];
        for (int i = 0; i < frames.length; i++) {
            assertThat(kit.receiver.poll(0, kit.out)).isTrue();
            int idx = kit.out.frameIndex();
            assertThat(seen[idx]).isFalse();
            seen[idx] = true;
            assertThat(Arrays.copyOf(kit.out.array(), kit.out.length())).isEqualTo(frames[idx]);
        }
        assertThat(kit.receiver.poll(0, kit.out)).isFalse();
        assertThat(kit.count(PACKETS_DROPPED)).isZero();
        kit.assertAccountingBalances();
    }

    @Test
    void duplicatedDatagramsAreReplaysAndTheFrameArrivesOnce() {
        PacketLayerKit kit = seamKit(0);
        byte[] frame = PacketLayerKit.frame(rnd, 1000);
        int n = kit.send(frame, 1, 1);
        for (byte[] p : kit.packets()) {
            byte[] copy = p.clone();
            kit.deliver(p, 0);
            kit.deliver(copy, 0);
        }
        assertDelivered(kit, 0, frame, 1, 1);
        assertThat(kit.receiver.poll(0, kit.out)).isFalse();
        assertThat(kit.count(DROP_REPLAY)).isEqualTo(n);
        kit.assertAccountingBalances();
    }

    @Test
    void aShardSentTwiceUnderNewSequencesIsADuplicateNotAReplay() {
        PacketLayerKit kit = seamKit(0);
        byte[] frame = PacketLayerKit.frame(rnd, 3 * SHARD);
        kit.packetizeOnly(frame, 1, 1);
        byte[] plain0 = kit.packet(0);
        kit.sealBatch();
        byte[][] first = kit.packets();
        kit.deliver(first[0], 0);
        // Re-seal packet 0 as a fresh sequence (what a buggy sender retransmitting would do).
        System.arraycopy(plain0, 0, kit.batch.array(), kit.batch.offset(0), plain0.length);
        kit.sealer.seal(kit.batch.array(), kit.batch.offset(0), SHARD);
        kit.deliver(kit.packet(0), 0);
        assertThat(kit.count(DROP_DUPLICATE)).isEqualTo(1);
        kit.deliver(first[1], 0);
        kit.deliver(first[2], 0);
        assertDelivered(kit, 0, frame, 1, 1);
        kit.assertAccountingBalances();
    }

    @Test
    void oneLostShardPerBlockIsRestoredAndALateOriginalIsCounted() {
        PacketLayerKit kit = seamKit(25);
        byte[] frame = PacketLayerKit.frame(rnd, 3 * K * SHARD - 10);
        int n = kit.send(frame, 9, 90);
        byte[][] packets = kit.packets();
        int[] lost = {2, K + 5, 2 * K + 7};
        for (int i = 0; i < n; i++) {
            if (Arrays.binarySearch(lost, i) < 0) {
                kit.deliver(packets[i], 0);
            }
        }
        assertThat(kit.count(FEC_RECOVERED_SHARDS)).isEqualTo(3);
        // Originals straggling in before the frame is polled are late, not drops.
        kit.deliver(packets[2], 0);
        assertThat(kit.count(FEC_LATE_SHARDS)).isEqualTo(1);
        assertDelivered(kit, 0, frame, 9, 90);
        kit.deliver(packets[K + 5], 0);
        assertThat(kit.count(PACKETS_UNNEEDED)).isEqualTo(1 + n - 3 * K - (3 * 2 - 3));
        assertThat(kit.count(PACKETS_DROPPED)).isZero();
        kit.assertAccountingBalances();
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 4L})
    void anyLossUpToTheParityCountIsRepairedByTheRealCoder(long seed) {
        FecConfig fec = new FecConfig(FecScheme.GF16_LEOPARD, 50, K);
        PacketLayerKit kit = new PacketLayerKit(fec, SHARD, MAX_FRAME, ErasureCoders.create(FecScheme.GF16_LEOPARD),
                ErasureCoders.create(FecScheme.GF16_LEOPARD));
        SplittableRandom r = new SplittableRandom(seed);
        for (int f = 0; f < 20; f++) {
            byte[] frame = PacketLayerKit.frame(r, 1 + r.nextInt(4 * K * SHARD));
            int n = kit.send(frame, f, f);
            byte[][] packets = kit.packets();
            // Per block, lose exactly m random shards (data or parity).
            boolean[] lose = new boolean[n];
            for (int i = 0; i < n; i++) {
                MediaHeaderFlyweight h = kit.header(i);
                lose[i] = false;
                assertThat(h.recoveryShards()).isGreaterThanOrEqualTo(2);
            }
            int blocks = kit.header(0).blockCount();
            for (int b = 0; b < blocks; b++) {
                List<Integer> ofBlock = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (kit.header(i).blockIndex() == b) {
                        ofBlock.add(i);
                    }
                }
                int m = kit.header(ofBlock.get(0)).recoveryShards();
                for (int c = 0; c < m; c++) {
                    lose[ofBlock.remove(r.nextInt(ofBlock.size()))] = true;
                }
            }
            for (int i = 0; i < n; i++) {
                if (!lose[i]) {
                    kit.deliver(packets[i], f * MS);
                }
            }
            assertDelivered(kit, f * MS, frame, f, f);
        }
        assertThat(kit.count(FRAMES_DROPPED)).as("seed %d", seed).isZero();
        assertThat(kit.count(FEC_RECOVERED_SHARDS)).isPositive();
        kit.assertAccountingBalances();
    }

    @Test
    void lossBeyondParityDropsTheFrameAfterTheLossWindowAndStragglersStayDead() {
        PacketLayerKit kit = seamKit(25);
        byte[] frame = PacketLayerKit.frame(rnd, 6 * SHARD);
        int n = kit.send(frame, 50, 0);
        byte[][] packets = kit.packets();
        for (int i = 3; i < n; i++) { // three of six data shards lost, two parity: beyond repair
            kit.deliver(packets[i], 10 * MS);
        }
        assertThat(kit.reassembler.framesInFlight()).isEqualTo(1);
        assertThat(kit.receiver.poll(10 * MS + ReassemblerLimits.LOSS_WINDOW_NS, kit.out)).isFalse();
        assertThat(kit.count(FRAMES_DROPPED)).as("not yet: the window is inclusive").isZero();
        assertThat(kit.receiver.poll(10 * MS + ReassemblerLimits.LOSS_WINDOW_NS + 1, kit.out)).isFalse();
        assertThat(kit.count(FRAMES_DROPPED)).isEqualTo(1);
        assertThat(kit.reassembler.inFlightBytes()).isZero();
        // The missing originals arrive after all: the frame must not come back.
        kit.deliver(packets[0], 200 * MS);
        kit.deliver(packets[1], 200 * MS);
        kit.deliver(packets[2], 200 * MS);
        assertThat(kit.count(DROP_STALE)).isEqualTo(3);
        assertThat(kit.receiver.poll(200 * MS, kit.out)).isFalse();
        assertThat(kit.reassembler.framesInFlight()).isZero();
        kit.assertAccountingBalances();
    }

    @Test
    void parityStragglingInAfterDeliveryIsUnneededAndNeverRestartsTheFrame() {
        PacketLayerKit kit = seamKit(50);
        byte[] frame = PacketLayerKit.frame(rnd, 5 * SHARD);
        int n = kit.send(frame, 12, 0);
        byte[][] packets = kit.packets();
        for (int i = 0; i < 5; i++) {
            kit.deliver(packets[i], 0);
        }
        assertDelivered(kit, 0, frame, 12, 0);
        for (int i = 5; i < n; i++) {
            assertThat(kit.deliver(packets[i], MS)).isFalse();
        }
        assertThat(kit.count(PACKETS_UNNEEDED)).isEqualTo(n - 5);
        assertThat(kit.count(PACKETS_DROPPED)).isZero();
        // Judged from the header before the open: even a corrupted straggler costs no decrypt.
        byte[] corrupted = packets[n - 1].clone();
        corrupted[100] ^= 1;
        assertThat(kit.deliver(corrupted, MS)).isFalse();
        assertThat(kit.count(PACKETS_UNNEEDED)).isEqualTo(n - 4);
        assertThat(kit.count(PACKETS_DROPPED)).isZero();
        assertThat(kit.reassembler.framesInFlight()).isZero();
        assertThat(kit.receiver.poll(10 * MS, kit.out)).isFalse();
        assertThat(kit.count(FRAMES_COMPLETED)).isEqualTo(1);
        kit.assertAccountingBalances();
    }

    @Test
    void aFrameFarBehindTheNewestIsAbandonedWithoutWaitingForTheClock() {
        PacketLayerKit kit = seamKit(0);
        byte[] lost = PacketLayerKit.frame(rnd, 3 * SHARD);
        kit.send(lost, 1000, 0);
        kit.deliver(kit.packet(0), 0);
        byte[] small = PacketLayerKit.frame(rnd, 10);
        kit.send(small, 1000 + ReassemblerLimits.LOSS_WINDOW_FRAMES, 0);
        kit.deliver(kit.packet(0), 0);
        assertThat(kit.count(FRAMES_DROPPED)).isZero();
        assertDelivered(kit, 0, small, 1000 + ReassemblerLimits.LOSS_WINDOW_FRAMES, 0);
        kit.send(small, 1001 + ReassemblerLimits.LOSS_WINDOW_FRAMES, 0);
        kit.deliver(kit.packet(0), 0);
        assertThat(kit.count(FRAMES_DROPPED)).isEqualTo(1);
        // A first packet of a frame that old is refused outright.
        kit.send(small, 1000, 0);
        kit.deliver(kit.packet(0), 0);
        assertThat(kit.count(DROP_STALE)).isEqualTo(1);
        kit.assertAccountingBalances();
    }

    @Test
    void headersThatContradictThePinnedGeometryAreMismatches() {
        PacketLayerKit kit = seamKit(25);
        byte[] frame = PacketLayerKit.frame(rnd, 4 * SHARD);
        kit.packetizeOnly(frame, 7, 700);
        kit.header(1).ptsNs(701);
        kit.header(2).userFlags(0x10);
        kit.header(3).recoveryShards(3); // block already pinned m = 2
        kit.sealBatch();
        byte[][] packets = kit.packets();
        for (byte[] p : packets) {
            kit.deliver(p, 0);
        }
        assertThat(kit.count(DROP_MISMATCH)).isEqualTo(3);
        // Data 0 plus two parity shards: packet 1..3 lost, so two missing with single parity, not restorable here.
        assertThat(kit.receiver.poll(0, kit.out)).isFalse();
        kit.assertAccountingBalances();
    }

    @Test
    void theInFlightBudgetIsNeverExceeded() {
        FecConfig fec = new FecConfig(FecScheme.GF16_LEOPARD, 0, K);
        long budget = 10 * SHARD + 2 * FrameAssembly.stateBytes(K, 1);
        ReassemblerLimits limits = ReassemblerLimits.from(fec, SHARD, MAX_FRAME).withInFlightBudget(budget);
        PacketLayerKit kit = new PacketLayerKit(fec, SHARD, MAX_FRAME, new SingleParityTestCoder(FecScheme.GF16_LEOPARD),
                new SingleParityTestCoder(FecScheme.GF16_LEOPARD), limits);
        for (int f = 0; f < 5; f++) {
            kit.send(PacketLayerKit.frame(rnd, K * SHARD), f, f);
            byte[][] packets = kit.packets();
            for (int i = 0; i < packets.length - 1; i++) { // never complete, so nothing is freed
                kit.deliver(packets[i], 0);
                assertThat(kit.reassembler.inFlightBytes()).isLessThanOrEqualTo(budget);
            }
        }
        assertThat(kit.count(DROP_BUDGET)).isPositive();
        kit.receiver.poll(ReassemblerLimits.LOSS_WINDOW_NS + 1, kit.out);
        assertThat(kit.reassembler.inFlightBytes()).isZero();
        // Budget is free again: a whole frame now fits.
        byte[] frame = PacketLayerKit.frame(rnd, 3 * SHARD);
        kit.send(frame, 9, 9);
        for (byte[] p : kit.packets()) {
            kit.deliver(p, ReassemblerLimits.LOSS_WINDOW_NS + 2);
        }
        assertDelivered(kit, ReassemblerLimits.LOSS_WINDOW_NS + 2, frame, 9, 9);
        kit.assertAccountingBalances();
    }

    @Test
    void probeFillerIsCountedButNeverReassembled() {
        PacketLayerKit kit = seamKit(0);
        int n = kit.sender.submit(new byte[5 * SHARD], 0, 5 * SHARD, 0, 0, 0, true, kit.batch);
        for (byte[] p : kit.packets()) {
            assertThat(kit.deliver(p, 0)).isTrue();
        }
        assertThat(kit.count(PROBE_PACKETS_RECEIVED)).isEqualTo(n);
        assertThat(kit.count(PACKETS_ACCEPTED)).isEqualTo(n);
        assertThat(kit.reassembler.framesInFlight()).isZero();
        assertThat(kit.receiver.poll(0, kit.out)).isFalse();
        kit.assertAccountingBalances();
    }

    @Test
    void datagramsFromANativeReceiveSlabAreCopiedOutAndOversizeOnesAreTruncationDrops() {
        PacketLayerKit kit = seamKit(0);
        byte[] frame = PacketLayerKit.frame(rnd, 2 * SHARD);
        kit.send(frame, 3, 3);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slab = arena.allocate(4 * kit.batch.stride());
            for (int i = 0; i < kit.batch.count(); i++) {
                byte[] p = kit.packet(i);
                MemorySegment.copy(MemorySegment.ofArray(p), 0, slab, (long) i * kit.batch.stride(), p.length);
                assertThat(kit.receiver.onDatagram(slab, (long) i * kit.batch.stride(), p.length, 0)).isTrue();
            }
            assertThat(kit.receiver.onDatagram(slab, 0, ReassemblerLimits.MAX_DATAGRAM_BYTES + 1, 0)).isFalse();
            assertThat(kit.receiver.onDatagram(slab, slab.byteSize() - 10, 20, 0)).isFalse();
        }
        kit.receiver.onTruncated(9216);
        assertDelivered(kit, 0, frame, 3, 3);
        assertThat(kit.count(DROP_TRUNCATED)).isEqualTo(2);
        kit.assertAccountingBalances();
    }
}
