package io.punktfunk.host.gamestream.enet;

/**
 * One channel's receive side: reliable packets in sequence order, whole fragmented packets, and the
 * unreliable sequence filter. A command that arrives in order is delivered straight from the datagram;
 * only out-of-order commands and fragments are copied, into a ring of {@value #RING} slots indexed by
 * sequence number (slot buffers are kept and reused).
 *
 * <p>A fragmented packet of {@code n} fragments occupies reliable sequence numbers
 * {@code start .. start + n - 1}; it is delivered once every fragment is in and its turn has come.
 */
final class IncomingChannel {
    /** Reliable commands accepted ahead of the next expected one; beyond it they stay unacknowledged. */
    static final int RING = 256;

    /** What to do with a received reliable command. */
    static final int ACK = 0;
    /** Too far ahead to buffer: do not acknowledge, the sender will send it again. */
    static final int NO_ACK = 1;
    /** Already delivered: acknowledge again (the first acknowledgement was lost), deliver nothing. */
    static final int DUPLICATE = 2;
    /** The sender broke the protocol. */
    static final int VIOLATION = 3;

    /** Receives whole packets, in order. */
    interface Sink {
        void deliver(int channel, byte[] data, int offset, int length);
    }

    private final int channel;
    private final int maxPacketBytes;
    private int incomingReliableSeq;
    private int incomingUnreliableSeq;

    private final int[] slotSeq = new int[RING];
    private final byte[][] slotData = new byte[RING][];
    private final int[] slotLength = new int[RING];
    /** For fragments: count, number, total length, offset; count 0 marks a plain reliable packet. */
    private final int[] fragCount = new int[RING];
    private final int[] fragNumber = new int[RING];
    private final int[] fragTotal = new int[RING];
    private final int[] fragOffset = new int[RING];
    private byte[] assembly = new byte[0];
    private String violation;

    IncomingChannel(int channel, int maxPacketBytes) {
        this.channel = channel;
        this.maxPacketBytes = maxPacketBytes;
        java.util.Arrays.fill(slotSeq, -1);
    }

    /** Why the last {@link #VIOLATION} was returned. */
    String violation() {
        return violation;
    }

    /** A SEND_RELIABLE with sequence number {@code seq}. */
    int reliable(int seq, byte[] src, int off, int len, Sink sink) {
        int d = (seq - incomingReliableSeq) & 0xFFFF;
        if (d == 0 || d >= 0x8000) {
            return DUPLICATE;
        }
        if (d >= RING) {
            return NO_ACK;
        }
        int slot = seq & (RING - 1);
        if (slotSeq[slot] == seq) {
            return DUPLICATE;
        }
        if (d == 1) {
            advance(seq);
            sink.deliver(channel, src, off, len);
            return drain(sink);
        }
        store(slot, seq, src, off, len);
        fragCount[slot] = 0;
        return ACK;
    }

    /** A SEND_FRAGMENT with its own sequence number {@code seq}. */
    int fragment(int seq, int start, int count, int number, int total, int offset,
                 byte[] src, int off, int len, Sink sink) {
        if (count <= 0 || count > RING || number < 0 || number >= count || total <= 0 || total > maxPacketBytes
                || total < count || offset < 0 || offset >= total || len > total - offset
                || ((start + number) & 0xFFFF) != seq) {
            violation = "fragment " + number + "/" + count + " of a " + total + "-byte packet at offset " + offset
                    + " (length " + len + ", seq " + seq + ", start " + start + ")";
            return VIOLATION;
        }
        int d = (seq - incomingReliableSeq) & 0xFFFF;
        if (d == 0 || d >= 0x8000) {
            return DUPLICATE;
        }
        if (d >= RING || ((start + count - 1 - incomingReliableSeq) & 0xFFFF) >= RING) {
            return NO_ACK;
        }
        int slot = seq & (RING - 1);
        if (slotSeq[slot] == seq) {
            return DUPLICATE;
        }
        store(slot, seq, src, off, len);
        fragCount[slot] = count;
        fragNumber[slot] = number;
        fragTotal[slot] = total;
        fragOffset[slot] = offset;
        return drain(sink);
    }

    /** An unreliable packet: fresh if it follows the last delivered reliable one and is newer than the last unreliable. */
    boolean unreliable(int reliableSeq, int unreliableSeq) {
        if (reliableSeq != incomingReliableSeq) {
            return false;
        }
        int d = (unreliableSeq - incomingUnreliableSeq) & 0xFFFF;
        if (d == 0 || d >= 0x8000) {
            return false;
        }
        incomingUnreliableSeq = unreliableSeq;
        return true;
    }

    private void advance(int seq) {
        incomingReliableSeq = seq;
        incomingUnreliableSeq = 0; // a sender restarts its unreliable numbering after each reliable command
    }

    private void store(int slot, int seq, byte[] src, int off, int len) {
        byte[] buf = slotData[slot];
        if (buf == null || buf.length < len) {
            buf = new byte[Math.max(len, 64)];
            slotData[slot] = buf;
        }
        System.arraycopy(src, off, buf, 0, len);
        slotLength[slot] = len;
        slotSeq[slot] = seq;
    }

    /** Delivers what has become next in line. */
    private int drain(Sink sink) {
        while (true) {
            int next = (incomingReliableSeq + 1) & 0xFFFF;
            int slot = next & (RING - 1);
            if (slotSeq[slot] != next) {
                return ACK;
            }
            int count = fragCount[slot];
            if (count == 0) {
                slotSeq[slot] = -1;
                advance(next);
                sink.deliver(channel, slotData[slot], 0, slotLength[slot]);
                continue;
            }
            if (fragNumber[slot] != 0) {
                violation = "fragment " + fragNumber[slot] + " of seq " + next + " where a packet starts";
                return VIOLATION;
            }
            int total = fragTotal[slot];
            int sum = 0;
            for (int i = 0; i < count; i++) {
                int s = (next + i) & 0xFFFF;
                int k = s & (RING - 1);
                if (slotSeq[k] != s) {
                    return ACK; // not all fragments here yet
                }
                if (fragCount[k] != count || fragTotal[k] != total || fragNumber[k] != i || fragOffset[k] != sum) {
                    violation = "fragments of the packet at seq " + next + " disagree on count, length, number or offset";
                    return VIOLATION;
                }
                sum += slotLength[k];
            }
            if (sum != total) {
                violation = "fragments of the packet at seq " + next + " carry " + sum + " bytes, total says " + total;
                return VIOLATION;
            }
            if (assembly.length < total) {
                assembly = new byte[Math.max(total, 2 * assembly.length)];
            }
            for (int i = 0; i < count; i++) {
                int k = (next + i) & (RING - 1);
                System.arraycopy(slotData[k], 0, assembly, fragOffset[k], slotLength[k]);
                slotSeq[k] = -1;
            }
            advance((next + count - 1) & 0xFFFF);
            sink.deliver(channel, assembly, 0, total);
        }
    }
}
