package io.punktfunk.bench.soak;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.core.session.ClientMediaSession;
import io.punktfunk.core.session.HostMediaSession;
import io.punktfunk.core.session.ReceivedFrame;
import io.punktfunk.core.session.SessionConfig;
import io.punktfunk.core.session.SessionStats;
import io.punktfunk.core.transport.ImpairedTransport;
import io.punktfunk.core.transport.ImpairmentConfig;
import io.punktfunk.core.transport.UdpTransport;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A long run of the whole data plane over real loopback UDP, the way a host left running sees it:
 * the host binds its socket and learns the client from its hello, an impaired transport loses
 * datagrams under the host's sends, keys change every few seconds, and each interval one row says
 * whether memory, threads or losses creep: heap used, native memory (direct/mapped buffer pools and
 * the process's resident set), live threads, frames sent and lost, key updates on both ends.
 */
public final class Soak {

    /** What to run. */
    public record Options(double minutes, long mbps, double lossPercent, int fps, int fecPercent,
                          long rekeyIntervalPackets, double intervalSeconds, double warmupSeconds) {

        public int frameBytes() {
            return (int) Math.max(1, mbps * 1_000_000L / 8 / fps);
        }

        /** Key updates several times a minute unless set: a sixth of a minute's packets (at least 1 000). */
        public long rekeyPackets() {
            if (rekeyIntervalPackets > 0) {
                return rekeyIntervalPackets;
            }
            long packetsPerMinute = (long) (mbps * 1e6 / 8 / 1408 * 1.2 * 60);
            return Math.max(1_000, packetsPerMinute / 6);
        }
    }

    /** One interval's row. */
    public record Row(double minute, long heapUsedBytes, long directBytes, long rssBytes, int threads,
                      long framesSent, long framesLost, long framesLostTotal, long hostKeyUpdates,
                      long clientKeyUpdates, long fecRecovered, long dropped) {

        Row withLostTotal(long total) {
            return new Row(minute, heapUsedBytes, directBytes, rssBytes, threads, framesSent, framesLost, total,
                    hostKeyUpdates, clientKeyUpdates, fecRecovered, dropped);
        }

        public String format() {
            return String.format(Locale.ROOT, "%6.1f  %8.1f  %8.2f  %8.1f  %7d  %7d  %5d  %5d  %6d / %-6d  %8d  %7d",
                    minute, heapUsedBytes / 1048576.0, directBytes / 1048576.0, rssBytes / 1048576.0, threads,
                    framesSent, framesLost, framesLostTotal, hostKeyUpdates, clientKeyUpdates, fecRecovered, dropped);
        }
    }

    public static final String HEADER =
            "minute  heap MiB  direct MiB  rss MiB  threads   frames   lost  total  rekeys host/client  fec rebuilt  pkts dropped";

    private Soak() {
    }

    /** Runs the soak, handing each row to {@code rows} as it completes; returns all rows. */
    public static List<Row> run(Options o, Consumer<Row> rows) throws InterruptedException {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        SessionConfig base = new SessionConfig().keys(keys).fec(new FecConfig(FecConfig.defaults().scheme(), o.fecPercent(), FecConfig.defaults().maxDataPerBlock()))
                .bitrateBps(o.mbps() * 1_000_000L).fps(o.fps()).maxFrameBytes(Math.max(1 << 20, o.frameBytes() * 2L))
                .sendQueueFrames(6).receiveQueueFrames(16).rekeyIntervalPackets(o.rekeyPackets());
        SessionConfig hostConfig = copy(base).localAddress(loopback).learnPeer(true).name("soak-host");
        UdpTransport hostSocket = UdpTransport.open(hostConfig.transportConfig(false));
        ImpairedTransport lossy = new ImpairedTransport(hostSocket,
                new ImpairmentConfig().seed(7).lossRate(o.lossPercent() / 100.0));
        List<Row> out = new ArrayList<>();
        try (HostMediaSession host = HostMediaSession.over(lossy, hostConfig);
             ClientMediaSession client = ClientMediaSession.open(copy(base).localAddress(loopback)
                     .peerAddress(hostSocket.localAddress()).name("soak-client"))) {
            if (host.awaitPeer(TimeUnit.SECONDS.toNanos(5)) == null) {
                throw new IllegalStateException("the client's hello never reached the host");
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong received = new AtomicLong();
            AtomicLong corrupt = new AtomicLong();
            Thread consumer = Thread.ofPlatform().name("soak-consumer").start(() -> {
                while (running.get()) {
                    ReceivedFrame f = client.pollFrame(50_000_000L);
                    if (f != null) {
                        received.incrementAndGet();
                        if (f.length() >= 4 && readIndex(f.array()) != f.frameIndex()) {
                            corrupt.incrementAndGet();
                        }
                    }
                }
            });
            byte[] frame = new byte[o.frameBytes()];
            new SplittableRandom(1).nextBytes(frame);
            long frameNs = 1_000_000_000L / o.fps();
            long intervalNs = (long) (o.intervalSeconds() * 1e9);
            // warm-up first: until C2 compiled the FEC and AEAD code a cold JVM drops frames that say
            // nothing about a host left running; rows count from its end
            long warmEnd = System.nanoTime() + (long) (o.warmupSeconds() * 1e9);
            long next = System.nanoTime();
            int index = 0;
            while (next - warmEnd < 0) {
                writeIndex(frame, index);
                host.submitFrame(frame, 0, frame.length, index++, next, 0);
                next += frameNs;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            LockSupport.parkNanos(200_000_000L); // the last warm-up frames land before the baseline
            long start = System.nanoTime();
            next = start;
            long endNs = start + (long) (o.minutes() * 60e9);
            long rowDue = start + intervalNs;
            Row baseline = row(0, host.stats(), client.stats(), 0, 0);
            long lostBefore = baseline.framesLostTotal();
            long sentBefore = baseline.framesSent();
            while (next - endNs < 0) {
                writeIndex(frame, index);
                host.submitFrame(frame, 0, frame.length, index++, next, 0);
                next += frameNs;
                LockSupport.parkNanos(next - System.nanoTime());
                if (!host.isRunning() || !client.isRunning()) {
                    throw new IllegalStateException("a session ended: " + host.fault() + " " + client.fault());
                }
                if (System.nanoTime() - rowDue >= 0) {
                    rowDue += intervalNs;
                    Row r = row((System.nanoTime() - start) / 60e9, host.stats(), client.stats(), sentBefore, lostBefore);
                    sentBefore += r.framesSent();
                    lostBefore += r.framesLost();
                    r = r.withLostTotal(lostBefore - baseline.framesLostTotal());
                    out.add(r);
                    rows.accept(r);
                }
            }
            running.set(false);
            consumer.join();
            if (corrupt.get() > 0) {
                throw new IllegalStateException(corrupt.get() + " frames arrived with the wrong contents");
            }
        }
        return out;
    }

    private static Row row(double minute, SessionStats h, SessionStats c, long sentBefore, long lostBefore) {
        Runtime rt = Runtime.getRuntime();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            direct += Math.max(0, pool.getMemoryUsed());
        }
        long lostTotal = c.framesLost() + h.framesQueueDropped();
        return new Row(minute, heap, direct, rssBytes(), ManagementFactory.getThreadMXBean().getThreadCount(),
                h.framesSent() - sentBefore, lostTotal - lostBefore, lostTotal, h.keyUpdates(), c.keyUpdates(),
                c.fecRecoveredShards(), c.packetsDropped());
    }

    /** VmRSS from /proc/self/status (includes FFM and native codec memory the MXBeans do not see); -1 off Linux. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }

    private static void writeIndex(byte[] b, int index) {
        if (b.length >= 4) {
            b[0] = (byte) index;
            b[1] = (byte) (index >>> 8);
            b[2] = (byte) (index >>> 16);
            b[3] = (byte) (index >>> 24);
        }
    }

    private static int readIndex(byte[] b) {
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    private static SessionConfig copy(SessionConfig c) {
        return new SessionConfig().keys(c.keys()).fec(c.fec()).bitrateBps(c.bitrateBps()).fps(c.fps())
                .maxFrameBytes(c.maxFrameBytes()).sendQueueFrames(c.sendQueueFrames())
                .receiveQueueFrames(c.receiveQueueFrames()).rekeyIntervalPackets(c.rekeyIntervalPackets());
    }
}
