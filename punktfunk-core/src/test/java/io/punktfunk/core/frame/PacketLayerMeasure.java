package io.punktfunk.core.frame;

import io.punktfunk.core.crypto.Direction;
import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.crypto.PacketOpener;
import io.punktfunk.core.crypto.PacketSealer;
import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.wire.PacketSlab;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Rough per-packet figures for the packet layer (not a test, not JMH: a quick rig until the bench
 * module grows JMH benches). Run after {@code ./mvnw -pl punktfunk-core test-compile}:
 * <pre>
 * taskset -c 1 $JAVA_HOME/bin/java --add-modules jdk.incubator.vector \
 *   -cp punktfunk-core/target/classes:punktfunk-core/target/test-classes \
 *   io.punktfunk.core.frame.PacketLayerMeasure
 * </pre>
 */
public final class PacketLayerMeasure {
    private static final int SHARD = 1408;
    private static final int ROUNDS = 15;

    private PacketLayerMeasure() {
    }

    public static void main(String[] args) {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        sealOpen(keys);
        for (int pct : new int[] {0, 10}) {
            for (int frameBytes : new int[] {100_000, 1 << 20}) {
                pipeline(keys, pct, frameBytes);
            }
        }
    }

    private static void sealOpen(MediaKeys keys) {
        int packets = 50_000;
        int len = SHARD + 60;
        byte[] slab = new byte[packets * len];
        new SplittableRandom(1).nextBytes(slab);
        PacketSealer sealer = new PacketSealer(keys, Direction.HOST_TO_CLIENT);
        PacketOpener opener = new PacketOpener(keys, Direction.HOST_TO_CLIENT, new DataPlaneCounters());
        double[] seal = new double[ROUNDS];
        double[] open = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < packets; i++) {
                sealer.seal(slab, i * len, SHARD);
            }
            long t1 = System.nanoTime();
            int opened = 0;
            for (int i = 0; i < packets; i++) {
                opened += opener.open(slab, i * len, len) ? 1 : 0;
            }
            long t2 = System.nanoTime();
            if (opened != packets) {
                throw new IllegalStateException("opened " + opened + " of " + packets);
            }
            seal[r] = (t1 - t0) / (double) packets;
            open[r] = (t2 - t1) / (double) packets;
        }
        System.out.printf("1408-byte shard: seal %s ns/packet, open %s ns/packet%n", summary(seal), summary(open));
    }

    /** "best / median" of the rounds after the first third (warm-up). */
    private static String summary(double[] rounds) {
        double[] warm = Arrays.copyOfRange(rounds, ROUNDS / 3, ROUNDS);
        Arrays.sort(warm);
        return String.format("%.0f best / %.0f median", warm[0], warm[warm.length / 2]);
    }

    private static void pipeline(MediaKeys keys, int pct, int frameBytes) {
        FecConfig fec = new FecConfig(FecScheme.GF16_LEOPARD, pct, 4096);
        ErasureCoder tx = pct == 0 ? new SingleParityTestCoder(FecScheme.GF16_LEOPARD) : ErasureCoders.create(FecScheme.GF16_LEOPARD);
        ErasureCoder rx = pct == 0 ? new SingleParityTestCoder(FecScheme.GF16_LEOPARD) : ErasureCoders.create(FecScheme.GF16_LEOPARD);
        Packetizer packetizer = new Packetizer(fec, SHARD, 8 << 20, tx);
        DataPlaneCounters counters = new DataPlaneCounters();
        FrameSender sender = new FrameSender(packetizer, new PacketSealer(keys, Direction.HOST_TO_CLIENT), counters);
        Reassembler reassembler = new Reassembler(ReassemblerLimits.from(fec, SHARD, 8 << 20), rx, counters);
        FrameReceiver receiver = new FrameReceiver(reassembler, new PacketOpener(keys, Direction.HOST_TO_CLIENT, counters), counters);
        PacketSlab batch = new PacketSlab(packetizer.datagramBytes(), 64);
        ReassembledFrame out = new ReassembledFrame();
        byte[] frame = new byte[frameBytes];
        new SplittableRandom(2).nextBytes(frame);
        int frames = Math.max(20, 200_000_000 / frameBytes / 10);
        int index = 0;
        double[] packetizeMbs = new double[ROUNDS];
        double[] packetizePerPacket = new double[ROUNDS];
        double[] sendPerPacket = new double[ROUNDS];
        double[] receivePerPacket = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long packetizeNs = 0;
            long sealNs = 0;
            long receiveNs = 0;
            long packets = 0;
            for (int f = 0; f < frames; f++, index++) {
                long t0 = System.nanoTime();
                packetizer.packetize(frame, 0, frame.length, index, t0, 0, false, batch);
                long t1 = System.nanoTime();
                int n = sender.submit(frame, 0, frame.length, index, t0, 0, false, batch);
                long t2 = System.nanoTime();
                for (int p = 0; p < n; p++) {
                    receiver.onDatagram(batch.array(), batch.offset(p), batch.length(p), t2);
                }
                if (!receiver.poll(t2, out) || out.length() != frame.length) {
                    throw new IllegalStateException("frame " + index + " not delivered: " + counters);
                }
                long t3 = System.nanoTime();
                packetizeNs += t1 - t0;
                sealNs += t2 - t1;
                receiveNs += t3 - t2;
                packets += n;
            }
            double mb = (double) frames * frameBytes / 1e6;
            // Negated so "best" (the minimum) of the throughput is its maximum.
            packetizeMbs[r] = -mb / (packetizeNs / 1e9);
            packetizePerPacket[r] = packetizeNs / (double) packets;
            sendPerPacket[r] = sealNs / (double) packets;
            receivePerPacket[r] = receiveNs / (double) packets;
        }
        double[] mbs = packetizeMbs.clone();
        Arrays.sort(mbs, ROUNDS / 3, ROUNDS);
        System.out.printf("fec %2d %%, %7d-byte frames: packetize %s ns/packet (best %.0f MB/s), "
                        + "packetize+seal %s ns/packet, open+reassemble+deliver %s ns/packet%n",
                pct, frameBytes, summary(packetizePerPacket), -mbs[ROUNDS / 3], summary(sendPerPacket),
                summary(receivePerPacket));
        if (!Arrays.equals(Arrays.copyOf(out.array(), out.length()), frame)) {
            throw new IllegalStateException("delivered bytes differ");
        }
    }
}
