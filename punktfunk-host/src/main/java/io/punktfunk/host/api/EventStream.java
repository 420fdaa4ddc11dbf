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
 * <p>
 * Replay: the last {@link #RETAINED} events are kept (formatted). A reader that reconnects with
 * {@code Last-Event-ID: N} (browsers' {@code EventSource} send it by themselves) first gets every kept
 * event after N that it wants, then the live ones, with none lost or repeated in between. When events
 * after N are no longer kept, or N is from before a host restart (above the last id), a {@code gap}
 * event (no id) says so before the kept ones.
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
    /** Events kept for replay: about four minutes of four sessions' stats, 0.5 MB at most. */
    static final int RETAINED = 1024;
    /** The SSE type of the event that says a reconnecting reader missed events that are no longer kept. */
    static final String GAP = "gap";

    private record Kept(long id, String type, String text) {
    }

    private record Reader(HttpServerResponse response, List<String> types, AtomicInteger pending) {
        boolean wants(String type) {
            return types.isEmpty() || types.stream().anyMatch(t -> type.equals(t) || type.startsWith(t + "."));
        }
    }

    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    /** The last {@link #RETAINED} events, oldest first; guarded by itself, as is adding a reader, so replay and live meet. */
    private final java.util.ArrayDeque<Kept> kept = new java.util.ArrayDeque<>(RETAINED);
    private final LongAdder replayed = new LongAdder();
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
        String lastHeader = ctx.request().getHeader("Last-Event-ID");
        long last = -1;
        if (lastHeader != null && !lastHeader.isBlank()) {
            try {
                last = Long.parseLong(lastHeader.strip());
            } catch (NumberFormatException e) {
                last = -2;
            }
            if (last < 0) {
                Problem.send(ctx, 400, "Bad Request", "Last-Event-ID is the id of an event this host sent, not '"
                        + lastHeader + "'");
                return;
            }
        }
        String param = ctx.request().getParam("types");
        List<String> types = param == null || param.isBlank() ? List.of()
                : List.of(param.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        HttpServerResponse r = ctx.response();
        r.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        Reader reader = new Reader(r, types, new AtomicInteger());
        r.closeHandler(v -> readers.remove(reader));
        StringBuilder start = new StringBuilder("retry: 3000\n: punktfunk host events\n\n");
        synchronized (kept) {
            if (last >= 0) {
                replay(reader, last, start);
            }
            r.write(start.toString()); // one write: a replay counts once against the reader's pending bound
            readers.add(reader);
        }
    }

    /** Kept events after {@code last} that {@code reader} wants, behind a gap event if some are gone. Holds {@code kept}. */
    private void replay(Reader reader, long last, StringBuilder out) {
        long newest = kept.isEmpty() ? 0 : kept.getLast().id();
        long oldest = kept.isEmpty() ? newest + 1 : kept.getFirst().id();
        if (last > newest) {
            gap(out, last, oldest, "the host restarted since event " + last + " (ids start again)");
        } else if (last + 1 < oldest) {
            gap(out, last, oldest, "events " + (last + 1) + ".." + (oldest - 1) + " are no longer kept");
        }
        for (Kept k : kept) {
            if ((k.id() > last || last > newest) && reader.wants(k.type())) {
                out.append(k.text());
                replayed.increment();
            }
        }
    }

    private static void gap(StringBuilder out, long last, long oldest, String reason) {
        ObjectNode d = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        d.put("last_event_id", last);
        d.put("oldest_kept", oldest);
        d.put("reason", reason);
        out.append("event: ").append(GAP).append("\ndata: ").append(d).append("\n\n");
    }

    private void publish(HostEvent e) {
        ObjectNode data = e.data().deepCopy();
        data.put("at", e.at().toString());
        String text = "id: " + e.id() + "\nevent: " + e.type() + "\ndata: " + data + "\n\n";
        synchronized (kept) {
            if (kept.size() == RETAINED) {
                kept.removeFirst();
            }
            kept.addLast(new Kept(e.id(), e.type(), text));
            for (Reader r : readers) {
                if (r.wants(e.type())) {
                    write(r, text);
                }
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

    /** Events written again to readers that reconnected with Last-Event-ID. */
    long replayed() {
        return replayed.sum();
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
