package io.punktfunk.bench.dataplane;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.core.session.ClientMediaSession;
import io.punktfunk.core.session.HostMediaSession;
import io.punktfunk.core.session.ReceivedFrame;
import io.punktfunk.core.session.SessionConfig;
import io.punktfunk.core.session.SessionStats;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The whole data plane over real loopback UDP in one process: an encoder-like thread submits
 * frames of random bytes at a fixed bitrate and frame rate to a {@link HostMediaSession} (FEC, AES-GCM,
 * pacing, sendmmsg/GSO), a {@link ClientMediaSession} receives them (recvmmsg/GRO, open, reassemble)
 * and a consumer thread polls them. Measures goodput (delivered frame bytes), packets/s, system
 * calls per packet, process CPU per GB, submit→complete latency and allocation per packet of the
 * session threads.
 */
public final class SessionBench {

    /** What to run. */
    public record Options(double seconds, double warmupSeconds, long mbps, int fps, int frameBytes, int fecPercent,
                          FecScheme scheme, boolean gro) {

        /** Frame size: {@code frameBytes} if set, else bitrate / fps. */
        public int effectiveFrameBytes() {
            return frameBytes > 0 ? frameBytes : (int) (mbps * 1_000_000L / 8 / fps);
        }

        /** Frame rate: {@code fps}, or bitrate / frame bytes when the frame size is given. */
        public double effectiveFps() {
            return frameBytes > 0 ? mbps * 1e6 / 8 / frameBytes : fps;
        }

        /** K for the scheme: whole typical frames in one GF(2^16) block, GF(2^8) as large as it goes. */
        int maxDataPerBlock() {
            return scheme == FecScheme.GF16_LEOPARD ? 4096 : 200;
        }
    }

    /** One run's figures. */
    public record Result(boolean gro, double seconds, long framesSubmitted, long framesCompleted, long framesLost,
                         long mediaBytes, long packetsSent, long packetsReceived, long sendDropped,
                         long sendSyscalls, long recvSyscalls, double cpuSeconds, double p50Ms, double p99Ms,
                         double maxMs, double sendAllocPerPacket, double recvAllocPerPacket, long fecRecovered,
                         long framesRefused, long framesAbandoned, long framesDeliveryDropped) {

        public double goodputGbps() {
            return mediaBytes * 8 / seconds / 1e9;
        }

        public double pps() {
            return packetsReceived / seconds;
        }

        public double syscallsPerPacketTx() {
            return (double) sendSyscalls / Math.max(1, packetsSent);
        }

        public double syscallsPerPacketRx() {
            return (double) recvSyscalls / Math.max(1, packetsReceived);
        }

        /** Process CPU seconds (all threads, both sides) per GB (1e9 bytes) of goodput. */
        public double cpuSecondsPerGb() {
            return mediaBytes == 0 ? Double.NaN : cpuSeconds / (mediaBytes / 1e9);
        }
    }

    private SessionBench() {
    }

    /** Runs one measurement; {@code progress} gets one line a second. */
    public static Result run(Options o, Consumer<String> progress) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        int frameBytes = o.effectiveFrameBytes();
        double fps = o.effectiveFps();
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        String tag = o.gro() ? "gro" : "nogro";
        SessionConfig base = new SessionConfig()
                .keys(keys)
                .fec(new FecConfig(o.scheme(), o.fecPercent(), o.maxDataPerBlock()))
                .maxFrameBytes(Math.max(frameBytes, 1 << 20))
                .bitrateBps(o.mbps() * 1_000_000L)
                .fps((int) Math.max(1, Math.min(1000, Math.round(fps))))
                .gro(o.gro());
        try (ClientMediaSession client = ClientMediaSession.open(copy(base).localAddress(local).name("bench-client-" + tag));
             HostMediaSession host = HostMediaSession.open(copy(base).localAddress(local).peerAddress(client.localAddress())
                     .name("bench-host-" + tag))) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean measuring = new AtomicBoolean();
            Histogram latency = new Histogram(10_000_000_000L, 3);
            Thread consumer = Thread.ofPlatform().name("bench-consumer").start(() -> {
                while (!stop.get()) {
                    ReceivedFrame f = client.pollFrame(50_000_000L);
                    if (f != null && measuring.get()) {
                        latency.recordValue(Math.max(0, f.receivedNs() - f.ptsNs()));
                    }
                }
            });
            Thread encoder = Thread.ofPlatform().name("bench-encoder").start(() -> submitLoop(host, frameBytes, fps, stop));
            LockSupport.parkNanos((long) (o.warmupSeconds() * 1e9));

            // The host's seal and send stages are one thread each; their allocation is summed.
            Thread sealThread = find("bench-host-" + tag + "-seal");
            Thread sendThread = find("bench-host-" + tag + "-send");
            Thread recvThread = find("bench-client-" + tag + "-recv");
            SessionStats h0 = host.stats();
            SessionStats c0 = client.stats();
            long cpu0 = os.getProcessCpuTime();
            long sendAlloc0 = threads.getThreadAllocatedBytes(sealThread.threadId())
                    + threads.getThreadAllocatedBytes(sendThread.threadId());
            long recvAlloc0 = threads.getThreadAllocatedBytes(recvThread.threadId());
            long t0 = System.nanoTime();
            measuring.set(true);
            long end = t0 + (long) (o.seconds() * 1e9);
            long lastMedia = c0.mediaBytesReceived();
            long lastPackets = c0.packetsReceived();
            long lastNs = t0;
            while (System.nanoTime() - end < 0) {
                LockSupport.parkNanos(Math.min(1_000_000_000L, end - System.nanoTime()));
                SessionStats c = client.stats();
                long now = System.nanoTime();
                double dt = (now - lastNs) / 1e9;
                progress.accept(String.format(java.util.Locale.ROOT,
                        "  %s %5.1fs  goodput %6.2f Gbit/s  %8.0f pkt/s  frames %d lost %d",
                        tag, (now - t0) / 1e9, (c.mediaBytesReceived() - lastMedia) * 8 / dt / 1e9,
                        (c.packetsReceived() - lastPackets) / dt,
                        c.framesCompleted() - c0.framesCompleted(), c.framesLost() - c0.framesLost()));
                lastMedia = c.mediaBytesReceived();
                lastPackets = c.packetsReceived();
                lastNs = now;
            }
            measuring.set(false);
            long t1 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            long sendAlloc1 = threads.getThreadAllocatedBytes(sealThread.threadId())
                    + threads.getThreadAllocatedBytes(sendThread.threadId());
            long recvAlloc1 = threads.getThreadAllocatedBytes(recvThread.threadId());
            SessionStats h1 = host.stats();
            SessionStats c1 = client.stats();
            stop.set(true);
            encoder.join();
            consumer.join();
            // Frames in flight at the window's edges: count a frame lost only if the client
            // gave up on it or the host refused it, not if it was still on its way.
            long lost = (c1.framesLost() - c0.framesLost()) + (h1.framesQueueDropped() - h0.framesQueueDropped());
            long sent = h1.packetsSent() - h0.packetsSent();
            long received = c1.packetsReceived() - c0.packetsReceived();
            return new Result(o.gro(), (t1 - t0) / 1e9,
                    h1.framesSubmitted() - h0.framesSubmitted(),
                    c1.framesCompleted() - c0.framesCompleted(), lost,
                    c1.mediaBytesReceived() - c0.mediaBytesReceived(), sent, received,
                    h1.packetsSendDropped() - h0.packetsSendDropped(),
                    h1.sendSyscalls() - h0.sendSyscalls(),
                    (c1.recvSyscalls() - c0.recvSyscalls()) + (c1.pollSyscalls() - c0.pollSyscalls()),
                    (cpu1 - cpu0) / 1e9,
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6,
                    (double) (sendAlloc1 - sendAlloc0) / Math.max(1, sent),
                    (double) (recvAlloc1 - recvAlloc0) / Math.max(1, received),
                    c1.fecRecoveredShards() - c0.fecRecoveredShards(),
                    h1.framesQueueDropped() - h0.framesQueueDropped(),
                    c1.framesDropped() - c0.framesDropped(),
                    c1.framesDeliveryDropped() - c0.framesDeliveryDropped());
        }
    }

    /** Submits one frame per interval, pts = submit time on the shared clock, like an encoder. */
    private static void submitLoop(HostMediaSession host, int frameBytes, double fps, AtomicBoolean stop) {
        SplittableRandom rnd = new SplittableRandom(1);
        byte[][] frames = new byte[4][frameBytes];
        for (byte[] f : frames) {
            rnd.nextBytes(f);
        }
        long intervalNs = (long) (1e9 / fps);
        long next = System.nanoTime();
        int index = 0;
        while (!stop.get()) {
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            // Like a capture clock: a tick missed while descheduled is skipped, not made up in a
            // burst (a burst of submits would overrun the 3-frame send queue by construction).
            next = Math.max(next + intervalNs, System.nanoTime() - intervalNs / 2);
            byte[] f = frames[index & 3];
            host.submitFrame(f, 0, f.length, index++, System.nanoTime(), 0);
        }
    }

    private static SessionConfig copy(SessionConfig c) {
        return new SessionConfig().keys(c.keys()).fec(c.fec()).maxFrameBytes(c.maxFrameBytes())
                .bitrateBps(c.bitrateBps()).fps(c.fps()).gro(c.gro());
    }

    private static Thread find(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("thread " + name + " not running");
    }
}
