package io.punktfunk.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.TransportStats;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FramePacerTest {

    static final long FRAME_60HZ_NS = 16_666_667L;

    /** Fake time: sleeping jumps the clock to the deadline. */
    long nowNs = 5_000_000_000L;
    final List<long[]> sends = new ArrayList<>(); // {timeNs, from, to}
    final List<Long> sleeps = new ArrayList<>();
    final DatagramBatch frame = new DatagramBatch(2048, 1472);

    final Transport recorder = new Transport() {
        @Override
        public int sendBatch(DatagramBatch batch, int from, int to) {
            sends.add(new long[] {nowNs, from, to});
            return to - from;
        }

        @Override
        public int recvBatch(DatagramBatch batch) {
            return 0;
        }

        @Override
        public boolean awaitReadable(long timeoutNs) {
            return false;
        }

        @Override
        public InetSocketAddress localAddress() {
            return null;
        }

        @Override
        public TransportStats stats() {
            return null;
        }

        @Override
        public String backendName() {
            return "recorder";
        }

        @Override
        public void close() {
        }
    };

    FramePacer pacer(PacingConfig config) {
        return new FramePacer(config, () -> nowNs, deadline -> {
            assertThat(deadline).isGreaterThan(nowNs);
            sleeps.add(deadline);
            nowNs = deadline;
        });
    }

    void frameOf(int packets, int bytes) {
        frame.clear();
        for (int i = 0; i < packets; i++) {
            frame.add(bytes);
        }
    }

    @AfterEach
    void free() {
        frame.close();
    }

    @Test
    void disabledSendsEverythingAtOnce() {
        frameOf(1000, 1454);
        assertThat(pacer(new PacingConfig().enabled(false)).sendFrame(recorder, frame, 100_000_000, FRAME_60HZ_NS))
                .isEqualTo(1000);
        assertThat(sends).hasSize(1);
        assertThat(sends.get(0)).containsExactly(nowNs, 0, 1000);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void frameWithinTheBurstLeavesAtOnce() {
        // 20 Mbit/s × 3 = 60 Mbit/s; 10 ms of that is 75 000 B; a 50 KB frame fits.
        frameOf(35, 1454);
        FramePacer p = pacer(new PacingConfig());
        assertThat(p.sendFrame(recorder, frame, 20_000_000, FRAME_60HZ_NS)).isEqualTo(35);
        assertThat(sends).hasSize(1);
        assertThat(p.lastBurstPackets()).isEqualTo(35);
        assertThat(sleeps).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "35, 20000000, true",   // 50 KB under the 75 000 B burst of 60 Mbit/s
            "52, 20000000, true",   // 51 datagrams = 74 154 B < 75 000: the 52nd crosses and is included
            "53, 20000000, false",  // the 53rd follows the crossing one: after the burst
            "1000, 100000000, false",
            "1, 0, true",           // deadline-only: the burst is at least 128 KiB
    })
    void sendsAtOnceAgreesWithWhatSendFrameDoes(int packets, long bitrateBps, boolean atOnce) {
        frameOf(packets, 1454);
        FramePacer p = pacer(new PacingConfig());
        assertThat(p.sendsAtOnce(frame, bitrateBps)).isEqualTo(atOnce);
        p.sendFrame(recorder, frame, bitrateBps, FRAME_60HZ_NS);
        assertThat(p.lastBurstPackets() == packets).as("all in the burst").isEqualTo(atOnce);
        if (atOnce) {
            assertThat(sends).hasSize(1);
            assertThat(sleeps).isEmpty();
        }
        assertThat(pacer(new PacingConfig().enabled(false)).sendsAtOnce(frame, bitrateBps)).isTrue();
    }

    @Test
    void largeFrameBurstsThenSpreadsChunksEvenlyOverTheRateBudget() {
        // 100 Mbit/s × 3 = 300 Mbit/s. Burst = clamp(375 000 B, 16 KiB, 256 KiB) = 262 144 B:
        // 181 datagrams of 1454 B (the one crossing the cap included).
        frameOf(1000, 1454);
        long start = nowNs;
        FramePacer p = pacer(new PacingConfig());
        assertThat(p.sendFrame(recorder, frame, 100_000_000, FRAME_60HZ_NS)).isEqualTo(1000);
        assertThat(p.lastBurstPackets()).isEqualTo(181);
        long overflow = (1000 - 181) * 1454L;
        long budget = (long) (overflow * 8e9 / 300e6); // 31.76 ms < 2 frame intervals
        assertThat(p.lastBudgetNs()).isEqualTo(budget);
        int steps = (819 + 15) / 16;
        assertThat(p.lastChunks()).isEqualTo(steps);
        assertThat(sends).hasSize(1 + steps);
        assertThat(sends.get(0)).containsExactly(start, 0, 181);
        for (int j = 0; j < steps; j++) {
            long[] s = sends.get(1 + j);
            assertThat(s[0]).as("chunk %d time", j).isEqualTo(start + budget * (j + 1) / steps);
            assertThat(s[1]).isEqualTo(181 + 16L * j);
            assertThat(s[2]).isEqualTo(Math.min(1000, 181 + 16L * (j + 1)));
        }
        assertThat(sleeps).hasSize(steps); // each gap is 0.61 ms ≥ 0.5 ms
    }

    @Test
    void budgetIsCappedAtTwoFrameIntervals() {
        // 10 Mbit/s × 3: 300 KB would need ~70 ms; capped at 2 × 16.7 ms.
        frameOf(206, 1454);
        FramePacer p = pacer(new PacingConfig());
        p.sendFrame(recorder, frame, 10_000_000, FRAME_60HZ_NS);
        assertThat(p.lastBurstPackets()).isEqualTo(26); // 37 500 B burst
        assertThat(p.lastBudgetNs()).isEqualTo(2 * FRAME_60HZ_NS);
        assertThat(sends.getLast()[0] - sends.getFirst()[0]).isEqualTo(2 * FRAME_60HZ_NS);
    }

    @Test
    void budgetIsCappedAtOneHundredMilliseconds() {
        frameOf(2000, 1454);
        FramePacer p = pacer(new PacingConfig());
        p.sendFrame(recorder, frame, 5_000_000, 1_000_000_000L); // 1 fps, slow rate
        assertThat(p.lastBudgetNs()).isEqualTo(100_000_000L);
    }

    @Test
    void skippedWaitsMergeChunksIntoOneSendAndNothingLeavesLateOrEarly() {
        // 1 Gbit/s × 3: the 256 KiB burst, then ~61 µs per 16-datagram chunk; only every ~9th
        // chunk is 500 µs out, so the chunks between share one send.
        frameOf(1000, 1454);
        long start = nowNs;
        PacingConfig config = new PacingConfig();
        FramePacer p = pacer(config);
        assertThat(p.sendFrame(recorder, frame, 1_000_000_000, FRAME_60HZ_NS)).isEqualTo(1000);
        int steps = p.lastChunks();
        assertThat(p.lastSleeps()).isPositive().isLessThan(steps);
        assertThat(sends).hasSize(p.lastSleeps() + 1);
        int expectFrom = 0;
        for (long[] s : sends) {
            assertThat(s[1]).isEqualTo(expectFrom); // contiguous, in order, nothing twice
            expectFrom = (int) s[2];
            for (int d = (int) s[1]; d < s[2]; d++) {
                long due = d < p.lastBurstPackets() ? start
                        : start + p.lastBudgetNs() * ((d - p.lastBurstPackets()) / 16 + 1) / steps;
                assertThat(s[0]).as("datagram %d", d).isLessThanOrEqualTo(due)
                        .isGreaterThan(due - config.minSleepNs());
            }
        }
        assertThat(expectFrom).isEqualTo(1000);
    }

    @Test
    void factorZeroSpreadsOverOneFrameInterval() {
        frameOf(700, 1454); // 1 017 800 B: burst = max(128 KiB, frame / 4) = 254 450 B
        FramePacer p = pacer(new PacingConfig().factor(0));
        p.sendFrame(recorder, frame, 50_000_000, FRAME_60HZ_NS);
        assertThat(p.lastBurstPackets()).isEqualTo(175); // 175 × 1454 = 254 450 exactly
        assertThat(p.lastBudgetNs()).isEqualTo(FRAME_60HZ_NS);
    }

    @Test
    void burstBytesIsClampedWindowOfTheRate() {
        PacingConfig c = new PacingConfig();
        assertThat(FramePacer.burstBytes(c, 3e6, 0)).isEqualTo(16 * 1024);      // 3.75 KB → floor
        assertThat(FramePacer.burstBytes(c, 60e6, 0)).isEqualTo(75_000);        // in range
        assertThat(FramePacer.burstBytes(c, 3e9, 0)).isEqualTo(256 * 1024);     // 3.75 MB → cap
        assertThat(FramePacer.burstBytes(c, 0, 4_000_000)).isEqualTo(1_000_000); // deadline-only
    }

    /**
     * Datagrams a shallow bottleneck (rate {@code linkBps}, queue of {@code queueMs}) drops when
     * fed the recorded sends: each sendBatch arrives at once, the queue drains at the link rate.
     */
    long bottleneckDrops(long linkBps, double queueMs, int datagramBytes) {
        double limit = linkBps / 8.0 * queueMs / 1000;
        double queue = 0;
        long last = sends.isEmpty() ? 0 : sends.getFirst()[0];
        long drops = 0;
        for (long[] s : sends) {
            queue = Math.max(0, queue - (s[0] - last) * linkBps / 8e9);
            last = s[0];
            for (long i = s[1]; i < s[2]; i++) {
                if (queue + datagramBytes > limit) {
                    drops++;
                } else {
                    queue += datagramBytes;
                }
            }
        }
        return drops;
    }

    @Test
    void withALinkEstimateAKeyframeIsSpreadAtTheLinkRateAndNeverOverflowsAShallowQueue() {
        long link = 200_000_000L;
        frameOf(700, 1454); // ~1 MB keyframe of a 400 Mbit/s stream
        FramePacer p = pacer(new PacingConfig());
        p.sendFrame(recorder, frame, 400_000_000L, FRAME_60HZ_NS);
        long blindDrops = bottleneckDrops(link, 5, 1454);
        assertThat(blindDrops).as("without an estimate the pacer outruns a 200 Mbit/s link").isPositive();

        sends.clear();
        p.linkBps(link);
        nowNs += FRAME_60HZ_NS; // the link drained meanwhile
        long start = nowNs;
        p.sendFrame(recorder, frame, 400_000_000L, FRAME_60HZ_NS);
        assertThat(bottleneckDrops(link, 5, 1454)).isZero();
        // burst: what the link drains in 2 ms (50 kB), the crossing datagram included
        assertThat(p.lastBurstPackets()).isEqualTo(35);
        // the rest leaves at ≤ 95 % of the link: not squeezed into two frame intervals
        long rest = (700 - 35) * 1454L;
        assertThat(nowNs - start).isGreaterThanOrEqualTo((long) (rest * 8e9 / (0.95 * link)) - 1);
        assertThat(p.lastBudgetNs()).isGreaterThan(2 * FRAME_60HZ_NS);
    }

    @Test
    void aFrameRightBehindAnotherGetsNoBurstBecauseTheQueueHasNotDrained() {
        long link = 100_000_000L;
        FramePacer p = pacer(new PacingConfig());
        p.linkBps(link);
        nowNs += FRAME_60HZ_NS;
        frameOf(100, 1454);
        p.sendFrame(recorder, frame, 60_000_000L, FRAME_60HZ_NS);
        assertThat(p.lastBurstPackets()).isEqualTo(18); // 25 kB: 2 ms of 100 Mbit/s
        // a backlog: the next frame leaves at once after the last, nothing drained yet
        p.sendFrame(recorder, frame, 60_000_000L, FRAME_60HZ_NS);
        assertThat(p.lastBurstPackets()).isZero();
        for (int i = 0; i < 4; i++) {
            p.sendFrame(recorder, frame, 60_000_000L, FRAME_60HZ_NS);
        }
        assertThat(bottleneckDrops(link, 5, 1454)).isZero();
        nowNs += 1_000_000L; // 1 ms idle: half the burst is back
        p.sendFrame(recorder, frame, 60_000_000L, FRAME_60HZ_NS);
        assertThat(p.lastBurstPackets()).isEqualTo(9);
    }

    @Test
    void aSmallFrameStillLeavesAtOnceAndAFastLinkChangesNothing() {
        FramePacer p = pacer(new PacingConfig());
        p.linkBps(1_000_000_000L);
        frameOf(10, 1454); // 14.5 kB: within the 2 ms of a 1 Gbit/s link (250 kB)
        assertThat(p.sendsAtOnce(frame, 20_000_000L)).isTrue();
        frameOf(400, 1454); // 580 kB at 20 Mbit/s: rate 60 Mbit/s is below the link, as before
        p.sendFrame(recorder, frame, 20_000_000L, FRAME_60HZ_NS);
        long withLink = p.lastBudgetNs();
        sends.clear();
        p.linkBps(0);
        p.sendFrame(recorder, frame, 20_000_000L, FRAME_60HZ_NS);
        assertThat(p.lastBudgetNs()).isEqualTo(withLink);
    }

    @Test
    void probeFramesIgnoreTheEstimateSoTheyCanFindTheWall() {
        FramePacer p = pacer(new PacingConfig());
        p.linkBps(100_000_000L);
        frameOf(300, 1454);
        p.sendFrame(recorder, frame, 1_000_000_000L, FRAME_60HZ_NS, false);
        assertThat(p.lastBurstPackets()).isEqualTo(181); // 256 KiB cap, as without an estimate
        assertThat(p.sendsAtOnce(frame, 1_000_000_000L, true)).isFalse();
    }
}
