package io.punktfunk.bench.loss;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.core.pacing.PacingConfig;
import io.punktfunk.core.session.ClientMediaSession;
import io.punktfunk.core.session.HostMediaSession;
import io.punktfunk.core.session.SessionConfig;
import io.punktfunk.core.session.SessionStats;
import io.punktfunk.core.session.ThreadingMode;
import io.punktfunk.core.transport.ImpairedTransport;
import io.punktfunk.core.transport.ImpairmentConfig;
import io.punktfunk.core.transport.LoopbackTransport;
import io.punktfunk.core.transport.TransportCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs real host and client sessions (FEC, AES-GCM, reassembly) in one thread over
 * {@link ImpairedTransport} on {@link LoopbackTransport}, one cell per loss rate × burstiness ×
 * FEC percentage, with a fixed seed per cell so every run of the sweep is identical.
 *
 * <p>Burstiness 0 is independent random loss; burst length B is Gilbert-Elliott loss whose bad
 * state lasts B datagrams on average and whose long-run loss equals the cell's loss rate.
 */
public final class LossHarness {

    /** The sweep. */
    public record Options(int frames, int frameBytes, double[] lossRates, int[] burstLengths, int[] fecPercents,
                          FecScheme scheme, long seed, double maxSecondsPerCell) {

        /** The sweep: 0–20 % loss, random and bursts of 2/4/8, 0–50 % FEC. */
        public static Options standard(int frames, FecScheme scheme) {
            return new Options(frames, 100_000, new double[] {0, 0.01, 0.02, 0.05, 0.10, 0.20}, new int[] {0, 2, 4, 8},
                    new int[] {0, 5, 10, 20, 30, 50}, scheme, 0x10557L, 0);
        }
    }

    /** One cell's outcome. */
    public record Cell(double lossRate, int burstLength, int fecPercent, int frames, long delivered,
                       long packetsSent, long packetsLost, long recoveredShards, long lateShards) {

        /** Delivered / submitted frames. */
        public double deliveryRate() {
            return frames == 0 ? Double.NaN : (double) delivered / frames;
        }

        /** Measured wire loss (what the impairment actually dropped). */
        public double measuredLoss() {
            return packetsSent == 0 ? 0 : (double) packetsLost / packetsSent;
        }

        /** "random" or "burst N". */
        public String burstLabel() {
            return burstLabel(burstLength);
        }

        static String burstLabel(int burstLength) {
            return burstLength == 0 ? "random" : "burst " + burstLength;
        }
    }

    private LossHarness() {
    }

    /** Runs every cell; {@code progress} gets one line per cell. */
    public static List<Cell> run(Options o, Consumer<String> progress) {
        List<Cell> cells = new ArrayList<>();
        MediaKeys keys = MediaKeys.generate(new java.security.SecureRandom()); // keys do not change what is lost
        byte[] frame = new byte[o.frameBytes()];
        new SplittableRandom(o.seed()).nextBytes(frame);
        int cellIndex = 0;
        for (int burst : o.burstLengths()) {
            for (double loss : o.lossRates()) {
                if (loss == 0 && burst != 0) {
                    continue; // no loss is no loss, bursty or not
                }
                for (int fec : o.fecPercents()) {
                    Cell c = runCell(o, keys, frame, loss, burst, fec, o.seed() + cellIndex++);
                    cells.add(c);
                    progress.accept(String.format(java.util.Locale.ROOT,
                            "  loss %4.1f %% %-8s fec %2d %%: delivered %6.2f %% (%d/%d), recovered %d shards",
                            loss * 100, c.burstLabel(), fec, c.deliveryRate() * 100, c.delivered(), c.frames(),
                            c.recoveredShards()));
                }
            }
        }
        return cells;
    }

    static Cell runCell(Options o, MediaKeys keys, byte[] frame, double loss, int burst, int fec, long seed) {
        ImpairmentConfig impairment = new ImpairmentConfig().seed(seed);
        if (burst == 0) {
            impairment.lossRate(loss);
        } else if (loss > 0) {
            double exit = 1.0 / burst;
            double enter = loss * exit / (1 - loss);
            impairment.burstLoss(enter, exit);
        }
        SessionConfig base = new SessionConfig()
                .keys(keys)
                .fec(new FecConfig(o.scheme(), fec, o.scheme() == FecScheme.GF16_LEOPARD ? 4096 : 200))
                .maxFrameBytes(Math.max(o.frameBytes(), SessionConfig.DEFAULT_MAX_FRAME_BYTES))
                .pacing(new PacingConfig().enabled(false))
                .threadingMode(ThreadingMode.INVOKER);
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 16, 2048);
        ImpairedTransport link = new ImpairedTransport(pair.left(), impairment);
        long deadline = o.maxSecondsPerCell() > 0 ? System.nanoTime() + (long) (o.maxSecondsPerCell() * 1e9) : Long.MAX_VALUE;
        try (HostMediaSession host = HostMediaSession.over(link, copy(base).name("loss-host"));
             ClientMediaSession client = ClientMediaSession.over(pair.right(), copy(base).name("loss-client"))) {
            int frames = 0;
            for (int i = 0; i < o.frames(); i++) {
                if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
                    break;
                }
                host.submitFrame(frame, 0, frame.length, i, i, 0);
                host.doWork();
                while (client.doWork() > 0) {
                    // drain: every datagram of this frame is already in the loopback queue
                }
                while (client.pollFrame(0) != null) {
                    // delivered frames are counted by the session
                }
                frames++;
            }
            SessionStats h = host.stats();
            SessionStats c = client.stats();
            long lost = link.impairmentStats().get(TransportCounter.IMPAIR_DROPPED);
            return new Cell(loss, burst, fec, frames, c.framesCompleted(), h.packetsSent() + lost, lost,
                    c.fecRecoveredShards(), c.fecLateShards());
        }
    }

    private static SessionConfig copy(SessionConfig c) {
        return new SessionConfig().keys(c.keys()).fec(c.fec()).maxFrameBytes(c.maxFrameBytes()).pacing(c.pacing())
                .threadingMode(c.threadingMode()).receiveQueueFrames(64);
    }
}
