package io.punktfunk.core.frame;

import static io.punktfunk.core.wire.MediaHeaderFlyweight.FLAG_FIRST;
import static io.punktfunk.core.wire.MediaHeaderFlyweight.FLAG_LAST;
import static io.punktfunk.core.wire.MediaHeaderFlyweight.FLAG_PICTURE;
import static io.punktfunk.core.wire.MediaHeaderFlyweight.FLAG_PROBE;
import static io.punktfunk.core.wire.MediaHeaderFlyweight.HEADER_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.wire.PacketSlab;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketizerTest {
    private static final int SHARD = 64;
    private final SplittableRandom rnd = new SplittableRandom(77);
    private final MediaHeaderFlyweight h = new MediaHeaderFlyweight();

    private MediaHeaderFlyweight header(PacketSlab b, int i) {
        return h.wrap(b.segment(), b.offset(i));
    }

    private static byte[] shard(PacketSlab b, int i) {
        return Arrays.copyOfRange(b.array(), b.offset(i) + HEADER_LENGTH, b.offset(i) + HEADER_LENGTH + SHARD);
    }

    @Test
    void oneByteFrameIsOneZeroPaddedShardWithFirstAndLastFlags() {
        SingleParityTestCoder coder = new SingleParityTestCoder(FecScheme.GF16_LEOPARD);
        Packetizer p = new Packetizer(new FecConfig(FecScheme.GF16_LEOPARD, 0, 8), SHARD, 1 << 20, coder);
        PacketSlab b = new PacketSlab(p.datagramBytes(), 1);
        assertThat(p.packetize(new byte[] {42}, 0, 1, 7, 123L, 0x10, false, b)).isEqualTo(1);
        assertThat(b.count()).isEqualTo(1);
        assertThat(b.length(0)).isEqualTo(SHARD + 60);
        MediaHeaderFlyweight hd = header(b, 0);
        assertThat(hd.flags()).isEqualTo(FLAG_PICTURE | FLAG_FIRST | FLAG_LAST);
        assertThat(new long[] {hd.frameIndex(), hd.ptsNs(), hd.frameBytes(), hd.userFlags(), hd.blockIndex(), hd.blockCount(),
            hd.shardIndex(), hd.dataShards(), hd.recoveryShards(), hd.shardBytes(), hd.fecScheme(), hd.sequence()})
                .containsExactly(7, 123, 1, 0x10, 0, 1, 0, 1, 0, SHARD, 1, 0);
        byte[] s = shard(b, 0);
        assertThat(s[0]).isEqualTo((byte) 42);
        assertThat(Arrays.copyOfRange(s, 1, SHARD)).containsOnly(0);
        assertThat(coder.encodeCalls).isZero();
    }

    @Test
    void emptyFrameStillSendsOneShard() {
        Packetizer p = new Packetizer(new FecConfig(FecScheme.GF16_LEOPARD, 10, 8), SHARD, 1 << 20,
                new SingleParityTestCoder(FecScheme.GF16_LEOPARD));
        PacketSlab b = new PacketSlab(p.datagramBytes(), 1);
        assertThat(p.packetize(new byte[0], 0, 0, 1, 0, 0, false, b)).isEqualTo(3);
        assertThat(header(b, 0).frameBytes()).isZero();
        assertThat(header(b, 0).dataShards()).isEqualTo(1);
        assertThat(header(b, 0).recoveryShards()).isEqualTo(2);
    }

    /** Shapes: frame length in shards (+ extra bytes), K, pct → data shards, block k's, parity per block. */
    @ParameterizedTest(name = "{0} shards + {1} B, K={2}, pct={3}")
    @CsvSource({
        // shards, extra, K, pct, expected data, expected blocks, k of last block, m full block, m last block
        "3, 0, 8, 0, 3, 1, 3, 0, 0",      // exact multiple, no FEC
        "3, 0, 8, 50, 3, 1, 3, 2, 2",     // ceil(1.5)=2
        "8, 0, 8, 5, 8, 1, 8, 2, 2",      // exact K: ceil(0.4)=1 -> minimum 2
        "20, 5, 8, 50, 21, 3, 5, 4, 3",   // multi-block with a short last block
        "16, 0, 8, 50, 16, 2, 8, 4, 4",   // exact multiple of K
        "100, 1, 16, 5, 101, 7, 5, 2, 2", // 5 %: ceil(0.8)=1 -> 2
        "100, 1, 16, 50, 101, 7, 5, 8, 3",
        "1, 0, 8, 90, 1, 1, 1, 2, 2",
    })
    void shapesFollowTheBlockAndParityRules(int shards, int extra, int k0, int pct, int totalData, int blocks,
                                            int lastK, int fullM, int lastM) {
        SingleParityTestCoder coder = new SingleParityTestCoder(FecScheme.GF16_LEOPARD);
        Packetizer p = new Packetizer(new FecConfig(FecScheme.GF16_LEOPARD, pct, k0), SHARD, 1 << 20, coder);
        PacketSlab b = new PacketSlab(p.datagramBytes(), 1);
        byte[] frame = PacketLayerKit.frame(rnd, shards * SHARD + extra);
        int packets = p.packetize(frame, 0, frame.length, 5, 9L, 0, false, b);
        int parity = (blocks - 1) * fullM + lastM;
        assertThat(packets).isEqualTo(b.count()).isEqualTo(totalData + parity);

        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (int i = 0; i < totalData; i++) {
            MediaHeaderFlyweight hd = header(b, i);
            int block = i / k0;
            assertThat(hd.blockIndex()).as("packet %d", i).isEqualTo(block);
            assertThat(hd.blockCount()).isEqualTo(blocks);
            assertThat(hd.shardIndex()).as("data first: packet %d", i).isEqualTo(i % k0);
            assertThat(hd.dataShards()).isEqualTo(block == blocks - 1 ? lastK : k0);
            assertThat(hd.recoveryShards()).isEqualTo(block == blocks - 1 ? lastM : fullM);
            payload.writeBytes(shard(b, i));
        }
        byte[] all = payload.toByteArray();
        assertThat(Arrays.copyOf(all, frame.length)).isEqualTo(frame);
        for (int x = frame.length; x < all.length; x++) {
            assertThat(all[x]).as("padding byte %d", x).isZero();
        }

        int i = totalData;
        for (int block = 0; block < blocks; block++) {
            int k = block == blocks - 1 ? lastK : k0;
            int m = block == blocks - 1 ? lastM : fullM;
            byte[] xor = new byte[SHARD];
            for (int d = 0; d < k; d++) {
                byte[] s = shard(b, block * k0 + d);
                for (int x = 0; x < SHARD; x++) {
                    xor[x] ^= s[x];
                }
            }
            for (int j = 0; j < m; j++, i++) {
                MediaHeaderFlyweight hd = header(b, i);
                assertThat(hd.blockIndex()).isEqualTo(block);
                assertThat(hd.shardIndex()).isEqualTo(k + j);
                assertThat(shard(b, i)).as("parity of block %d", block).isEqualTo(xor);
            }
        }
        for (int x = 0; x < packets; x++) {
            int flags = header(b, x).flags();
            assertThat(flags & FLAG_FIRST).isEqualTo(x == 0 ? FLAG_FIRST : 0);
            assertThat(flags & FLAG_LAST).isEqualTo(x == packets - 1 ? FLAG_LAST : 0);
        }
        assertThat(coder.encodeCalls).isEqualTo(pct == 0 ? 0 : blocks);
    }

    @Test
    void parityIsClampedToTheSchemeCeiling() {
        SingleParityTestCoder coder = new SingleParityTestCoder(FecScheme.GF8_CAUCHY);
        FecConfig fec = new FecConfig(FecScheme.GF8_CAUCHY, 50, 200);
        assertThat(fec.maxTotalShards()).isEqualTo(255);
        Packetizer p = new Packetizer(fec, SHARD, 1 << 20, coder);
        PacketSlab b = new PacketSlab(p.datagramBytes(), 1);
        byte[] frame = PacketLayerKit.frame(rnd, 200 * SHARD);
        assertThat(p.packetize(frame, 0, frame.length, 0, 0, 0, false, b)).isEqualTo(255);
        assertThat(coder.lastM).isEqualTo(55);
    }

    @Test
    void parityPercentageChangesLiveAndIsClamped() {
        SingleParityTestCoder coder = new SingleParityTestCoder(FecScheme.GF16_LEOPARD);
        Packetizer p = new Packetizer(new FecConfig(FecScheme.GF16_LEOPARD, 0, 64), SHARD, 1 << 20, coder);
        PacketSlab b = new PacketSlab(p.datagramBytes(), 1);
        byte[] frame = PacketLayerKit.frame(rnd, 40 * SHARD);
        assertThat(p.packetize(frame, 0, frame.length, 0, 0, 0, false, b)).isEqualTo(40);
        p.fecPercent(25);
        assertThat(p.packetize(frame, 0, frame.length, 1, 0, 0, false, b)).isEqualTo(50);
        p.fecPercent(500);
        assertThat(p.fecPercent()).isEqualTo(90);
        assertThat(p.packetize(frame, 0, frame.length, 2, 0, 0, false, b)).isEqualTo(76);
        p.fecPercent(-3);
        assertThat(p.recoveryShards(40)).isZero();
    }

    @Test
    void readsFramesFromNativeSegmentsAtAnOffsetAndMarksProbes() {
        Packetizer p = new Packetizer(new FecConfig(FecScheme.GF16_LEOPARD, 0, 8), SHARD, 1 << 20,
                new SingleParityTestCoder(FecScheme.GF16_LEOPARD));
        PacketSlab b = new PacketSlab(p.datagramBytes(), 1);
        byte[] frame = PacketLayerKit.frame(rnd, 3 * SHARD - 7);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment native_ = arena.allocate(frame.length + 100);
            MemorySegment.copy(MemorySegment.ofArray(frame), 0, native_, 100, frame.length);
            assertThat(p.packetize(native_, 100, frame.length, 3, 0, 0, true, b)).isEqualTo(3);
        }
        assertThat(shard(b, 0)).isEqualTo(Arrays.copyOf(frame, SHARD));
        assertThat(header(b, 1).flags() & (FLAG_PROBE | FLAG_PICTURE)).isEqualTo(FLAG_PROBE);
    }

    @Test
    void refusesFramesAboveTheLimitAndBadConfigs() {
        Packetizer p = new Packetizer(new FecConfig(FecScheme.GF16_LEOPARD, 0, 8), SHARD, 1000,
                new SingleParityTestCoder(FecScheme.GF16_LEOPARD));
        PacketSlab b = new PacketSlab(p.datagramBytes(), 1);
        assertThatThrownBy(() -> p.packetize(new byte[1001], 0, 1001, 0, 0, 0, false, b))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Packetizer(new FecConfig(FecScheme.GF16_LEOPARD, 0, 8), 63, 1000,
                new SingleParityTestCoder(FecScheme.GF16_LEOPARD))).hasMessageContaining("even");
        assertThatThrownBy(() -> new Packetizer(new FecConfig(FecScheme.GF16_LEOPARD, 0, 8), 64, 1000,
                new SingleParityTestCoder(FecScheme.GF8_CAUCHY))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FecConfig(FecScheme.GF8_CAUCHY, 10, 254)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FecConfig(FecScheme.GF16_LEOPARD, 91, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDocumentedWorkedExampleHolds() {
        Packetizer p = new Packetizer(FecConfig.defaults(), 1408, 8 << 20, new SingleParityTestCoder(FecScheme.GF16_LEOPARD));
        PacketSlab b = new PacketSlab(p.datagramBytes(), 1);
        assertThat(p.packetize(new byte[100_000], 0, 100_000, 0, 0, 0, false, b)).isEqualTo(80);
        assertThat(b.length(79)).isEqualTo(1468);
        assertThat(new MediaHeaderFlyweight().wrap(b.segment(), b.offset(79)).recoveryShards()).isEqualTo(8);
    }

    @Test
    void recoveryRuleMatchesTheReference() {
        assertThat(FecConfig.recoveryFor(72, 10)).isEqualTo(8);
        assertThat(FecConfig.recoveryFor(10, 10)).isEqualTo(2);
        assertThat(FecConfig.recoveryFor(4096, 0)).isZero();
        assertThat(FecConfig.defaults().maxTotalShards()).isEqualTo(4096 + 3687);
    }

    /**
     * Split packetizing: the data datagrams may be sealed (changed in place) before the parity is
     * computed, and the parity must still be that of the plaintext, for every block.
     */
    @ParameterizedTest(name = "{0} with K={1}")
    @CsvSource({"GF16_LEOPARD, 4096", "GF16_LEOPARD, 8", "GF8_CAUCHY, 8"})
    void parityAfterTheDataWasSealedInPlaceIsThatOfThePlaintext(FecScheme scheme, int k0) {
        FecConfig fec = new FecConfig(scheme, 25, k0);
        int shard = scheme == FecScheme.GF16_LEOPARD ? 128 : SHARD;
        Packetizer whole = new Packetizer(fec, shard, 1 << 20, io.punktfunk.core.fec.ErasureCoders.create(scheme));
        Packetizer split = new Packetizer(fec, shard, 1 << 20, io.punktfunk.core.fec.ErasureCoders.create(scheme));
        byte[] frame = new byte[shard * 20 + 7];
        rnd.nextBytes(frame);
        PacketSlab expected = new PacketSlab(whole.datagramBytes(), 1);
        int packets = whole.packetize(frame, 0, frame.length, 5, 99L, 0, false, expected);

        PacketSlab out = new PacketSlab(split.datagramBytes(), 1);
        int data = split.packetizeData(MemorySegment.ofArray(frame), 0, frame.length, 5, 99L, 0, false, out);
        assertThat(data).isEqualTo(21);
        assertThat(split.plannedPackets()).isEqualTo(packets).isGreaterThan(data);
        for (int i = 0; i < data; i++) { // what sealing does to the data datagrams: new bytes in place
            int at = out.offset(i) + HEADER_LENGTH;
            for (int j = 0; j < shard; j++) {
                out.array()[at + j] ^= (byte) 0x5A;
            }
        }
        assertThat(split.packetizeParity(out)).isEqualTo(packets);
        for (int i = data; i < packets; i++) {
            assertThat(Arrays.copyOfRange(out.array(), out.offset(i), out.offset(i) + out.length(i)))
                    .as("parity datagram %d", i)
                    .isEqualTo(Arrays.copyOfRange(expected.array(), expected.offset(i), expected.offset(i) + expected.length(i)));
        }
        assertThatThrownBy(() -> split.packetizeParity(out)).as("one parity pass per layout")
                .isInstanceOf(IllegalStateException.class);
    }
}
