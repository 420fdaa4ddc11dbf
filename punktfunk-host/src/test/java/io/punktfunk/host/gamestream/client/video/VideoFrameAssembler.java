package io.punktfunk.host.gamestream.client.video;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.fec.FecScheme;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test client's depacketizer, from gamestream.md §6.2–6.4: groups datagrams by frame and FEC
 * block, rebuilds missing data shards once any k of a block's k + m arrived (the GF(2^8) math is
 * the core's nanors coder, the block bookkeeping is this class's own), restores the header fields
 * FEC does not cover, checks the covered ones it got back, and strips the 8-byte frame header.
 * Frames arrive in order on loopback, so a packet of a newer frame closes every older frame:
 * complete ones were delivered, the rest are lost.
 */
final class VideoFrameAssembler {
    private final int shardBytes;
    private final int payloadBytes;
    private final ErasureCoder coder = ErasureCoders.create(FecScheme.GF8_CAUCHY);
    private final TreeMap<Integer, PendingFrame> pending = new TreeMap<>();
    private int newestClosed = Integer.MIN_VALUE;
    private int newestSeen = Integer.MIN_VALUE;
    /** Frame indices skipped entirely (not one datagram of them arrived). */
    long framesUnseen;
    long malformed;
    long framesDelivered;
    long framesLost;
    long blocksUnrecoverable;
    long shardsRebuilt;
    long rebuiltHeaderMismatches;
    long badFrameHeaders;
    /** Blocks that were missing shards but no more than their parity (so FEC had to work and could). */
    long blocksNeedingFec;
    /** Lost frames with a block that lost more datagrams on purpose than it had parity. */
    long lostOverParity;
    /** Lost frames that also missed datagrams nobody dropped on purpose (the socket overflowed). */
    long lostToNetwork;
    /** Lost frames whose every block lost no more than its parity: must never happen. */
    long lostDespiteParity;

    VideoFrameAssembler(int packetSize) {
        this.shardBytes = packetSize + 16;
        this.payloadBytes = packetSize - 16;
    }

    /** Takes one (decrypted) datagram; returns a frame if this datagram completed one, else null. */
    ReceivedVideoFrame offer(byte[] datagram, int length) {
        if (length != shardBytes) {
            malformed++;
            return null;
        }
        NvVideoPacket p = NvVideoPacket.parse(datagram);
        if (p.rtpByte0() != 0x90 || p.dataShards() == 0 || p.shardIndex() >= p.dataShards() + p.parityShards()) {
            malformed++;
            return null;
        }
        int f = p.frameIndex();
        PendingFrame frame = frame(p);
        if (frame == null || frame.delivered) {
            return null;
        }
        Block block = block(frame, p);
        if (block.present[p.shardIndex()]) {
            return null;
        }
        block.shards[p.shardIndex()] = java.util.Arrays.copyOf(datagram, shardBytes);
        block.present[p.shardIndex()] = true;
        block.received++;
        if (!block.done && block.received >= block.k) {
            complete(block, p);
        }
        for (int b = 0; b < frame.blocks.length; b++) {
            if (frame.blocks[b] == null || !frame.blocks[b].done) {
                return null;
            }
        }
        frame.delivered = true;
        return assemble(f, frame, p.rtpTimestamp());
    }

    /** Records a datagram the client dropped on purpose (plain datagrams only: its header is read). */
    void dropped(byte[] datagram, int length) {
        if (length != shardBytes) {
            return;
        }
        NvVideoPacket p = NvVideoPacket.parse(datagram);
        PendingFrame frame = frame(p);
        if (frame != null) {
            block(frame, p).dropped++;
        }
    }

    private PendingFrame frame(NvVideoPacket p) {
        int f = p.frameIndex();
        if (f <= newestClosed) {
            return null; // a straggler of a frame already closed
        }
        closeOlderThan(f);
        if (f > newestSeen) {
            if (newestSeen != Integer.MIN_VALUE) {
                framesUnseen += f - newestSeen - 1;
            }
            newestSeen = f;
        }
        return pending.computeIfAbsent(f, x -> new PendingFrame(p.blockCount()));
    }

    private static Block block(PendingFrame frame, NvVideoPacket p) {
        Block block = frame.blocks[p.blockIndex()];
        if (block == null) {
            block = new Block(p.dataShards(), p.parityShards(), (p.rtpSequence() - p.shardIndex()) & 0xFFFF);
            frame.blocks[p.blockIndex()] = block;
        }
        return block;
    }

    private void complete(Block block, NvVideoPacket any) {
        int missing = 0;
        for (int i = 0; i < block.k; i++) {
            if (!block.present[i]) {
                missing++;
                block.shards[i] = new byte[shardBytes];
            }
        }
        if (missing > 0) {
            for (int j = block.k; j < block.k + block.m; j++) {
                if (block.shards[j] == null) {
                    block.shards[j] = new byte[shardBytes];
                }
            }
            coder.decode(block.shards, block.present.clone(), block.k, block.m, shardBytes);
            blocksNeedingFec++;
            for (int i = 0; i < block.k; i++) {
                if (!block.present[i]) {
                    checkRebuiltHeader(block, i);
                    restoreUncovered(block.shards[i], block, i, any);
                    block.rebuilt++;
                    shardsRebuilt++;
                }
            }
        }
        block.done = true;
    }

    /**
     * FEC covered streamPacketIndex, flags and multiFecFlags: they must come back right. (The RTP
     * bytes, frameIndex and fecInfo come back as garbage by design: the host wrote them after
     * computing parity, on data and parity shards alike; {@link #restoreUncovered} puts them back.)
     */
    private void checkRebuiltHeader(Block block, int i) {
        NvVideoPacket r = NvVideoPacket.parse(block.shards[i]);
        int flags = NvVideoPacket.FLAG_PIC_DATA | (i == 0 ? NvVideoPacket.FLAG_SOF : 0)
                | (i == block.k - 1 ? NvVideoPacket.FLAG_EOF : 0);
        boolean ok = (r.streamPacketIndex() & 0xFFFF) == ((block.baseSequence + i) & 0xFFFF)
                && r.flags() == flags && r.multiFecFlags() == 0x10;
        if (!ok) {
            rebuiltHeaderMismatches++;
        }
    }

    /** What moonlight rewrites on a rebuilt packet: RTP byte 0, sequence, timestamp, frameIndex, multiFecBlocks, fecInfo. */
    private static void restoreUncovered(byte[] s, Block block, int i, NvVideoPacket any) {
        int seq = (block.baseSequence + i) & 0xFFFF;
        s[0] = (byte) 0x90;
        s[2] = (byte) (seq >> 8);
        s[3] = (byte) seq;
        int ts = any.rtpTimestamp();
        s[4] = (byte) (ts >> 24);
        s[5] = (byte) (ts >> 16);
        s[6] = (byte) (ts >> 8);
        s[7] = (byte) ts;
        int f = any.frameIndex();
        s[20] = (byte) f;
        s[21] = (byte) (f >> 8);
        s[22] = (byte) (f >> 16);
        s[23] = (byte) (f >> 24);
        s[27] = (byte) ((any.blockIndex() << 4) | ((any.blockCount() - 1) << 6));
        int fecInfo = (i << 12) | (block.k << 22) | (any.fecPercent() << 4);
        s[28] = (byte) fecInfo;
        s[29] = (byte) (fecInfo >> 8);
        s[30] = (byte) (fecInfo >> 16);
        s[31] = (byte) (fecInfo >> 24);
    }

    private ReceivedVideoFrame assemble(int frameIndex, PendingFrame frame, int rtpTimestamp) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int rebuilt = 0;
        int shards = 0;
        for (Block b : frame.blocks) {
            for (int i = 0; i < b.k; i++) {
                data.write(b.shards[i], NvVideoPacket.HEADER, payloadBytes);
                shards++;
            }
            rebuilt += b.rebuilt;
            b.shards = null; // keep memory flat over long runs
        }
        byte[] bytes = data.toByteArray();
        int type = bytes[3] & 0xFF;
        int lastPayload = (bytes[4] & 0xFF) | (bytes[5] & 0xFF) << 8;
        int frameBytes = (shards - 1) * payloadBytes + lastPayload;
        if (bytes[0] != 0x01 || (type != 1 && type != 2) || lastPayload < 1 || lastPayload > payloadBytes
                || frameBytes < 8) {
            badFrameHeaders++;
            return null;
        }
        framesDelivered++;
        return new ReceivedVideoFrame(frameIndex, type, rtpTimestamp,
                java.util.Arrays.copyOfRange(bytes, 8, frameBytes), rebuilt);
    }

    private void closeOlderThan(int frameIndex) {
        Iterator<Map.Entry<Integer, PendingFrame>> it = pending.headMap(frameIndex).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, PendingFrame> e = it.next();
            if (!e.getValue().delivered) {
                framesLost++;
                classifyLoss(e.getValue());
            }
            newestClosed = Math.max(newestClosed, e.getKey());
            it.remove();
        }
    }

    private void classifyLoss(PendingFrame frame) {
        boolean overParity = false;
        boolean network = false;
        for (Block b : frame.blocks) {
            if (b == null) {
                network = true; // not one datagram of this block arrived or was dropped here
                continue;
            }
            if (!b.done) {
                blocksUnrecoverable++;
            }
            overParity |= b.dropped > b.m;
            network |= b.received + b.dropped < b.k + b.m;
        }
        if (overParity) {
            lostOverParity++;
        } else if (network) {
            lostToNetwork++;
        } else {
            lostDespiteParity++;
        }
    }

    private static final class PendingFrame {
        final Block[] blocks;
        boolean delivered;

        PendingFrame(int blockCount) {
            this.blocks = new Block[blockCount];
        }
    }

    private static final class Block {
        final int k;
        final int m;
        final int baseSequence;
        byte[][] shards;
        final boolean[] present;
        int received;
        int dropped;
        int rebuilt;
        boolean done;

        Block(int k, int m, int baseSequence) {
            this.k = k;
            this.m = m;
            this.baseSequence = baseSequence;
            this.shards = new byte[k + m][];
            this.present = new boolean[k + m];
        }
    }
}
