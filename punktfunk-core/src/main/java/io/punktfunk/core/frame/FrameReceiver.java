package io.punktfunk.core.frame;

import io.punktfunk.core.crypto.PacketOpener;
import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.MemorySegment;

/**
 * The receive half of the packet layer, one datagram at a time:
 *
 * <pre>
 * firewall (ReassemblerLimits.check) → unneeded? (Reassembler.isUnneeded, read-only)
 *   → replay plausible → AES-GCM open in place → replay accept (PacketOpener)
 *   → probe: counted │ media: Reassembler.accept → poll() whole frames
 * </pre>
 *
 * Reassembly state changes only after the tag verified, so a sender without the key cannot
 * create frames or pin geometry. Counts {@code packets_received}/{@code bytes_received} and
 * exactly one of accepted, unneeded or dropped-with-reason per datagram; nothing a peer sends makes
 * it throw. Not thread-safe: one receive thread owns it.
 */
public final class FrameReceiver {
    private final ReassemblerLimits limits;
    private final PacketOpener opener;
    private final Reassembler reassembler;
    private final DataPlaneCounters counters;
    private final byte[] scratch = new byte[ReassemblerLimits.MAX_DATAGRAM_BYTES];
    private final MemorySegment scratchSegment = MemorySegment.ofArray(scratch);
    private byte[] viewArray;
    private MemorySegment view = MemorySegment.NULL;

    public FrameReceiver(Reassembler reassembler, PacketOpener opener, DataPlaneCounters counters) {
        this.limits = reassembler.limits();
        this.opener = opener;
        this.reassembler = reassembler;
        this.counters = counters;
    }

    public Reassembler reassembler() {
        return reassembler;
    }

    /**
     * Takes one received datagram; decrypts it in place in {@code buf}.
     *
     * @return true if accepted, false if unneeded or dropped (counted either way)
     */
    public boolean onDatagram(byte[] buf, int off, int len, long nowNs) {
        counters.increment(DataPlaneCounter.PACKETS_RECEIVED);
        counters.add(DataPlaneCounter.BYTES_RECEIVED, len);
        if (off < 0 || len < 0 || off > buf.length - len) {
            counters.drop(DataPlaneCounter.DROP_MALFORMED);
            return false;
        }
        MemorySegment s = view(buf);
        DataPlaneCounter reason = limits.check(s, off, len);
        if (reason != null) {
            counters.drop(reason);
            return false;
        }
        boolean probe = (MediaHeaderFlyweight.flags(s, off) & MediaHeaderFlyweight.FLAG_PROBE) != 0;
        if (!probe && reassembler.isUnneeded(s, off)) {
            reassembler.countUnneeded();
            return false;
        }
        if (!opener.open(buf, off, len, nowNs)) {
            return false;
        }
        if (probe) {
            counters.increment(DataPlaneCounter.PROBE_PACKETS_RECEIVED);
            counters.add(DataPlaneCounter.PROBE_BYTES_RECEIVED, len);
            counters.increment(DataPlaneCounter.PACKETS_ACCEPTED);
            return true;
        }
        return reassembler.accept(buf, off, nowNs);
    }

    /**
     * Takes one datagram from a transport's (native) receive slab: it is copied into a reused heap
     * buffer first, because the JDK's AES-GCM is cheapest on arrays. The slab is left untouched.
     */
    public boolean onDatagram(MemorySegment slab, long off, int len, long nowNs) {
        if (len < 0 || len > scratch.length || off < 0 || off > slab.byteSize() - len) {
            counters.increment(DataPlaneCounter.PACKETS_RECEIVED);
            counters.add(DataPlaneCounter.BYTES_RECEIVED, Math.max(len, 0));
            counters.drop(len > scratch.length ? DataPlaneCounter.DROP_TRUNCATED : DataPlaneCounter.DROP_MALFORMED);
            return false;
        }
        MemorySegment.copy(slab, off, scratchSegment, 0, len);
        return onDatagram(scratch, 0, len, nowNs);
    }

    /** Counts a datagram the transport had to cut because it filled the receive buffer; dropped on every path alike. */
    public void onTruncated(int len) {
        counters.increment(DataPlaneCounter.PACKETS_RECEIVED);
        counters.add(DataPlaneCounter.BYTES_RECEIVED, len);
        counters.drop(DataPlaneCounter.DROP_TRUNCATED);
    }

    /** Delivers the next completed frame into {@code out}; see {@link Reassembler#poll}. */
    public boolean poll(long nowNs, ReassembledFrame out) {
        return reassembler.poll(nowNs, out);
    }

    private MemorySegment view(byte[] buf) {
        if (buf != viewArray) {
            viewArray = buf;
            view = MemorySegment.ofArray(buf);
        }
        return view;
    }
}
