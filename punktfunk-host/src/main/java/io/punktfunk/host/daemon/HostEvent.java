package io.punktfunk.host.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Something that happened on the host that an operator may want to see at once: a session started,
 * ended or reported its figures, a pairing window opened or closed, a client paired or was revoked,
 * settings changed, a Moonlight client waits for its PIN. {@code id} increases by one per event, so a reader can tell when it missed some.
 *
 * @param type one of the {@code *} constants, {@code topic.verb}
 */
public record HostEvent(long id, String type, Instant at, ObjectNode data) {
    public static final String SESSION_STARTED = "session.started";
    public static final String SESSION_ENDED = "session.ended";
    public static final String SESSION_STATS = "session.stats";
    public static final String PAIRING_ARMED = "pairing.armed";
    public static final String PAIRING_CLOSED = "pairing.closed";
    public static final String CLIENT_PAIRED = "client.paired";
    public static final String CLIENT_REVOKED = "client.revoked";
    public static final String SETTINGS_CHANGED = "settings.changed";
    /** A Moonlight client waits for the operator to enter the PIN it shows. */
    public static final String GAMESTREAM_PIN_WANTED = "gamestream.pin.wanted";
    /** That wait ended ({@code reason}). */
    public static final String GAMESTREAM_PIN_CLOSED = "gamestream.pin.closed";
    /** A Moonlight pairing failed at its last phase (wrong PIN …). */
    public static final String GAMESTREAM_PAIRING_FAILED = "gamestream.pairing.failed";
}
