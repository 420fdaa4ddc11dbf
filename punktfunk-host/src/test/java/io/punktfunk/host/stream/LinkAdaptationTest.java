package io.punktfunk.host.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ramp's verdict: the link's wall, or only all the host could offer. */
class LinkAdaptationTest {
    static final long M = 1_000_000L;
    static final long STEP = LinkAdaptation.RAMP_STEP_NS;

    @Test
    void theOfferedPeakIsTheBestTwoStepWindowOfWhatLeftTheSocket() {
        // steps offering 5, 10, 20, 40, 40 Mbit/s (the host could not double past 40)
        long[] rates = {5 * M, 10 * M, 20 * M, 40 * M, 40 * M};
        long[] sent = new long[rates.length + 1];
        long[] time = new long[rates.length + 1];
        for (int i = 0; i < rates.length; i++) {
            sent[i + 1] = sent[i] + rates[i] / 8 * STEP / 1_000_000_000L;
            time[i + 1] = time[i] + STEP;
        }
        assertThat(LinkAdaptation.offeredPeakBps(sent, time, rates.length)).isEqualTo(40 * M);
        // the last step's bytes took twice as long to leave (a busy host): 20 Mbit/s, so the best
        // window is the two before it, (20 + 40) / 2
        time[5] = time[4] + 2 * STEP;
        assertThat(LinkAdaptation.offeredPeakBps(sent, time, rates.length)).isEqualTo(30 * M);
    }

    @Test
    void aWallIsWhenTheLinkDeliveredClearlyLessThanTheHostOffered() {
        assertThat(LinkAdaptation.isWall(200 * M, 1600 * M)).as("offered 1.6 G, delivered 200 M").isTrue();
        assertThat(LinkAdaptation.isWall(54 * M, 56 * M)).as("delivered all the host offered").isFalse();
        assertThat(LinkAdaptation.isWall(54 * M, 0)).as("nothing measured on our side: trust the client").isTrue();
    }
}
