package io.punktfunk.host.gamestream.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FecBlockPlanTest {
    private final FecBlockPlan plan = new FecBlockPlan();

    @Test
    void aSmallFrameGetsTheMinimumParityAndAPercentageThatRoundTrips() {
        assertThat(plan.plan(3, 20, 2)).isTrue();
        assertThat(plan.blocks()).isEqualTo(1);
        assertThat(plan.dataShards(0)).isEqualTo(3);
        assertThat(plan.parityShards(0)).isEqualTo(2);
        assertThat(plan.percent(0)).isEqualTo(66); // ⌊100 · 2 / 3⌋; the client's ⌈3 · 66 / 100⌉ = 2
        assertThat(plan.plan(1, 20, 2)).isTrue();
        assertThat(plan.parityShards(0)).isEqualTo(2);
        assertThat(plan.percent(0)).isEqualTo(200);
    }

    @Test
    void theClientRecomputesTheSameParityFromTheHeaderForEveryBlockSize() {
        for (int pct : new int[] {5, 10, 20, 50, 100}) {
            for (int minParity : new int[] {0, 1, 2, 4}) {
                for (int k = 1; k <= 1023 * 4; k++) {
                    if (!plan.plan(k, pct, minParity)) {
                        continue;
                    }
                    for (int b = 0; b < plan.blocks(); b++) {
                        int kb = plan.dataShards(b);
                        int client = (kb * plan.percent(b) + 99) / 100;
                        assertThat(client).as("k=%d pct=%d min=%d block %d", k, pct, minParity, b)
                                .isEqualTo(plan.parityShards(b));
                        if (plan.percent(b) != 0) {
                            assertThat(kb + plan.parityShards(b)).isLessThanOrEqualTo(255);
                            // the header's 8-bit percentage caps what a tiny block can announce (k = 1: 2 shards at 200 %)
                            int reachable = Math.min(255 - kb, (kb * 255 + 99) / 100);
                            assertThat(plan.parityShards(b)).isGreaterThanOrEqualTo(Math.min(minParity, reachable));
                        }
                        assertThat(plan.percent(b)).isBetween(0, 255);
                    }
                }
            }
        }
    }

    @Test
    void aLargeFrameSplitsIntoEqualBlocksThatEachFitGf8() {
        assertThat(plan.plan(500, 20, 2)).isTrue(); // at most 255·100/120 = 212 data shards per block
        assertThat(plan.blocks()).isEqualTo(3);
        assertThat(new int[] {plan.dataShards(0), plan.dataShards(1), plan.dataShards(2)}).containsExactly(167, 167, 166);
        assertThat(new int[] {plan.parityShards(0), plan.parityShards(1), plan.parityShards(2)}).containsExactly(34, 34, 34);
        assertThat(plan.fecOff()).isFalse();
        assertThat(plan.plan(212, 20, 2)).isTrue();
        assertThat(plan.blocks()).isEqualTo(1);
        assertThat(plan.plan(213, 20, 2)).isTrue();
        assertThat(plan.blocks()).isEqualTo(2);
    }

    @Test
    void aFrameNeedingMoreThanFourBlocksGoesWithoutFecAndAnOversizedOneNotAtAll() {
        assertThat(plan.plan(900, 20, 2)).isTrue();
        assertThat(plan.fecOff()).isTrue();
        assertThat(plan.blocks()).isEqualTo(4);
        for (int b = 0; b < 4; b++) {
            assertThat(plan.dataShards(b)).isEqualTo(225);
            assertThat(plan.parityShards(b)).isZero();
            assertThat(plan.percent(b)).isZero();
        }
        assertThat(plan.plan(4092, 20, 2)).isTrue();
        assertThat(plan.plan(4093, 20, 2)).isFalse();
    }

    @Test
    void noFecMeansNoParityEvenWithAMinimum() {
        assertThat(plan.plan(10, 0, 2)).isTrue();
        assertThat(plan.parityShards(0)).isZero();
        assertThat(plan.percent(0)).isZero();
        assertThat(plan.fecOff()).isFalse();
    }
}
