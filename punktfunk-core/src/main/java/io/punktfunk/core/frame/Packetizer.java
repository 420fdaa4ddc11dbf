package io.punktfunk.core.frame;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.wire.PacketSlab;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Cuts a frame into datagrams (punktfunk-reference.md §1.5): data shards of {@code shardBytes}
 * (the last zero-padded), blocks of at most K of them, per block
 * {@code m = recoveryFor(k, pct)} parity shards clamped to {@link FecConfig#maxTotalShards()},
 * and emits all blocks' data first, then all parity. Headers are complete except the sequence,
 * which the sealer stamps; each datagram has room for the tag.
 *
 * <p>Work buffers (a plaintext copy of the frame's data shards, the parity shards) live as long as
 * the packetizer and grow only for a bigger frame than ever seen, so the steady state allocates
 * nothing. Not thread-safe.
 */
public final class Packetizer {
    private final FecConfig fec;
    private final int shardBytes;
    private final long maxFrameBytes;
    private final ErasureCoder coder;
    private final MediaHeaderFlyweight header = new MediaHeaderFlyweight();
    private volatile int fecPercent;
    /** Plaintext copies of the frame's data shards, all blocks: sealing may encrypt the slab's first. */
    private byte[][] originals = new byte[0][];
    /** One block's originals, referenced from {@link #originals} (the coder takes shards from index 0). */
    private byte[][] blockOriginals = new byte[0][];
    private byte[][] recovery = new byte[0][];
    private byte[] lastFrameArray;
    private MemorySegment lastFrameSegment;
    private final PendingLayout pending = new PendingLayout();

    /**
     * @param fec           negotiated FEC settings; its percentage is the starting value
     * @param shardBytes    shard payload per datagram (even for GF(2^16))
     * @param maxFrameBytes largest frame the receiver accepts
     * @param coder         the coder for {@code fec.scheme()}
     */
    public Packetizer(FecConfig fec, int shardBytes, long maxFrameBytes, ErasureCoder coder) {
        if (coder == null || coder.scheme() != fec.scheme()) {
            throw new IllegalArgumentException("packetizer needs a coder for " + fec.scheme().vectorName());
        }
        ReassemblerLimits.checkShardBytes(fec.scheme(), shardBytes);
        if (maxFrameBytes < 0 || maxFrameBytes > 0xFFFF_FFFFL
                || FrameGeometry.blockCount(FrameGeometry.totalDataShards(maxFrameBytes, shardBytes), fec.maxDataPerBlock()) > 0xFFFF) {
            throw new IllegalArgumentException("max frame bytes " + maxFrameBytes + " does not fit the header's u32 size and u16 block count");
        }
        this.fec = fec;
        this.shardBytes = shardBytes;
        this.maxFrameBytes = maxFrameBytes;
        this.coder = coder;
        this.fecPercent = fec.fecPercent();
    }

    /** Changes the parity percentage from the next frame on (adaptive FEC); clamped to {@code [0, 90]}. */
    public void fecPercent(int percent) {
        this.fecPercent = Math.clamp(percent, 0, FecConfig.MAX_FEC_PERCENT);
    }

    public int fecPercent() {
        return fecPercent;
    }

    public int shardBytes() {
        return shardBytes;
    }

    /** Bytes of every datagram this packetizer emits: header + shard + tag. */
    public int datagramBytes() {
        return MediaHeaderFlyweight.WIRE_OVERHEAD + shardBytes;
    }

    /** Parity shards of a block of {@code k} data shards at the current percentage, after clamping. */
    public int recoveryShards(int k) {
        return Math.min(FecConfig.recoveryFor(k, fecPercent), fec.maxTotalShards() - k);
    }

    /** Packetizes a frame held in a {@code byte[]}; see {@link #packetize(MemorySegment, long, long, int, long, int, boolean, PacketSlab)}. */
    public int packetize(byte[] frame, int off, int len, int frameIndex, long ptsNs, int userFlags,
                         boolean probe, PacketSlab out) {
        if (frame != lastFrameArray) {
            // Encoders reuse their output array, so the segment view is made once, not per frame.
            lastFrameArray = frame;
            lastFrameSegment = MemorySegment.ofArray(frame);
        }
        return packetize(lastFrameSegment, off, len, frameIndex, ptsNs, userFlags, probe, out);
    }

    /**
     * Replaces the contents of {@code out} with the datagrams of one frame: {@link #packetizeData}
     * then {@link #packetizeParity}.
     *
     * @param frame      the encoded access unit
     * @param off        its start in {@code frame}
     * @param len        its length, at most the max frame bytes
     * @param frameIndex caller-owned frame index (RFI ranges stay 1:1 with the encoder)
     * @param ptsNs      presentation time stamp
     * @param userFlags  {@code user flags} header field
     * @param probe      speed-test filler (FLAG_PROBE instead of FLAG_PICTURE)
     * @param out        receives the datagrams; its slot stride must fit {@link #datagramBytes()}
     * @return the number of datagrams
     */
    public int packetize(MemorySegment frame, long off, long len, int frameIndex, long ptsNs, int userFlags,
                         boolean probe, PacketSlab out) {
        packetizeData(frame, off, len, frameIndex, ptsNs, userFlags, probe, out);
        return packetizeParity(out);
    }

    /**
     * First half of {@link #packetize}: lays out all {@link #plannedPackets()} datagrams of the frame
     * in {@code out} and fills the data ones, which come first on the wire. They are complete (up to
     * the sequence the sealer stamps) and may be sealed and sent before {@link #packetizeParity}
     * computes the rest, so a big frame's data leaves while its parity is being computed.
     *
     * @return the number of data datagrams, {@code [0, n)} of {@code out}
     */
    public int packetizeData(MemorySegment frame, long off, long len, int frameIndex, long ptsNs, int userFlags,
                             boolean probe, PacketSlab out) {
        if (len < 0 || len > maxFrameBytes) {
            throw new IllegalArgumentException("frame of " + len + " bytes exceeds the negotiated " + maxFrameBytes);
        }
        int percent = fecPercent;
        int k0 = fec.maxDataPerBlock();
        int totalData = (int) FrameGeometry.totalDataShards(len, shardBytes);
        int blockCount = (int) FrameGeometry.blockCount(totalData, k0);
        int lastK = (int) FrameGeometry.dataShardsOf(blockCount - 1, blockCount, totalData, k0);
        int fullM = Math.min(FecConfig.recoveryFor(k0, percent), fec.maxTotalShards() - k0);
        int lastM = Math.min(FecConfig.recoveryFor(lastK, percent), fec.maxTotalShards() - lastK);
        int packets = totalData + (blockCount - 1) * fullM + lastM;

        out.clear();
        out.ensureCapacity(packets);
        out.fillUniform(packets, datagramBytes());
        byte[] slab = out.array();
        MemorySegment slabSegment = out.segment();
        int baseFlags = probe ? MediaHeaderFlyweight.FLAG_PROBE : MediaHeaderFlyweight.FLAG_PICTURE;
        pending.set(out, frameIndex, ptsNs, len, userFlags, baseFlags, k0, totalData, blockCount, lastK, fullM, lastM,
                packets);
        if (fullM > 0 || lastM > 0) {
            ensureWork(totalData, Math.max(fullM, lastM));
        }
        for (int b = 0; b < blockCount; b++) {
            int k = pending.k(b);
            int m = pending.m(b);
            for (int i = 0; i < k; i++) {
                int d = b * k0 + i;
                int pktOff = out.offset(d);
                writeHeader(slabSegment, pktOff, baseFlags, d, packets, frameIndex, ptsNs, len, userFlags, b, blockCount, i, k, m);
                int shardOff = pktOff + MediaHeaderFlyweight.HEADER_LENGTH;
                long from = (long) d * shardBytes;
                int n = (int) Math.min(shardBytes, len - from);
                MemorySegment.copy(frame, off + from, slabSegment, shardOff, n);
                if (n < shardBytes) {
                    Arrays.fill(slab, shardOff + n, shardOff + shardBytes, (byte) 0);
                }
                if (m > 0) {
                    System.arraycopy(slab, shardOff, originals[d], 0, shardBytes);
                }
            }
        }
        return totalData;
    }

    /** Datagrams of the frame {@link #packetizeData} laid out last: data and parity. */
    public int plannedPackets() {
        return pending.packets;
    }

    /**
     * Second half of {@link #packetize}: computes every block's parity from the plaintext copies
     * {@link #packetizeData} kept (the data datagrams in {@code out} may have been sealed in place
     * meanwhile) and writes the parity datagrams after them.
     *
     * @return the number of datagrams, data and parity
     * @throws IllegalStateException if {@code out} is not the slab the last {@code packetizeData} filled
     */
    public int packetizeParity(PacketSlab out) {
        PendingLayout f = pending;
        if (f.slab != out) {
            throw new IllegalStateException("packetizeParity needs the slab packetizeData filled");
        }
        f.slab = null;
        byte[] slab = out.array();
        MemorySegment slabSegment = out.segment();
        int parityBase = f.totalData;
        for (int b = 0; b < f.blockCount; b++) {
            int k = f.k(b);
            int m = f.m(b);
            if (m == 0) {
                continue;
            }
            System.arraycopy(originals, b * f.k0, blockOriginals, 0, k);
            coder.encode(blockOriginals, k, recovery, m, shardBytes);
            for (int j = 0; j < m; j++) {
                int p = parityBase + j;
                int pktOff = out.offset(p);
                writeHeader(slabSegment, pktOff, f.baseFlags, p, f.packets, f.frameIndex, f.ptsNs, f.frameBytes,
                        f.userFlags, b, f.blockCount, k + j, k, m);
                System.arraycopy(recovery[j], 0, slab, pktOff + MediaHeaderFlyweight.HEADER_LENGTH, shardBytes);
            }
            parityBase += m;
        }
        return f.packets;
    }

    private void writeHeader(MemorySegment slab, int pktOff, int baseFlags, int packet, int packets, int frameIndex,
                             long ptsNs, long frameBytes, int userFlags, int block, int blockCount, int shard, int k, int m) {
        int flags = baseFlags;
        if (packet == 0) {
            flags |= MediaHeaderFlyweight.FLAG_FIRST;
        }
        if (packet == packets - 1) {
            flags |= MediaHeaderFlyweight.FLAG_LAST;
        }
        header.wrap(slab, pktOff)
                .magicAndVersion()
                .fecScheme(fec.scheme().wireId())
                .flags(flags)
                .frameIndex(frameIndex)
                .sequence(0L)
                .ptsNs(ptsNs)
                .frameBytes(frameBytes)
                .userFlags(userFlags)
                .blockIndex(block)
                .blockCount(blockCount)
                .shardIndex(shard)
                .dataShards(k)
                .recoveryShards(m)
                .shardBytes(shardBytes);
    }

    private void ensureWork(int dataShards, int m) {
        if (originals.length < dataShards) {
            originals = grow(originals, dataShards);
            blockOriginals = new byte[originals.length][];
        }
        if (recovery.length < m) {
            recovery = grow(recovery, m);
        }
    }

    private byte[][] grow(byte[][] shards, int count) {
        byte[][] grown = Arrays.copyOf(shards, count);
        for (int i = shards.length; i < count; i++) {
            grown[i] = new byte[shardBytes];
        }
        return grown;
    }

    /** The layout {@link #packetizeData} chose, which {@link #packetizeParity} completes. Reused. */
    private static final class PendingLayout {
        PacketSlab slab;
        int frameIndex;
        long ptsNs;
        long frameBytes;
        int userFlags;
        int baseFlags;
        int k0;
        int totalData;
        int blockCount;
        int lastK;
        int fullM;
        int lastM;
        int packets;

        void set(PacketSlab slab, int frameIndex, long ptsNs, long frameBytes, int userFlags, int baseFlags, int k0,
                 int totalData, int blockCount, int lastK, int fullM, int lastM, int packets) {
            this.slab = slab;
            this.frameIndex = frameIndex;
            this.ptsNs = ptsNs;
            this.frameBytes = frameBytes;
            this.userFlags = userFlags;
            this.baseFlags = baseFlags;
            this.k0 = k0;
            this.totalData = totalData;
            this.blockCount = blockCount;
            this.lastK = lastK;
            this.fullM = fullM;
            this.lastM = lastM;
            this.packets = packets;
        }

        int k(int block) {
            return block < blockCount - 1 ? k0 : lastK;
        }

        int m(int block) {
            return block < blockCount - 1 ? fullM : lastM;
        }
    }
}
