package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the loopback figures for the report: QUIC connect time (cold and warm) and the control
 * message round trip (ClockProbe → ClockEcho) p50/p99. Asserts only that every round completed;
 * timing goals belong in benchmarks, not unit tests.
 */
class RoundTripMeasurementTest {
    @TempDir
    Path tmp;

    @Test
    void measureConnectAndRoundTrip() throws Exception {
        int connects = Integer.getInteger("pkf.measure.connects", 20);
        int rounds = Integer.getInteger("pkf.measure.rounds", 2000);
        try (Loopback lo = new Loopback(tmp)) {
            ControlClient c = lo.client("meter");
            lo.host.pairedClients().add(c.identity().fingerprint(), "meter");
            long[] connectNs = new long[connects];
            for (int i = 0; i < connects; i++) {
                long t0 = System.nanoTime();
                ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
                connectNs[i] = System.nanoTime() - t0;
                conn.quit("measured").get(20, TimeUnit.SECONDS);
            }
            ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            ClientControlSession s = conn.open(Loopback.hello("meter"), 0, new ClientControlSessionListener() { }).get(10, TimeUnit.SECONDS);
            long handshakeNs = System.nanoTime() - t0;
            for (int i = 0; i < 200; i++) {
                s.clockRound().get(20, TimeUnit.SECONDS); // warm-up
            }
            long[] rtt = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                s.clockRound().get(20, TimeUnit.SECONDS);
                rtt[i] = System.nanoTime() - t;
            }
            s.close("done").get(20, TimeUnit.SECONDS);

            long[] warm = Arrays.copyOfRange(connectNs, 1, connects);
            Arrays.sort(warm);
            Arrays.sort(rtt);
            System.out.printf("[measure] QUIC connect+control stream: first %.2f ms, warm p50 %.2f ms (min %.2f, max %.2f, n=%d)%n",
                    connectNs[0] / 1e6, warm[warm.length / 2] / 1e6, warm[0] / 1e6, warm[warm.length - 1] / 1e6, warm.length);
            System.out.printf("[measure] Hello→Welcome→Start: %.2f ms%n", handshakeNs / 1e6);
            System.out.printf("[measure] control RTT (ClockProbe→ClockEcho, loopback, n=%d): p50 %.1f µs, p99 %.1f µs, max %.1f µs%n",
                    rounds, rtt[rounds / 2] / 1e3, rtt[(int) (rounds * 0.99)] / 1e3, rtt[rounds - 1] / 1e3);
            assertThat(rtt[0]).isPositive();
        }
    }
}
