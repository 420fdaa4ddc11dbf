package io.punktfunk.host.gamestream.enet;

/** How a packet is sent (ENet's packet flags). */
public enum Delivery {
    /** Acknowledged, retransmitted, delivered once and in order per channel. */
    RELIABLE,
    /** Sent once; the receiver drops it if it is stale relative to the channel's reliable stream. */
    UNRELIABLE,
    /** Sent once, delivered in any order, duplicates dropped. */
    UNSEQUENCED
}
