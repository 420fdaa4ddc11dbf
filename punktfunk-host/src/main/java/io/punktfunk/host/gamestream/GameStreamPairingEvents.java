package io.punktfunk.host.gamestream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.host.daemon.HostEvent;
import io.punktfunk.host.daemon.HostEvents;
import io.punktfunk.host.gamestream.http.PairingListener;
import io.punktfunk.host.gamestream.http.PinEntry;

/** GameStream's pairing ceremony as the daemon's events (management API {@code /events}, the web console). */
final class GameStreamPairingEvents implements PairingListener {
    static final String PROTOCOL = "gamestream";
    private final HostEvents events;

    GameStreamPairingEvents(HostEvents events) {
        this.events = events;
    }

    @Override
    public void pinWanted(PinEntry.Waiting w) {
        events.publish(HostEvent.GAMESTREAM_PIN_WANTED, waiting(w));
    }

    @Override
    public void pinClosed(PinEntry.Waiting w, String reason) {
        events.publish(HostEvent.GAMESTREAM_PIN_CLOSED, waiting(w).put("reason", reason));
    }

    @Override
    public void paired(String clientName, String fingerprint) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("protocol", PROTOCOL);
        d.put("id", fingerprint);
        d.put("name", clientName);
        events.publish(HostEvent.CLIENT_PAIRED, d);
    }

    @Override
    public void failed(String clientName, String reason) {
        events.publish(HostEvent.GAMESTREAM_PAIRING_FAILED, JsonNodeFactory.instance.objectNode().put("client", clientName)
                .put("reason", reason));
    }

    private static ObjectNode waiting(PinEntry.Waiting w) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("client", w == null ? "" : w.clientName());
        d.put("address", w == null || w.from() == null ? "" : w.from().getHostAddress());
        return d;
    }
}
