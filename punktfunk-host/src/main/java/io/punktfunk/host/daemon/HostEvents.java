package io.punktfunk.host.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's event stream: publishers call {@link #publish} from any thread (event loops included),
 * subscribers are called on the publishing thread and must only hand the event on (the management
 * API queues it to its own event loop). A throwing subscriber is logged and skipped, never the publisher's problem.
 */
public final class HostEvents {
    private static final Logger LOG = LoggerFactory.getLogger(HostEvents.class);
    private final CopyOnWriteArrayList<Consumer<HostEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /** Adds a subscriber; the returned handle removes it. */
    public AutoCloseable subscribe(Consumer<HostEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Ids are handed out and delivered under one lock, so every subscriber sees them in increasing order. */
    public synchronized void publish(String type, ObjectNode data) {
        HostEvent e = new HostEvent(ids.incrementAndGet(), type, Instant.now(), data);
        for (Consumer<HostEvent> s : subscribers) {
            try {
                s.accept(e);
            } catch (RuntimeException ex) {
                LOG.warn("event subscriber failed on {}: {}", type, ex.toString());
            }
        }
    }

    /** The id the last event got (0 before the first). */
    public long lastId() {
        return ids.get();
    }
}
