package io.punktfunk.host.gamestream.video;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.fec.FecScheme;
import java.util.Arrays;

/**
 * Cuts one encoded frame into GameStream video datagrams (gamestream.md §6.2–6.4): the 8-byte
 * frame header and the access unit in chunks of {@code packetSize − 16} bytes, each behind a
 * 32-byte header, every shard exactly {@code packetSize + 16} bytes (the last zero-padded), then
 * per FEC block k data shards followed by m nanors GF(2^8) parity shards over whole shards.
 * RTP sequence numbers run on across frames and blocks, parity included.
 *
 * <p>Shards are reused heap arrays (the FEC coder works on {@code byte[][]}); the pool grows
 * when a frame needs more shards than any before and is otherwise allocation-free. One thread.
 */
final class VideoPacketizer {
    private final int shardBytes;
    private final int payloadBytes;
    private final int minParity;
    private final ErasureCoder coder = ErasureCoders.create(FecScheme.GF8_CAUCHY);
    private final FecBlockPlan plan = new FecBlockPlan();
    private final byte[][] blockData = new byte[FecBlockPlan.MAX_SHARDS_PER_BLOCK][];
    private final byte[][] blockParity = new byte[FecBlockPlan.MAX_BLOCK_SHARDS][];
    private volatile int fecPercent;
    private byte[][] shards = new byte[0][];
    private byte[] frame = new byte[256 * 1024];
    private int packetIndex;
    private int packets;
    private int parityPackets;

    /**
     * @param packetSize the client's {@code packetSize} (P): datagrams are P + 16 bytes, carrying P − 16
     *                   bytes of frame each
     * @param fecPercent parity per block in percent of its data shards (0 = no FEC)
     * @param minParity  fewest parity shards per block when FEC is on (the client asks for 2)
     */
    VideoPacketizer(int packetSize, int fecPercent, int minParity) {
        if (packetSize < 64 || packetSize > 9000) {
            throw new IllegalArgumentException("packet size must be 64..9000: " + packetSize);
        }
        if (fecPercent < 0 || fecPercent > 255 || minParity < 0 || minParity > 64) {
            throw new IllegalArgumentException("fec percent 0..255 and min parity 0..64: " + fecPercent + ", " + minParity);
        }
        this.shardBytes = packetSize + VideoPacketHeader.RTP_ALLOWANCE;
        this.payloadBytes = packetSize - VideoPacketHeader.RTP_ALLOWANCE;
        this.fecPercent = fecPercent;
        this.minParity = minParity;
    }

    /**
     * Packetizes one access unit.
     *
     * @param frameIndex         the frame number the client sees (+1 per frame)
     * @param frameType          {@link VideoFrameHeader#FRAME_TYPE_IDR} or {@link VideoFrameHeader#FRAME_TYPE_P}
     * @param rtpTimestamp       90 kHz capture time
     * @param processingTenthsMs capture-to-send time for the frame header
     * @return datagrams in wire order ({@link #shard}), or −1 if the frame is too large to send
     */
    int packetize(byte[] au, int auLength, int frameIndex, int frameType, int rtpTimestamp, int processingTenthsMs) {
        int frameBytes = VideoFrameHeader.BYTES + auLength;
        if (frame.length < frameBytes) {
            frame = new byte[Math.max(frameBytes, frame.length * 2)];
        }
        VideoFrameHeader.write(frame, 0, processingTenthsMs, frameType, frameBytes, payloadBytes);
        System.arraycopy(au, 0, frame, VideoFrameHeader.BYTES, auLength);

        int totalData = (frameBytes + payloadBytes - 1) / payloadBytes;
        if (!plan.plan(totalData, fecPercent, minParity)) {
            return -1;
        }
        int blocks = plan.blocks();
        int total = totalData;
        for (int b = 0; b < blocks; b++) {
            total += plan.parityShards(b);
        }
        ensureShards(total);

        int out = 0;
        int dataDone = 0;
        parityPackets = 0;
        for (int b = 0; b < blocks; b++) {
            int k = plan.dataShards(b);
            int m = plan.parityShards(b);
            int multiFec = VideoPacketHeader.multiFecBlocks(b, blocks);
            for (int i = 0; i < k; i++) {
                byte[] s = shards[out + i];
                int from = (dataDone + i) * payloadBytes;
                int n = Math.min(payloadBytes, frameBytes - from);
                Arrays.fill(s, 0, VideoPacketHeader.BYTES, (byte) 0);
                System.arraycopy(frame, from, s, VideoPacketHeader.BYTES, n);
                Arrays.fill(s, VideoPacketHeader.BYTES + n, shardBytes, (byte) 0);
                int flags = VideoPacketHeader.FLAG_CONTAINS_PIC_DATA
                        | (i == 0 ? VideoPacketHeader.FLAG_SOF : 0)
                        | (i == k - 1 ? VideoPacketHeader.FLAG_EOF : 0);
                VideoPacketHeader.writeCovered(s, packetIndex + i, frameIndex, flags, multiFec);
                blockData[i] = s;
            }
            if (m > 0) {
                for (int j = 0; j < m; j++) {
                    blockParity[j] = shards[out + k + j];
                }
                coder.encode(blockData, k, blockParity, m, shardBytes);
            }
            for (int x = 0; x < k + m; x++) {
                VideoPacketHeader.writeUncovered(shards[out + x], packetIndex + x, rtpTimestamp, frameIndex, multiFec,
                        VideoPacketHeader.fecInfo(x, k, plan.percent(b)));
            }
            Arrays.fill(blockData, 0, k, null);
            Arrays.fill(blockParity, 0, m, null);
            packetIndex += k + m;
            out += k + m;
            dataDone += k;
            parityPackets += m;
        }
        packets = out;
        return out;
    }

    private void ensureShards(int n) {
        if (shards.length >= n) {
            return;
        }
        byte[][] grown = Arrays.copyOf(shards, Math.max(n, shards.length + shards.length / 2));
        for (int i = shards.length; i < grown.length; i++) {
            grown[i] = new byte[shardBytes];
        }
        shards = grown;
    }

    /** Datagram {@code i} of the last frame, {@link #shardBytes()} long. */
    byte[] shard(int i) {
        if (i < 0 || i >= packets) {
            throw new IndexOutOfBoundsException("shard " + i + " of " + packets);
        }
        return shards[i];
    }

    /** Bytes in every datagram (packet size + 16). */
    int shardBytes() {
        return shardBytes;
    }

    /** Parity datagrams of the last frame. */
    int parityPackets() {
        return parityPackets;
    }

    /** Whether the last frame went out without FEC because it needed more than 4 blocks. */
    boolean lastFrameFecOff() {
        return plan.fecOff();
    }

    /** The running packet counter: the RTP sequence (low 16 bits) of the next datagram. */
    int nextPacketIndex() {
        return packetIndex;
    }

    /** Changes the parity percentage from the next frame on (any thread). */
    void fecPercent(int percent) {
        if (percent < 0 || percent > 255) {
            throw new IllegalArgumentException("fec percent 0..255: " + percent);
        }
        this.fecPercent = percent;
    }
}
