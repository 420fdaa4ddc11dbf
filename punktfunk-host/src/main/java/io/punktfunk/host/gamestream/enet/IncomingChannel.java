package io.punktfunk.host.gamestream.enet;

/**
 * One channel's receive side: reliable packets in sequence order, whole fragmented packets, and unreliable
 * packets after the reliable one they follow. A command that arrives in order is delivered straight from the datagram;
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

    /** Unreliable packets that arrived before the reliable command they follow, in arrival order. */
    static final int EARLY = 32;
    private final int[] earlyReliableSeq = new int[EARLY];
    private final int[] earlyUnreliableSeq = new int[EARLY];
    private final byte[][] earlyData = new byte[EARLY][];
    private final int[] earlyLength = new int[EARLY];
    private int earlyCount;
    private int discarded;
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
            releaseEarly(sink);
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

    /**
     * A SEND_UNRELIABLE sent after reliable command {@code reliableSeq}: delivered now if that command was
     * the last one delivered and it is newer than the last unreliable packet; held (up to {@value #EARLY})
     * if that command has not arrived yet, and delivered right after it, as ENet does; dropped if stale.
     *
     * @return whether it was delivered or held (false: dropped)
     */
    boolean unreliable(int reliableSeq, int unreliableSeq, byte[] src, int off, int len, Sink sink) {
        int d = (reliableSeq - incomingReliableSeq) & 0xFFFF;
        if (d == 0) {
            if (!freshUnreliable(unreliableSeq)) {
                return false;
            }
            sink.deliver(channel, src, off, len);
            return true;
        }
        if (d >= RING || earlyCount == EARLY) {
            return false; // stale (d ≥ 0x8000 lands here too) or too much held
        }
        byte[] buf = earlyData[earlyCount];
        if (buf == null || buf.length < len) {
            buf = new byte[Math.max(len, 64)];
            earlyData[earlyCount] = buf;
        }
        System.arraycopy(src, off, buf, 0, len);
        earlyLength[earlyCount] = len;
        earlyReliableSeq[earlyCount] = reliableSeq;
        earlyUnreliableSeq[earlyCount] = unreliableSeq;
        earlyCount++;
        return true;
    }

    /** Held unreliable packets found stale since the last call (they are dropped). */
    int takeDiscarded() {
        int n = discarded;
        discarded = 0;
        return n;
    }

    private boolean freshUnreliable(int unreliableSeq) {
        int d = (unreliableSeq - incomingUnreliableSeq) & 0xFFFF;
        if (d == 0 || d >= 0x8000) {
            return false;
        }
        incomingUnreliableSeq = unreliableSeq;
        return true;
    }

    /** After a reliable delivery: hand on the held unreliable packets that follow it, drop the stale ones. */
    private void releaseEarly(Sink sink) {
        if (earlyCount == 0) {
            return;
        }
        int kept = 0;
        for (int i = 0; i < earlyCount; i++) {
            int d = (earlyReliableSeq[i] - incomingReliableSeq) & 0xFFFF;
            if (d == 0) {
                if (freshUnreliable(earlyUnreliableSeq[i])) {
                    sink.deliver(channel, earlyData[i], 0, earlyLength[i]);
                } else {
                    discarded++;
                }
            } else if (d >= 0x8000) {
                discarded++;
            } else {
                if (kept != i) { // keep arrival order; swap buffers so none is lost
                    byte[] t = earlyData[kept];
                    earlyData[kept] = earlyData[i];
                    earlyData[i] = t;
                    earlyLength[kept] = earlyLength[i];
                    earlyReliableSeq[kept] = earlyReliableSeq[i];
                    earlyUnreliableSeq[kept] = earlyUnreliableSeq[i];
                }
                kept++;
            }
        }
        earlyCount = kept;
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
                releaseEarly(sink);
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
            releaseEarly(sink);
        }
    }
}
