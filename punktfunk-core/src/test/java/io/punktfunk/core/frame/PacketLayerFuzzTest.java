package io.punktfunk.core.frame;

import static io.punktfunk.core.stats.DataPlaneCounter.DROP_AEAD;
import static io.punktfunk.core.stats.DataPlaneCounter.DROP_GEOMETRY;
import static io.punktfunk.core.stats.DataPlaneCounter.DROP_MALFORMED;
import static io.punktfunk.core.stats.DataPlaneCounter.DROP_REPLAY;
import static io.punktfunk.core.stats.DataPlaneCounter.FRAMES_COMPLETED;
import static io.punktfunk.core.stats.DataPlaneCounter.PACKETS_RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile traffic through the whole receive path (firewall → open → replay → reassemble): random
 * and mutated datagrams, forged tags, replays, truncation, and authentic packets with lying headers
 * (a peer holding the key). Asserts that nothing throws, that every datagram lands in exactly one
 * counted outcome, that in-flight memory stays within budget, and that untouched frames arrive intact.
 * {@code -Dpunktfunk.fuzz.datagrams=1000000} runs a million per seed; {@code -Dpunktfunk.fuzz.seed=N} adds a seed.
 */
class PacketLayerFuzzTest {
    private static final int DATAGRAMS = Integer.getInteger("punktfunk.fuzz.datagrams", 100_000);
    private static final int SHARD = 128;
    private static final int K = 16;
    private static final long MAX_FRAME = 16 * 1024;
    private static final long BUDGET = 96 * 1024;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0xF00DL, 0xBEEFL})
    void hostileDatagramsAreCountedNeverThrowAndStayWithinBudget(long seed) {
        run(seed);
        Long extra = Long.getLong("punktfunk.fuzz.seed");
        if (extra != null && seed == 0xF00DL) {
            run(extra);
        }
    }

    private static ErasureCoder coder() {
        return ErasureCoders.create(FecScheme.GF16_LEOPARD);
    }

    private void run(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FecConfig fec = new FecConfig(FecScheme.GF16_LEOPARD, 20, K);
        ReassemblerLimits limits = ReassemblerLimits.from(fec, SHARD, MAX_FRAME).withInFlightBudget(BUDGET);
        PacketLayerKit kit = new PacketLayerKit(fec, SHARD, MAX_FRAME, coder(), coder(), limits);

        List<byte[]> pending = new ArrayList<>();
        Map<Integer, byte[]> originals = new HashMap<>();
        Set<Integer> tainted = new HashSet<>();
        int frameIndex = 0;
        long now = 0;
        long offered = 0;
        int verified = 0;
        byte[] big = new byte[ReassemblerLimits.MAX_DATAGRAM_BYTES + 200];

        for (int step = 0; offered < DATAGRAMS; step++) {
            String where = "seed " + seed + " step " + step;
            try {
                // Keep a short backlog: picking among the oldest 8 reorders, new frames interleave.
                if (pending.size() < 16 || (pending.size() < 256 && rnd.nextInt(40) == 0)) {
                    int index = nextFrame(rnd, kit, frameIndex, pending, originals, tainted);
                    if (index - frameIndex > 0) {
                        frameIndex = index; // a step back is a one-off straggler frame, not a rewind
                    }
                }
                byte[] d = pending.remove(rnd.nextInt(Math.min(8, pending.size())));
                int action = rnd.nextInt(100);
                if (action < 5) {
                    continue; // lost on the way
                }
                if (action < 12) {
                    pending.add(d.clone()); // replay later
                } else if (action < 20) {
                    d[rnd.nextInt(d.length)] ^= (byte) (1 + rnd.nextInt(255));
                } else if (action < 25) {
                    d = Arrays.copyOf(d, rnd.nextInt(d.length));
                } else if (action < 28) {
                    d = Arrays.copyOf(d, d.length + 1 + rnd.nextInt(100));
                } else if (action < 33) {
                    d = new byte[rnd.nextInt(300)];
                    rnd.nextBytes(d);
                } else if (action < 38) {
                    d = plausibleGarbage(rnd);
                } else if (action < 41) {
                    for (int i = d.length - MediaHeaderFlyweight.TAG_LENGTH; i >= 0 && i < d.length; i++) {
                        d[i] = (byte) rnd.nextInt(256);
                    }
                }
                offered++;
                if (action >= 41 && action < 45) {
                    int off = rnd.nextInt(big.length - d.length + 1);
                    System.arraycopy(d, 0, big, off, d.length);
                    kit.receiver.onDatagram(big, off, d.length, now);
                } else {
                    kit.receiver.onDatagram(d, 0, d.length, now);
                }
                now += rnd.nextInt(20_000);
                if (rnd.nextInt(500) == 0) {
                    now += 200_000_000L;
                }
                if (rnd.nextInt(4) == 0) {
                    while (kit.receiver.poll(now, kit.out)) {
                        byte[] expect = originals.get(kit.out.frameIndex());
                        if (expect != null && !tainted.contains(kit.out.frameIndex())) {
                            assertThat(Arrays.copyOf(kit.out.array(), kit.out.length())).as(where).isEqualTo(expect);
                            verified++;
                        }
                    }
                }
                assertThat(kit.reassembler.inFlightBytes()).as(where).isBetween(0L, BUDGET);
                assertThat(kit.count(PACKETS_RECEIVED)).as(where).isEqualTo(offered);
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable t) {
                fail("exception escaped the receive path at " + where, t);
            }
        }
        kit.assertAccountingBalances();
        String why = "seed " + seed + " counters " + kit.counters;
        System.out.println("fuzz " + DATAGRAMS + " datagrams, " + why + ", verified frames " + verified);
        assertThat(kit.count(FRAMES_COMPLETED)).as(why).isGreaterThan(DATAGRAMS / 1000);
        assertThat(verified).as(why).isPositive();
        assertThat(kit.count(DROP_MALFORMED)).as(why).isPositive();
        assertThat(kit.count(DROP_GEOMETRY)).as(why).isPositive();
        assertThat(kit.count(DROP_REPLAY)).as(why).isPositive();
        assertThat(kit.count(DROP_AEAD)).as(why).isPositive();
    }

    /**
     * Packetizes and seals one frame (sometimes with lying headers under a valid tag); returns its
     * index: usually the next, sometimes a jump ahead or an old index.
     */
    private static int nextFrame(SplittableRandom rnd, PacketLayerKit kit, int lastIndex, List<byte[]> pending,
                                 Map<Integer, byte[]> originals, Set<Integer> tainted) {
        int index = rnd.nextInt(20) == 0 ? lastIndex - rnd.nextInt(100) : lastIndex + 1 + (rnd.nextInt(30) == 0 ? rnd.nextInt(300) : 0);
        int len = switch (rnd.nextInt(8)) {
            case 0 -> (int) MAX_FRAME;
            case 1, 2 -> rnd.nextInt((int) MAX_FRAME);
            default -> rnd.nextInt(4 * SHARD);
        };
        byte[] frame = PacketLayerKit.frame(rnd, len);
        kit.packetizer.fecPercent(rnd.nextInt(6) == 0 ? 0 : rnd.nextInt(91));
        int n = kit.packetizeOnly(frame, index, index * 16_666_667L);
        if (originals.containsKey(index)) {
            tainted.add(index);
        }
        originals.put(index, frame);
        if (originals.size() > 4096) {
            originals.clear();
        }
        if (rnd.nextInt(5) == 0) {
            for (int c = 1 + rnd.nextInt(3); c > 0; c--) {
                MediaHeaderFlyweight h = kit.header(rnd.nextInt(n));
                switch (rnd.nextInt(11)) {
                    case 0 -> {
                        int other = index + rnd.nextInt(7) - 3;
                        tainted.add(other);
                        h.frameIndex(other);
                    }
                    case 1 -> h.frameBytes(rnd.nextInt(5) == 0 ? rnd.nextLong(1L << 32) : h.frameBytes() + rnd.nextInt(300) - 150);
                    case 2 -> h.blockIndex(rnd.nextInt(4));
                    case 3 -> h.blockCount(rnd.nextInt(4));
                    case 4 -> h.shardIndex(rnd.nextInt(40));
                    case 5 -> h.dataShards(rnd.nextInt(20));
                    case 6 -> h.recoveryShards(rnd.nextInt(40));
                    case 7 -> h.ptsNs(rnd.nextLong());
                    case 8 -> h.userFlags(rnd.nextInt());
                    case 9 -> h.flags(rnd.nextInt(16));
                    default -> h.shardBytes(rnd.nextInt(2) == 0 ? SHARD + 2 : rnd.nextInt(1 << 16));
                }
            }
            tainted.add(index);
        }
        kit.sealBatch();
        pending.addAll(Arrays.asList(kit.packets()));
        return index;
    }

    /** Right magic and version, length matching its shard field, random everything else. */
    private static byte[] plausibleGarbage(SplittableRandom rnd) {
        int shard = rnd.nextInt(3) == 0 ? rnd.nextInt(400) : SHARD;
        byte[] d = new byte[MediaHeaderFlyweight.WIRE_OVERHEAD + shard];
        rnd.nextBytes(d);
        new MediaHeaderFlyweight().wrap(java.lang.foreign.MemorySegment.ofArray(d), 0).magicAndVersion()
                .fecScheme(rnd.nextInt(3)).shardBytes(shard).blockCount(1 + rnd.nextInt(2)).blockIndex(rnd.nextInt(2))
                .frameBytes(rnd.nextInt(3000)).dataShards(1 + rnd.nextInt(K)).recoveryShards(rnd.nextInt(8))
                .shardIndex(rnd.nextInt(20));
        return d;
    }
}
