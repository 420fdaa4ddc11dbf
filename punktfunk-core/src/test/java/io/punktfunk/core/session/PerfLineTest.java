package io.punktfunk.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PerfLineTest {

    @Test
    void formatsRatesAndPerPacketTimes() {
        String line = PerfLine.format("host", 1_000_000_000L, 250_000_000L, 125_000_000L, 3, 10, 1000, 60,
                400_000L, 900_000L, 100_000L);
        assertThat(line).isEqualTo("perf host: tx_mbps attempted=2000.0 sent=1000.0 send_dropped=3 send_dropped_total=10"
                + " frames=60 sealed_pkts=1000 fec_ns_pp=400 seal_ns_pp=900 sock_ns_pp=100 window_ms=1000");
    }

    @Test
    void rollReportsDeltasOfTheWindow() {
        PerfLine perf = new PerfLine(0);
        assertThat(perf.due(999_999_999L)).isFalse();
        assertThat(perf.due(1_000_000_000L)).isTrue();
        perf.roll("h", 1_000_000_000L, 1000, 1000, 1, 10, 1, 100, 100, 100);
        String second = perf.roll("h", 3_000_000_000L, 1000 + 500_000, 1000 + 250_000, 4, 10 + 100, 1 + 5,
                100 + 1000, 100 + 2000, 100 + 3000);
        assertThat(second).isEqualTo("perf h: tx_mbps attempted=2.0 sent=1.0 send_dropped=3 send_dropped_total=4"
                + " frames=5 sealed_pkts=100 fec_ns_pp=10 seal_ns_pp=20 sock_ns_pp=30 window_ms=2000");
        assertThat(perf.due(3_999_999_999L)).isFalse();
    }
}
