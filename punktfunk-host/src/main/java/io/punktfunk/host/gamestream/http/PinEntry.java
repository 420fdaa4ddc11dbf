package io.punktfunk.host.gamestream.http;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The PIN a Moonlight client shows, typed in on the host. Pairing phase 1 waits here (the HTTP
 * answer is held open) until the operator enters it ({@code punktfunk host gamestream-pin 1234},
 * or {@link #deliver} from the management API or a test). One client waits at a time. A
 * {@link PairingListener} hears every wait begin and end (the daemon's event stream).
 */
public final class PinEntry {
    /** A client waiting for its PIN. */
    public record Waiting(String clientName, InetAddress from, Instant since) {
    }

    private Waiting waiting;
    private CompletableFuture<String> pin;
    private volatile PairingListener listener = PairingListener.NONE;

    /** Where pairing events go (set once, when the host daemon wires GameStream in). */
    public void listener(PairingListener l) {
        this.listener = l == null ? PairingListener.NONE : l;
    }

    /** The listener in force. */
    public PairingListener listener() {
        return listener;
    }

    /** Registers a waiting client; empty if another one is already waiting. */
    synchronized Optional<CompletableFuture<String>> await(String clientName, InetAddress from) {
        if (pin != null && !pin.isDone()) {
            return Optional.empty();
        }
        waiting = new Waiting(clientName, from, Instant.now());
        pin = new CompletableFuture<>();
        listener.pinWanted(waiting);
        return Optional.of(pin);
    }

    /** The waiting client gave up or timed out. */
    synchronized void withdraw(CompletableFuture<String> f) {
        if (pin == f) {
            f.cancel(false);
            listener.pinClosed(waiting, "no PIN entered in time");
            pin = null;
            waiting = null;
        }
    }

    /** The client now waiting for a PIN, if any. */
    public synchronized Optional<Waiting> waiting() {
        return pin != null && !pin.isDone() ? Optional.ofNullable(waiting) : Optional.empty();
    }

    /**
     * Delivers the PIN to the waiting client. Throws {@link IllegalArgumentException} unless it is
     * exactly 4 digits; returns false when no client waits.
     */
    public synchronized boolean deliver(String value) {
        if (value == null || !value.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("a Moonlight PIN is exactly 4 digits");
        }
        if (pin == null || pin.isDone()) {
            return false;
        }
        pin.complete(value);
        listener.pinClosed(waiting, "PIN entered");
        pin = null;
        waiting = null;
        return true;
    }
}
