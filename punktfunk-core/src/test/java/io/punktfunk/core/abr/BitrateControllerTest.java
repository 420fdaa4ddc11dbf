package io.punktfunk.core.abr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The controller's rules, stepped by hand on a fake clock (250 ms reports). */
class BitrateControllerTest {
    static final long M = 1_000_000L;
    static final long REPORT = 250_000_000L;

    static Feedback clean(long bps) {
        return new Feedback(REPORT, bps / 8 / 4, 0, 0);
    }

    @Test
    void rampStartsAtHalfTheLinkAndNothingEverAsksAbove70PercentOrTheCeiling() {
        BitrateController c = new BitrateController(400 * M, 400 * M);
        Decision d = c.onLinkProven(0, 200 * M);
        assertThat(d.verdict()).isEqualTo(Verdict.RAMP);
        assertThat(d.bitrateBps()).isEqualTo(100 * M);
        long now = 0;
        for (int i = 0; i < 200; i++) {
            now += REPORT;
            c.onReport(now, clean((long) (c.bitrateBps() * 1.15)), (long) (c.bitrateBps() * 1.15 / 8 / 4));
            assertThat(c.bitrateBps()).isLessThanOrEqualTo(140 * M);
        }
        assertThat(c.bitrateBps()).as("climbs to the 70 % cap").isEqualTo(140 * M);
        BitrateController small = new BitrateController(20 * M, 20 * M);
        small.onLinkProven(0, 1000 * M);
        assertThat(small.bitrateBps()).as("the user's ask is a ceiling").isEqualTo(20 * M);
    }

    @Test
    void aShortfallWithoutLossOrQueueIsMisalignedWindowsNotCongestion() {
        BitrateController c = new BitrateController(400 * M, 400 * M);
        c.onLinkProven(0, 200 * M);
        Decision d = c.onReport(REPORT, clean(50 * M), 100 * M / 8 / 4); // half of what was sent, nothing lost
        assertThat(d.verdict()).isEqualTo(Verdict.CLEAN);
        assertThat(d.linkBps()).isEqualTo(200 * M);
    }

    @Test
    void congestionStepsDownInOneReportAndTheLinkBecomesWhatWasDelivered() {
        BitrateController c = new BitrateController(800 * M, 800 * M);
        c.onLinkProven(0, 1000 * M);
        long now = 10_000_000_000L;
        Decision d = c.onReport(now, new Feedback(REPORT, 100 * M / 8 / 4, 3, 5_000_000L), 500 * M / 8 / 4);
        assertThat(d.verdict()).isEqualTo(Verdict.LOSS);
        assertThat(d.linkBps()).isEqualTo(100 * M);
        assertThat(d.bitrateBps()).isEqualTo(70 * M);
        // the next report still carries the overload: no second cut of the link
        Decision after = c.onReport(now + REPORT, new Feedback(REPORT, 90 * M / 8 / 4, 2, 5_000_000L), 200 * M / 8 / 4);
        assertThat(after.linkBps()).isEqualTo(100 * M);
    }

    @Test
    void queueingNearTheLinkCountsAfterThreeReportsButFarBelowItIsIgnored() {
        BitrateController c = new BitrateController(400 * M, 400 * M);
        c.onLinkProven(0, 200 * M);
        long now = 0;
        for (int i = 0; i < 3; i++) {
            now += REPORT;
            Decision d = c.onReport(now, new Feedback(REPORT, 20 * M / 8 / 4, 0, 30_000_000L), 0);
            assertThat(d.verdict()).as("30 ms delay at 10 %% of the link: the host's CPU, not the queue")
                    .isEqualTo(Verdict.CLEAN);
        }
        Decision d = null;
        for (int i = 0; i < 3; i++) {
            now += REPORT;
            d = c.onReport(now, new Feedback(REPORT, 190 * M / 8 / 4, 0, 4_500_000L), 0);
        }
        assertThat(d.verdict()).isEqualTo(Verdict.QUEUEING);
        assertThat(d.bitrateBps()).isLessThan(100 * M);
    }

    @Test
    void aLostIdrMakesTheNextOneSmallerOncePerOverload() {
        BitrateController c = new BitrateController(100 * M, 100 * M);
        assertThat(c.onKeyframeReasked(1_000_000_000L).bitrateBps()).isEqualTo(80 * M);
        assertThat(c.onKeyframeReasked(1_100_000_000L).bitrateBps()).as("inside the settle time").isEqualTo(80 * M);
        assertThat(c.onKeyframeReasked(2_000_000_000L).bitrateBps()).isEqualTo(64 * M);
    }

    @Test
    void aHostLimitedRampIsAFloorTheEstimateCreepsPastUntilTheLinkStopsDeliveringAllThatWasSent() {
        BitrateController c = new BitrateController(2000 * M, 2000 * M);
        c.onLinkProven(0, 100 * M, false); // the host offered 100, the link took it all: no wall
        assertThat(c.wallBps()).isZero();
        long now = 0;
        long link = 400 * M; // the real link
        long lastEstimate = c.linkBps();
        Decision d = c.last();
        for (int i = 0; i < 400 && d.verdict() != Verdict.WALL; i++) {
            now += REPORT;
            long sent = (long) (c.bitrateBps() * 1.15);
            d = c.onReport(now, clean(Math.min(sent, link)), sent / 8 / 4);
            assertThat(d.linkBps()).as("creeps: at most +5 %% per report").isLessThanOrEqualTo((long) (lastEstimate * 1.05) + 1);
            lastEstimate = d.linkBps();
        }
        assertThat(d.verdict()).isEqualTo(Verdict.WALL);
        assertThat(d.linkBps()).as("the wall is what was delivered").isEqualTo(link);
        assertThat(c.wallBps()).isEqualTo(link);
        assertThat(d.bitrateBps()).isLessThanOrEqualTo((long) (0.7 * link));
        // from now on the wall holds
        for (int i = 0; i < 200; i++) {
            now += REPORT;
            long sent = (long) (c.bitrateBps() * 1.15);
            c.onReport(now, clean(sent), sent / 8 / 4);
        }
        assertThat(c.linkBps()).isEqualTo(link);
    }

    @Test
    void aRampThatHitTheWallIsNeverPassed() {
        BitrateController c = new BitrateController(2000 * M, 2000 * M);
        c.onLinkProven(0, 100 * M, true);
        long now = 0;
        for (int i = 0; i < 200; i++) {
            now += REPORT;
            long sent = (long) (c.bitrateBps() * 1.15);
            Decision d = c.onReport(now, clean(sent), sent / 8 / 4);
            assertThat(d.verdict()).isEqualTo(Verdict.CLEAN);
        }
        assertThat(c.linkBps()).isEqualTo(100 * M);
        assertThat(c.bitrateBps()).isEqualTo(70 * M);
    }

    @Test
    void theEstimateNeverCreepsPastAFloorTheStreamDoesNotFill() {
        BitrateController c = new BitrateController(400 * M, 400 * M);
        c.onLinkProven(0, 130 * M, false);
        long now = 0;
        for (int i = 0; i < 200; i++) {
            now += REPORT;
            long sent = 60 * M; // the encoder makes 60 Mbit/s whatever it is asked
            c.onReport(now, clean(sent), sent / 8 / 4);
        }
        assertThat(c.linkBps()).as("a 60 Mbit/s stream proves nothing above the 130 Mbit/s floor").isEqualTo(130 * M);
    }
}
