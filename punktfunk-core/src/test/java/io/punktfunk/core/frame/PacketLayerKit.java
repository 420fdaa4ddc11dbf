package io.punktfunk.core.frame;

import io.punktfunk.core.crypto.Direction;
import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.crypto.PacketOpener;
import io.punktfunk.core.crypto.PacketSealer;
import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.wire.PacketSlab;
import java.security.SecureRandom;

/** A host-to-client packet layer wired up in memory for tests: sender, batch, receiver, counters. */
final class PacketLayerKit {
    final FecConfig fec;
    final int shardBytes;
    final long maxFrameBytes;
    final DataPlaneCounters sendCounters = new DataPlaneCounters();
    final DataPlaneCounters counters = new DataPlaneCounters();
    final Packetizer packetizer;
    final PacketSealer sealer;
    final FrameSender sender;
    final FrameReceiver receiver;
    final Reassembler reassembler;
    final PacketSlab batch;
    final ReassembledFrame out = new ReassembledFrame();

    PacketLayerKit(FecConfig fec, int shardBytes, long maxFrameBytes, ErasureCoder sendCoder, ErasureCoder receiveCoder) {
        this(fec, shardBytes, maxFrameBytes, sendCoder, receiveCoder, ReassemblerLimits.from(fec, shardBytes, maxFrameBytes));
    }

    PacketLayerKit(FecConfig fec, int shardBytes, long maxFrameBytes, ErasureCoder sendCoder, ErasureCoder receiveCoder,
                   ReassemblerLimits limits) {
        this.fec = fec;
        this.shardBytes = shardBytes;
        this.maxFrameBytes = maxFrameBytes;
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        packetizer = new Packetizer(fec, shardBytes, maxFrameBytes, sendCoder);
        sealer = new PacketSealer(keys, Direction.HOST_TO_CLIENT);
        sender = new FrameSender(packetizer, sealer, sendCounters);
        reassembler = new Reassembler(limits, receiveCoder, counters);
        receiver = new FrameReceiver(reassembler, new PacketOpener(keys, Direction.HOST_TO_CLIENT, counters), counters);
        batch = new PacketSlab(packetizer.datagramBytes(), 16);
    }

    /** Packetizes and seals a frame into {@link #batch}; returns the packet count. */
    int send(byte[] frame, int frameIndex, long ptsNs) {
        return sender.submit(frame, 0, frame.length, frameIndex, ptsNs, 0, false, batch);
    }

    /** Packetizes without sealing, so a test can edit headers before {@link #sealBatch()}. */
    int packetizeOnly(byte[] frame, int frameIndex, long ptsNs) {
        return packetizer.packetize(frame, 0, frame.length, frameIndex, ptsNs, 0, false, batch);
    }

    void sealBatch() {
        sealer.sealBatch(batch);
    }

    io.punktfunk.core.wire.MediaHeaderFlyweight header(int i) {
        return new io.punktfunk.core.wire.MediaHeaderFlyweight().wrap(batch.segment(), batch.offset(i));
    }

    long count(io.punktfunk.core.stats.DataPlaneCounter c) {
        return counters.get(c);
    }

    /** Received = accepted + unneeded + dropped, and dropped = sum of the reasons. */
    void assertAccountingBalances() {
        long received = counters.get(io.punktfunk.core.stats.DataPlaneCounter.PACKETS_RECEIVED);
        long outcomes = counters.get(io.punktfunk.core.stats.DataPlaneCounter.PACKETS_ACCEPTED)
                + counters.get(io.punktfunk.core.stats.DataPlaneCounter.PACKETS_UNNEEDED)
                + counters.get(io.punktfunk.core.stats.DataPlaneCounter.PACKETS_DROPPED);
        long reasons = 0;
        for (io.punktfunk.core.stats.DataPlaneCounter c : io.punktfunk.core.stats.DataPlaneCounter.values()) {
            if (c.name().startsWith("DROP_")) {
                reasons += counters.get(c);
            }
        }
        org.assertj.core.api.Assertions.assertThat(outcomes).as("accepted + unneeded + dropped").isEqualTo(received);
        org.assertj.core.api.Assertions.assertThat(reasons).as("sum of drop reasons")
                .isEqualTo(counters.get(io.punktfunk.core.stats.DataPlaneCounter.PACKETS_DROPPED));
    }

    /** A copy of sealed packet {@code i} of {@link #batch}. */
    byte[] packet(int i) {
        return java.util.Arrays.copyOfRange(batch.array(), batch.offset(i), batch.offset(i) + batch.length(i));
    }

    /** All sealed packets of the batch, copied. */
    byte[][] packets() {
        byte[][] p = new byte[batch.count()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = packet(i);
        }
        return p;
    }

    boolean deliver(byte[] datagram, long nowNs) {
        return receiver.onDatagram(datagram, 0, datagram.length, nowNs);
    }

    static byte[] frame(java.util.SplittableRandom rnd, int len) {
        byte[] f = new byte[len];
        for (int i = 0; i < len; i++) {
            f[i] = (byte) rnd.nextInt(256);
        }
        return f;
    }
}
