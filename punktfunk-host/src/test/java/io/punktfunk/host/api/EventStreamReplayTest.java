package io.punktfunk.host.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.punktfunk.host.daemon.Host;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Last-Event-ID} on {@code /api/v1/events} against a real host: a reconnecting reader gets exactly
 * the events it missed and then the live ones; one that missed more than the host keeps, or whose id is from
 * before a restart, gets a {@code gap} event first; a malformed id is refused.
 */
class EventStreamReplayTest {
    static final long WAIT_S = 20;

    @TempDir
    static Path dir;
    static Host host;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        host = ApiClient.startHost(dir, Map.of());
        api = new ApiClient(host);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /** One SSE event as read: id null when it has none. */
    record Sse(Long id, String type, JsonNode data) {
    }

    /** A reader of one stream, its events in a queue (a thread reads the lines). */
    static final class Reader implements AutoCloseable {
        final LinkedBlockingQueue<Sse> events = new LinkedBlockingQueue<>();
        final HttpResponse<Stream<String>> response;

        Reader(String lastEventId, String types) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(api.base.resolve("/api/v1/events?types=" + types));
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            response = api.http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
            Thread.ofVirtual().start(() -> {
                Long id = null;
                String type = null;
                try {
                    for (String line : (Iterable<String>) response.body()::iterator) {
                        if (line.startsWith("id: ")) {
                            id = Long.parseLong(line.substring(4));
                        } else if (line.startsWith("event: ")) {
                            type = line.substring(7);
                        } else if (line.startsWith("data: ")) {
                            events.add(new Sse(id, type, ApiClient.JSON.readTree(line.substring(6))));
                        } else if (line.isEmpty()) {
                            id = null;
                            type = null;
                        }
                    }
                } catch (Exception e) {
                    // closed by the test
                }
            });
        }

        Sse next() throws InterruptedException {
            Sse e = events.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(e).as("an event within " + WAIT_S + " s").isNotNull();
            return e;
        }

        List<Sse> next(int n) throws InterruptedException {
            List<Sse> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(next());
            }
            return out;
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    private static long publish(String type, int n) {
        for (int i = 0; i < n; i++) {
            host.events().publish(type, JsonNodeFactory.instance.objectNode().put("n", i));
        }
        return host.events().lastId();
    }

    private static void awaitReaders(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (host.api().eventReaders() != n) {
            assertThat(System.nanoTime() - end).as(n + " readers within " + WAIT_S + " s").isNegative();
            Thread.sleep(10);
        }
    }

    @Test
    void aReconnectingReaderGetsWhatItMissedThenTheLiveEvents() throws Exception {
        long before = publish("replay.a", 3);
        publish("other.x", 2); // filtered out by types, also in the replay
        long last = publish("replay.a", 2);
        try (Reader r = new Reader(String.valueOf(before - 1), "replay")) {
            awaitReaders(1);
            long live = publish("replay.a", 1);
            List<Sse> got = r.next(4);
            assertThat(got).extracting(Sse::id).containsExactly(before, last - 1, last, live);
            assertThat(got).extracting(Sse::type).containsOnly("replay.a");
            assertThat(r.events.poll(300, TimeUnit.MILLISECONDS)).as("nothing repeated").isNull();
        }
        awaitReaders(0);
        // up to date: nothing replayed, only live events
        long now = host.events().lastId();
        try (Reader r = new Reader(String.valueOf(now), "replay")) {
            awaitReaders(1);
            long live = publish("replay.a", 1);
            assertThat(r.next().id()).isEqualTo(live);
        }
        awaitReaders(0);
    }

    @Test
    void aReaderThatMissedMoreThanIsKeptGetsAGapEventFirst() throws Exception {
        long first = publish("gap.a", 1);
        long last = publish("gap.a", EventStream.RETAINED + 10);
        long oldest = last - EventStream.RETAINED + 1;
        try (Reader r = new Reader(String.valueOf(first), "gap")) {
            Sse gap = r.next();
            assertThat(gap.type()).isEqualTo("gap");
            assertThat(gap.id()).as("a gap event has no id, so the reader's last id stays").isNull();
            assertThat(gap.data().get("last_event_id").asLong()).isEqualTo(first);
            assertThat(gap.data().get("oldest_kept").asLong()).isEqualTo(oldest);
            assertThat(gap.data().get("reason").asText()).contains("no longer kept");
            assertThat(r.next().id()).isEqualTo(oldest);
        }
        awaitReaders(0);
        // an id from before a restart (above anything this host sent): gap, then everything kept
        try (Reader r = new Reader(String.valueOf(last + 1_000_000), "gap")) {
            Sse gap = r.next();
            assertThat(gap.type()).isEqualTo("gap");
            assertThat(gap.data().get("reason").asText()).contains("restarted");
            assertThat(r.next().id()).isEqualTo(oldest);
        }
        awaitReaders(0);
    }

    @Test
    void aMalformedLastEventIdIsRefused() throws Exception {
        HttpResponse<String> r = api.http.send(HttpRequest.newBuilder(api.base.resolve("/api/v1/events"))
                .header("Last-Event-ID", "yesterday").timeout(Duration.ofSeconds(WAIT_S)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(ApiClient.json(r).get("detail").asText()).contains("Last-Event-ID");
    }
}
