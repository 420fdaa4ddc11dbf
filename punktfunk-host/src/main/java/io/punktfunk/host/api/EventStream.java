package io.punktfunk.host.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.host.daemon.HostEvent;
import io.punktfunk.host.daemon.HostEvents;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code GET /api/v1/events}: the host's events as server-sent events ({@code id}, {@code event} = the
 * type, {@code data} = one JSON object). One subscription to {@link HostEvents} serves every stream:
 * an event is formatted once and written to each. A stream that cannot keep up (more than
 * {@link #MAX_PENDING} events written but not yet flushed to its socket) misses events, counted,
 * instead of holding memory for it; the ids let a reader see the gap.
 * {@code ?types=session,pairing.closed} keeps events whose type equals or starts with an item.
 */
final class EventStream implements AutoCloseable {
    /** A comment line this often keeps proxies and idle timeouts from closing a quiet stream. */
    static final long KEEPALIVE_MS = 15_000;
    /**
     * Events a stream may have in flight: a minute of one session's stats with room to spare, about
     * 0.5 MB at most per reader. (Netty's writability flips at 64 KB and would drop events of a
     * healthy reader during a short burst.)
     */
    static final int MAX_PENDING = 1024;

    private record Reader(HttpServerResponse response, List<String> types, AtomicInteger pending) {
        boolean wants(String type) {
            return types.isEmpty() || types.stream().anyMatch(t -> type.equals(t) || type.startsWith(t + "."));
        }
    }

    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    private final LongAdder missed = new LongAdder();
    private final AutoCloseable subscription;
    private final Vertx vertx;
    private final long keepalive;

    EventStream(Vertx vertx, HostEvents events) {
        this.vertx = vertx;
        this.subscription = events.subscribe(this::publish);
        this.keepalive = vertx.setPeriodic(KEEPALIVE_MS, id -> readers.forEach(r -> write(r, ": keepalive\n\n")));
    }

    void handle(RoutingContext ctx) {
        String param = ctx.request().getParam("types");
        List<String> types = param == null || param.isBlank() ? List.of()
                : List.of(param.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        HttpServerResponse r = ctx.response();
        r.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        Reader reader = new Reader(r, types, new AtomicInteger());
        readers.add(reader);
        r.closeHandler(v -> readers.remove(reader));
        r.write("retry: 3000\n: punktfunk host events\n\n");
    }

    private void publish(HostEvent e) {
        if (readers.isEmpty()) {
            return;
        }
        ObjectNode data = e.data().deepCopy();
        data.put("at", e.at().toString());
        String text = "id: " + e.id() + "\nevent: " + e.type() + "\ndata: " + data + "\n\n";
        for (Reader r : readers) {
            if (r.wants(e.type())) {
                write(r, text);
            }
        }
    }

    private void write(Reader r, String text) {
        if (r.pending().incrementAndGet() > MAX_PENDING) {
            r.pending().decrementAndGet();
            missed.increment();
            return;
        }
        r.response().write(text).onComplete(done -> r.pending().decrementAndGet());
    }

    /** Streams open now. */
    int readers() {
        return readers.size();
    }

    /** Events not written because a stream's queue was full. */
    long missed() {
        return missed.sum();
    }

    @Override
    public void close() {
        vertx.cancelTimer(keepalive);
        try {
            subscription.close();
        } catch (Exception e) {
            // only removes a list entry
        }
        readers.forEach(r -> r.response().end());
        readers.clear();
    }
}
