package io.punktfunk.host.gamestream.control;

/** What a {@link GameStreamControlServer} counts on top of its ENet layer's counters. */
public enum ControlCounter {
    MESSAGES_RECEIVED("control messages opened"),
    NOT_ENCRYPTED_DROPPED("messages without the encrypted envelope, dropped"),
    BAD_TAG_DROPPED("messages whose GCM tag did not verify, dropped"),
    MALFORMED_DROPPED("messages with a wrong inner length or a short payload, dropped"),
    UNKNOWN_TYPE_IGNORED("messages of a type the host does not handle"),
    FROM_STALE_PEER_DROPPED("messages from a connection that is no longer the session's"),
    KEYFRAME_REQUESTS("IDR requests and reference-frame invalidations"),
    FEC_STATUS_REPORTS("frame FEC status reports"),
    LOSS_STATS_REPORTS("loss statistics (older clients), ignored"),
    PINGS("periodic pings"),
    INPUT_MESSAGES("input messages"),
    MESSAGES_SENT("messages sent"),
    SEND_SKIPPED("messages not sent because no client is connected");

    private final String label;

    ControlCounter(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
