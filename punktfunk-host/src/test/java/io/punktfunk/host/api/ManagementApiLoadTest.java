package io.punktfunk.host.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.punktfunk.host.daemon.Host;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request latency of the management API while 100 server-sent-event readers are connected and
 * events flow to all of them: prints p50/p99 of sequential {@code GET /api/v1/sessions} and
 * {@code GET /metrics} without and with the readers ({@code api-bench:} lines). The figures are
 * printed, not asserted; the test asserts that every reader received every event.
 */
class ManagementApiLoadTest {
    static final int READERS = Integer.getInteger("punktfunk.api.bench.readers", 100);
    static final int REQUESTS = Integer.getInteger("punktfunk.api.bench.requests", 400);
    static final int EVENTS = 200;

    @TempDir
    Path dir;

    @Test
    void latencyWithAHundredEventReaders() throws Exception {
        try (Host host = ApiClient.startHost(dir, Map.of())) {
            ApiClient api = new ApiClient(host);
            measure(api, "idle", "/api/v1/sessions", REQUESTS / 4); // warm-up: TLS, JIT
            print("no readers", measure(api, "no readers", "/api/v1/sessions", REQUESTS),
                    measure(api, "no readers", "/metrics", REQUESTS));

            CountDownLatch connected = new CountDownLatch(READERS);
            AtomicInteger[] received = new AtomicInteger[READERS];
            List<InputStream> streams = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                AtomicInteger count = received[i] = new AtomicInteger();
                HttpResponse<InputStream> r = api.http.send(HttpRequest.newBuilder(api.base.resolve("/api/v1/events?types=bench"))
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(r.statusCode()).isEqualTo(200);
                streams.add(r.body());
                threads.add(Thread.ofVirtual().start(() -> {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                        connected.countDown();
                        for (String line; (line = in.readLine()) != null; ) {
                            if (line.equals("event: bench.tick")) {
                                count.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        // closed at the end of the test
                    }
                }));
            }
            assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();
            awaitReaders(host, READERS);

            // events flow to every reader while requests are measured: 200 events, one every 10 ms
            Thread publisher = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < EVENTS; i++) {
                    host.events().publish("bench.tick", JsonNodeFactory.instance.objectNode().put("n", i));
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long[] sessions = measure(api, READERS + " readers", "/api/v1/sessions", REQUESTS);
            long[] metrics = measure(api, READERS + " readers", "/metrics", REQUESTS);
            publisher.join();
            print(READERS + " readers", sessions, metrics);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && Arrays.stream(received).anyMatch(c -> c.get() < EVENTS)) {
                Thread.sleep(50);
            }
            int[] counts = Arrays.stream(received).mapToInt(AtomicInteger::get).toArray();
            System.out.printf(Locale.ROOT, "api-bench: %d readers received %d..%d of %d events%n", READERS,
                    Arrays.stream(counts).min().orElse(0), Arrays.stream(counts).max().orElse(0), EVENTS);
            assertThat(counts).as("events each reader received (%d missed by full streams)", host.api().eventsMissed())
                    .containsOnly(EVENTS);
            for (InputStream s : streams) {
                s.close();
            }
            for (Thread t : threads) {
                t.join(5000);
            }
        }
    }

    private static void awaitReaders(Host host, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (host.api().eventReaders() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(host.api().eventReaders()).isEqualTo(n);
    }

    /** Latencies (ns) of {@code count} sequential GETs of {@code path}, sorted. */
    private static long[] measure(ApiClient api, String phase, String path, int count) throws Exception {
        long[] ns = new long[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = api.get(path);
            ns[i] = System.nanoTime() - t0;
            assertThat(r.statusCode()).as(phase + " " + path).isEqualTo(200);
        }
        Arrays.sort(ns);
        return ns;
    }

    private static void print(String phase, long[] sessions, long[] metrics) {
        System.out.printf(Locale.ROOT, "api-bench: %-12s GET /api/v1/sessions p50 %.2f ms p99 %.2f ms | GET /metrics p50 %.2f ms"
                + " p99 %.2f ms (%d requests each, sequential, keep-alive HTTPS)%n", phase, ms(sessions, 0.50), ms(sessions, 0.99),
                ms(metrics, 0.50), ms(metrics, 0.99), sessions.length);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
