package io.punktfunk.host.gamestream.enet;

/** What an {@link EnetServer} counts. Drops of hostile or broken input are counted here, never thrown. */
public enum EnetCounter {
    DATAGRAMS_RECEIVED("datagrams received"),
    DATAGRAMS_SENT("datagrams sent"),
    DATAGRAMS_SEND_DROPPED("datagrams the socket did not take"),
    MALFORMED_DROPPED("malformed datagrams or commands dropped (truncated header, unknown command, bad length)"),
    UNKNOWN_PEER_DROPPED("datagrams for no peer of ours (bad peer id, session or source address)"),
    COMPRESSED_DROPPED("compressed datagrams dropped (no compressor negotiated)"),
    CONNECTS_ACCEPTED("connections accepted"),
    CONNECTS_REFUSED("connections refused (no free peer, connect data not expected)"),
    DUPLICATES_DROPPED("reliable commands received twice"),
    OUT_OF_WINDOW_DROPPED("commands too far ahead of the receive window, left unacknowledged"),
    UNRELIABLE_DROPPED("unreliable or unsequenced packets dropped as stale or duplicate"),
    PACKETS_DELIVERED("packets delivered to the listener"),
    PACKETS_QUEUED("packets queued to peers"),
    RETRANSMISSIONS("reliable commands sent again"),
    PEERS_TIMED_OUT("peers dropped for not acknowledging"),
    PEERS_DISCONNECTED_FOR_VIOLATION("peers disconnected for breaking the protocol");

    private final String label;

    EnetCounter(String label) {
        this.label = label;
    }

    /** What the counter counts, for reports. */
    public String label() {
        return label;
    }
}
