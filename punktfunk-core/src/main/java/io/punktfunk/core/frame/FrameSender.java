package io.punktfunk.core.frame;

import io.punktfunk.core.crypto.PacketSealer;
import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.wire.PacketSlab;
import java.lang.foreign.MemorySegment;

/**
 * The send half of the packet layer: frame → {@link Packetizer} → {@link PacketSealer} → a batch
 * of sealed datagrams ready for {@code Transport.sendBatch}. Counts {@code frames_submitted};
 * packets and bytes sent are counted by the transport ({@code TransportCounter}), since only it
 * knows what the kernel took. Not thread-safe.
 */
public final class FrameSender {
    private final Packetizer packetizer;
    private final PacketSealer sealer;
    private final DataPlaneCounters counters;

    public FrameSender(Packetizer packetizer, PacketSealer sealer, DataPlaneCounters counters) {
        this.packetizer = packetizer;
        this.sealer = sealer;
        this.counters = counters;
    }

    public Packetizer packetizer() {
        return packetizer;
    }

    /**
     * Packetizes and seals one frame into {@code out} (its previous contents are replaced).
     *
     * @return the number of datagrams in {@code out}
     */
    public int submit(MemorySegment frame, long off, long len, int frameIndex, long ptsNs, int userFlags,
                      boolean probe, PacketSlab out) {
        int packets = packetizer.packetize(frame, off, len, frameIndex, ptsNs, userFlags, probe, out);
        sealer.sealBatch(out);
        counters.increment(DataPlaneCounter.FRAMES_SUBMITTED);
        return packets;
    }

    /** {@link #submit(MemorySegment, long, long, int, long, int, boolean, PacketSlab)} for a heap frame. */
    public int submit(byte[] frame, int off, int len, int frameIndex, long ptsNs, int userFlags,
                      boolean probe, PacketSlab out) {
        int packets = packetizer.packetize(frame, off, len, frameIndex, ptsNs, userFlags, probe, out);
        sealer.sealBatch(out);
        counters.increment(DataPlaneCounter.FRAMES_SUBMITTED);
        return packets;
    }
}
