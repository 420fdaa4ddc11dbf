package io.punktfunk.control.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdaptiveFecTest {
    @Test
    void targetIsLossTimesOnePointFourPlusOneWithinFiveToFifty() {
        assertThat(AdaptiveFec.target(0)).isEqualTo(5);
        assertThat(AdaptiveFec.target(50_000)).isEqualTo(8);   // 5 % loss → 7 + 1
        assertThat(AdaptiveFec.target(200_000)).isEqualTo(29); // 20 % → 28 + 1
        assertThat(AdaptiveFec.target(1_000_000)).isEqualTo(50);
    }

    @Test
    void jumpsUpAtOnceAndDecaysOnePointPerReport() {
        AdaptiveFec fec = new AdaptiveFec(10);
        assertThat(fec.onReport(200_000)).isEqualTo(29);
        assertThat(fec.onReport(0)).isEqualTo(28);
        assertThat(fec.onReport(0)).isEqualTo(27);
        for (int i = 0; i < 40; i++) {
            fec.onReport(0);
        }
        assertThat(fec.percent()).isEqualTo(AdaptiveFec.MIN_PERCENT);
    }

    @Test
    void clockSyncPicksTheMinimumRttRound() {
        ClockSync sync = new ClockSync();
        sync.add(0, 1_000 + 500, 1_000 + 600, 2_000);      // rtt 1900
        sync.add(10_000, 11_000 + 50, 11_000 + 60, 10_200); // rtt 190, offset (1050 + 860)/2 = 955
        ClockSync.Estimate e = sync.estimate();
        assertThat(e.rttNs()).isEqualTo(190);
        assertThat(e.offsetNs()).isEqualTo(955);
        assertThat(e.rounds()).isEqualTo(2);
    }
}
