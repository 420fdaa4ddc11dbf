package io.punktfunk.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImpairedTransportTest {

    static final int LEN = 1000;
    static final ValueLayout.OfInt SEQ = ValueLayout.JAVA_INT_UNALIGNED;

    /** Result of pushing {@code packets} sequence-numbered datagrams through an impaired loopback. */
    record Run(List<Integer> received, ImpairedTransport transport, List<Integer> corruptedBytes) {
    }

    static Run run(ImpairmentConfig config, int packets, LongSupplier clock, long stepNsPerBatch) {
        List<Integer> received = new ArrayList<>();
        List<Integer> corrupted = new ArrayList<>();
        try (LoopbackTransport.Pair pair = LoopbackTransport.pair(4096, LEN);
             DatagramBatch out = new DatagramBatch(64, LEN);
             DatagramBatch in = new DatagramBatch(512, LEN)) {
            ImpairedTransport tx = new ImpairedTransport(pair.left(), config, clock);
            int seq = 0;
            while (seq < packets) {
                out.clear();
                for (int k = 0; k < 64 && seq < packets; k++, seq++) {
                    int d = out.add(LEN);
                    out.slab().asSlice(out.offset(d), LEN).fill((byte) 0);
                    out.slab().set(SEQ, out.offset(d), seq);
                }
                tx.sendBatch(out);
                if (clock instanceof FakeClock f) {
                    f.advance(stepNsPerBatch);
                }
                drain(pair.right(), in, received, corrupted);
            }
            tx.releaseAllHeld();
            drain(pair.right(), in, received, corrupted);
            return new Run(received, tx, corrupted);
        }
    }

    static void drain(Transport rx, DatagramBatch in, List<Integer> received, List<Integer> corrupted) {
        int n;
        while ((n = rx.recvBatch(in)) > 0) {
            for (int i = 0; i < n; i++) {
                int bitsOff = 0;
                int seq = in.slab().get(SEQ, in.offset(i));
                for (int k = 4; k < in.length(i); k++) {
                    bitsOff += Integer.bitCount(in.slab().get(ValueLayout.JAVA_BYTE, in.offset(i) + k) & 0xFF);
                }
                if (bitsOff > 0) {
                    corrupted.add(bitsOff);
                } else {
                    received.add(seq);
                }
            }
        }
    }

    static final class FakeClock implements LongSupplier {
        long now = 1_000_000_000L;

        void advance(long ns) {
            now += ns;
        }

        @Override
        public long getAsLong() {
            return now;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 0xC0FFEE})
    void randomLossMatchesTheRate(long seed) {
        Run r = run(new ImpairmentConfig().seed(seed).lossRate(0.10), 100_000, new FakeClock(), 0);
        long dropped = r.transport().impairmentStats().get(TransportCounter.IMPAIR_DROPPED);
        assertThat(r.received().size() + dropped).as("seed %d", seed).isEqualTo(100_000);
        assertThat(dropped / 100_000.0).as("loss fraction, seed %d", seed).isCloseTo(0.10, within(0.006));
        assertThat(r.received()).as("order kept, seed %d", seed).isSorted();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 99})
    void gilbertElliottLossComesInBurstsOfTheExpectedLength(long seed) {
        // enter 1 %, exit 25 %: long-run loss 0.01 / 0.26 ≈ 3.85 %, mean burst 4 datagrams.
        Run r = run(new ImpairmentConfig().seed(seed).burstLoss(0.01, 0.25), 200_000, new FakeClock(), 0);
        List<Integer> got = r.received();
        int bursts = 0, lost = 0;
        int expect = 0;
        for (int seq : got) {
            if (seq > expect) {
                bursts++;
                lost += seq - expect;
            }
            expect = seq + 1;
        }
        lost += 200_000 - expect;
        assertThat(lost / 200_000.0).as("seed %d", seed).isCloseTo(0.01 / 0.26, within(0.006));
        assertThat((double) lost / bursts).as("mean burst, seed %d", seed).isCloseTo(4.0, within(0.5));
    }

    @Test
    void everyNthLossIsExact() {
        Run r = run(new ImpairmentConfig().dropEveryNth(10), 10_000, new FakeClock(), 0);
        assertThat(r.received()).hasSize(9_000);
        for (int seq : r.received()) {
            assertThat((seq + 1) % 10).as("seq %d", seq).isNotZero(); // the 10th, 20th ... datagram (seq 9, 19 ...)
        }
    }

    @Test
    void duplicationAddsCopies() {
        Run r = run(new ImpairmentConfig().seed(3).duplicateRate(0.05), 50_000, new FakeClock(), 0);
        long dups = r.transport().impairmentStats().get(TransportCounter.IMPAIR_DUPLICATED);
        assertThat(r.received()).hasSize(50_000 + (int) dups);
        assertThat(dups / 50_000.0).isCloseTo(0.05, within(0.005));
        assertThat(r.received().stream().distinct().count()).isEqualTo(50_000);
    }

    @Test
    void reorderingHoldsDatagramsBackByTheDistanceAndLosesNone() {
        Run r = run(new ImpairmentConfig().seed(5).reorder(0.05, 3, 1_000_000_000L), 20_000, new FakeClock(), 0);
        long reordered = r.transport().impairmentStats().get(TransportCounter.IMPAIR_REORDERED);
        assertThat(r.received()).hasSize(20_000);
        assertThat(r.received().stream().distinct().count()).isEqualTo(20_000);
        int late = 0;
        int highest = -1;
        for (int seq : r.received()) {
            if (seq < highest) {
                late++;
                assertThat(highest - seq).as("displacement of %d", seq).isLessThanOrEqualTo(3 * 4);
            }
            highest = Math.max(highest, seq);
        }
        // A held datagram whose followers were held too can come out in order; all others are late.
        assertThat(late).isLessThanOrEqualTo((int) reordered).isGreaterThan((int) (reordered * 0.9));
        assertThat(reordered / 20_000.0).isCloseTo(0.05, within(0.006));
    }

    @Test
    void heldDatagramsAreReleasedByTimeout() {
        FakeClock clock = new FakeClock();
        try (LoopbackTransport.Pair pair = LoopbackTransport.pair(16, 100);
             DatagramBatch out = new DatagramBatch(4, 100)) {
            ImpairedTransport tx = new ImpairedTransport(pair.left(),
                    new ImpairmentConfig().reorder(1.0, 100, 5_000_000L), clock);
            out.add(10);
            tx.sendBatch(out);
            assertThat(tx.heldCount()).isEqualTo(1);
            assertThat(pair.right().pending()).isZero();
            clock.advance(5_000_000L);
            out.clear();
            tx.sendBatch(out);
            assertThat(tx.heldCount()).isZero();
            assertThat(pair.right().pending()).isEqualTo(1);
        }
    }

    @Test
    void corruptionFlipsTheConfiguredNumberOfBits() {
        Run r = run(new ImpairmentConfig().seed(11).corrupt(0.10, 3), 20_000, new FakeClock(), 0);
        long corrupted = r.transport().impairmentStats().get(TransportCounter.IMPAIR_CORRUPTED);
        // Flips that land in the 4-byte sequence number alter it instead; the rest show as set bits.
        assertThat(r.corruptedBytes().size()).isLessThanOrEqualTo((int) corrupted);
        assertThat(r.corruptedBytes()).allSatisfy(bits -> assertThat(bits).isBetween(1, 3));
        assertThat(corrupted / 20_000.0).isCloseTo(0.10, within(0.01));
    }

    @Test
    void rateCapPolicesToTheTokenRate() {
        // 64 datagrams of 1000 B every 32 ms = 2 MB/s offered against a 1 MB/s cap: about half pass.
        FakeClock clock = new FakeClock();
        Run r = run(new ImpairmentConfig().rateCap(1_000_000, 64_000), 64 * 100, clock, 32_000_000L);
        long passed = r.received().size();
        long capDrops = r.transport().impairmentStats().get(TransportCounter.IMPAIR_RATE_DROPPED);
        assertThat(passed + capDrops).isEqualTo(6400);
        // 100 batches over 3.2 s of fake time: 3.2 MB of tokens at most (plus the first burst).
        assertThat(passed * LEN).isBetween(3_100_000L, 3_264_000L);
    }

    @Test
    void sameSeedSameRun() {
        ImpairmentConfig a = new ImpairmentConfig().seed(1234).lossRate(0.05).duplicateRate(0.02)
                .reorder(0.02, 2, 1_000_000_000L).burstLoss(0.005, 0.3);
        ImpairmentConfig b = new ImpairmentConfig().seed(1234).lossRate(0.05).duplicateRate(0.02)
                .reorder(0.02, 2, 1_000_000_000L).burstLoss(0.005, 0.3);
        assertThat(run(a, 10_000, new FakeClock(), 0).received())
                .isEqualTo(run(b, 10_000, new FakeClock(), 0).received());
    }
}
