package io.punktfunk.host.gamestream.enet;

/** Why a peer left. */
public enum DisconnectReason {
    /** The client sent DISCONNECT. */
    CLIENT_DISCONNECTED,
    /** A reliable command stayed unacknowledged past the peer timeout. */
    TIMED_OUT,
    /** The client broke the protocol (bad channel, inconsistent fragments, oversize packet, backlog overflow). */
    PROTOCOL_VIOLATION,
    /** The host application disconnected it. */
    HOST_DISCONNECTED,
    /** The same client connected again with a new connect id; the old peer is dropped. */
    REPLACED,
    /** The server is closing. */
    SERVER_CLOSED
}
