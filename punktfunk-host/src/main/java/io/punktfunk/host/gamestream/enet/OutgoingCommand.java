package io.punktfunk.host.gamestream.enet;

/**
 * One encoded command waiting to go out or, if reliable, waiting for its acknowledgement. Instances and
 * their byte arrays are pooled per peer, so steady sending allocates nothing.
 */
final class OutgoingCommand {
    final byte[] bytes;
    int length;
    int channel;
    int seq;
    boolean reliable;
    /** Millisecond time of the first transmission, -1 before it. */
    long firstSentMs;
    long retransmitAtMs;
    int attempts;

    OutgoingCommand(int capacity) {
        this.bytes = new byte[capacity];
    }

    OutgoingCommand reset(int channel, int seq, boolean reliable) {
        this.channel = channel;
        this.seq = seq;
        this.reliable = reliable;
        this.length = 0;
        this.firstSentMs = -1;
        this.retransmitAtMs = 0;
        this.attempts = 0;
        return this;
    }

    int type() {
        return bytes[0] & EnetProtocol.COMMAND_TYPE_MASK;
    }
}
