package io.punktfunk.core.wire;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The packets of one frame in one reusable heap slab: packet {@code i} starts at
 * {@link #offset(int)} ({@code i × stride}) and is {@link #length(int)} bytes long. The packetizer
 * fills it, the sealer encrypts each packet in place, then the session copies the packets into the
 * transport's native send batch (one {@code MemorySegment.copy} each) for {@code sendBatch}.
 *
 * <p>Heap, not native, because the JDK's AES-GCM works on arrays without extra copies (direct
 * buffers cost it ~3 KB of garbage per packet, see docs/wire-format.md). The slab grows only when
 * a frame needs more packets than ever before, so the steady state allocates nothing.
 * Not thread-safe; hand a slab to one thread at a time.
 */
public final class PacketSlab {
    private final int stride;
    private byte[] slab;
    private MemorySegment segment;
    private int[] lengths;
    private int count;

    /**
     * @param maxDatagramBytes largest datagram a packet may hold (header + shard + tag)
     * @param initialPackets   packets to make room for up front
     */
    public PacketSlab(int maxDatagramBytes, int initialPackets) {
        if (maxDatagramBytes < MediaHeaderFlyweight.WIRE_OVERHEAD || initialPackets < 1) {
            throw new IllegalArgumentException("datagram batch needs room for a header and a tag and at least one packet");
        }
        // Multiple of 8 keeps every header's u64 fields 8-byte aligned relative to the slab start.
        this.stride = (maxDatagramBytes + 7) & ~7;
        this.slab = new byte[Math.multiplyExact(stride, initialPackets)];
        this.segment = MemorySegment.ofArray(slab);
        this.lengths = new int[initialPackets];
    }

    /** Empties the batch; capacity is kept. */
    public void clear() {
        count = 0;
    }

    /** Makes room for at least {@code packets} packets in total; keeps existing contents. */
    public void ensureCapacity(int packets) {
        if (packets <= lengths.length) {
            return;
        }
        int grown = Math.max(packets, lengths.length + (lengths.length >> 1));
        slab = Arrays.copyOf(slab, Math.multiplyExact(stride, grown));
        segment = MemorySegment.ofArray(slab);
        lengths = Arrays.copyOf(lengths, grown);
    }

    /** Sets the batch to {@code packets} slots of {@code length} bytes each; call {@link #ensureCapacity} first. */
    public void fillUniform(int packets, int length) {
        if (length > stride || length < 0 || packets > lengths.length || packets < 0) {
            throw new IllegalArgumentException(packets + " datagrams of " + length + " bytes do not fit this batch");
        }
        Arrays.fill(lengths, 0, packets, length);
        count = packets;
    }

    /** Number of packets in the batch. */
    public int count() {
        return count;
    }

    /** Byte offset of packet {@code i} in {@link #array()} and {@link #segment()}. */
    public int offset(int i) {
        return i * stride;
    }

    /** Length of packet {@code i} in bytes. */
    public int length(int i) {
        return lengths[i];
    }

    /** Distance between two packets' starts; the largest datagram a slot holds. */
    public int stride() {
        return stride;
    }

    /** The slab; valid until the next {@link #ensureCapacity} that grows it. */
    public byte[] array() {
        return slab;
    }

    /** A heap segment over {@link #array()}; same validity. */
    public MemorySegment segment() {
        return segment;
    }
}
