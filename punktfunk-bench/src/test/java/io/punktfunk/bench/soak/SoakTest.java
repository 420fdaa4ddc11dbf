package io.punktfunk.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakTest {

    @Test
    void aShortSoakPrintsARowPerIntervalWithKeyUpdatesOnBothEnds() throws Exception {
        // 4 s warm-up, 4 s measured, a row per second, a new key every 300 packets (~1 700 packets/s at 20 Mbit/s)
        List<Soak.Row> rows = Soak.run(new Soak.Options(4 / 60.0, 20, 0, 60, 10, 300, 1, 4), r -> { });
        assertThat(rows).hasSizeBetween(3, 4);
        Soak.Row last = rows.getLast();
        assertThat(last.hostKeyUpdates()).isGreaterThan(10);
        assertThat(last.clientKeyUpdates()).isBetween(last.hostKeyUpdates() - 1, last.hostKeyUpdates());
        long sent = rows.stream().mapToLong(Soak.Row::framesSent).sum();
        assertThat(sent).isGreaterThan(150);
        // no impairment: what is lost is a starved CPU (C2 still compiling on a busy 2-core box), not the rekeys
        assertThat(last.framesLostTotal()).isLessThan(sent / 4);
        assertThat(last.threads()).isPositive();
        assertThat(last.heapUsedBytes()).isPositive();
        assertThat(last.format()).contains(" / ");
    }
}
