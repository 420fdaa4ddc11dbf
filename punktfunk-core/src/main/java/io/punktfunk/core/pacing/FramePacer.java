package io.punktfunk.core.pacing;

import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.Transport;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Sends one frame's datagrams paced (punktfunk-reference.md §1.13):
 *
 * <pre>
 *  rate   = factor × bitrate
 *  burst  = clamp(10 ms × rate, 16 KiB, 256 KiB)   sent at once (the datagram crossing it included)
 *  budget = min(rest × 8 / rate, 2 frame intervals, 100 ms)
 *  chunk j of the rest (16 datagrams each) leaves at start + budget × (j + 1) / chunks
 *  waits shorter than minSleep are skipped; chunks due together leave in one sendBatch
 * </pre>
 *
 * With factor 0 the burst is max(128 KiB, frame / 4) and the rest is spread over one frame
 * interval.
 *
 * <p>With a link estimate ({@link #linkBps(long)}, from the bring-up ramp, a probe or the client's
 * delivery reports) the pacer respects the bottleneck: rate = min(factor × bitrate, linkShare ×
 * link), burst = min(the above, what a shallow queue absorbs: link × queueBurst, what the link
 * drained since the last frame left: a token bucket, so back-to-back frames get no burst), and the spread is
 * never squeezed into two frame intervals when that would send faster than the link drains (a
 * keyframe is spread at the link rate instead of dumped). Only the 100 ms cap stays above that. Probe frames
 * ignore the estimate (they measure the link). Runs on the send thread; not thread-safe except
 * {@link #linkBps(long)}; allocates nothing.
 */
public final class FramePacer {

    private final PacingConfig config;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private int lastBurstPackets;
    private int lastChunks;
    private int lastSleeps;
    private long lastBudgetNs;
    /** Bottleneck estimate in bit/s, 0 = unknown (written by any thread, read once per frame). */
    private volatile long linkBps;
    /** When the last frame's last datagram left: the bottleneck's queue drains from then on. */
    private long lastEndNs = Long.MIN_VALUE / 2;

    /** A pacer on {@code nanoClock}, waiting through {@code sleeper}. */
    public FramePacer(PacingConfig config, LongSupplier nanoClock, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config);
        this.clock = Objects.requireNonNull(nanoClock);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /** A pacer on {@link System#nanoTime()} that parks the thread. */
    public static FramePacer system(PacingConfig config) {
        LongSupplier clock = System::nanoTime;
        return new FramePacer(config, clock, Sleeper.parking(clock));
    }

    /** Sets the link estimate the pacer respects (bit/s; 0 = unknown: pace from the bitrate alone). Any thread. */
    public void linkBps(long bps) {
        this.linkBps = Math.max(0, bps);
    }

    /** The link estimate in use (0 = none). */
    public long linkBps() {
        return linkBps;
    }

    /** Initial burst in bytes for a pace rate in bit/s (0 = deadline-only) and a frame of {@code frameBytes}. */
    public static long burstBytes(PacingConfig config, double paceRateBps, long frameBytes) {
        if (paceRateBps <= 0) {
            return Math.max(PacingConfig.DEADLINE_ONLY_MIN_BURST_BYTES, frameBytes / 4);
        }
        double window = paceRateBps / 8 * (config.burstWindowNs() / 1e9);
        return Math.clamp((long) window, config.minBurstBytes(), config.maxBurstBytes());
    }

    /**
     * Sends every datagram of {@code frame} through {@code transport}, paced.
     *
     * @param bitrateBps      stream bitrate in bit/s (≤ 0 = unknown: deadline-only pacing)
     * @param frameIntervalNs time between frames (≤ 0 = unknown: no interval cap)
     * @return datagrams the transport took (the rest were dropped and counted there)
     */
    public int sendFrame(Transport transport, DatagramBatch frame, long bitrateBps, long frameIntervalNs) {
        return sendFrame(transport, frame, bitrateBps, frameIntervalNs, true);
    }

    /**
     * As {@link #sendFrame(Transport, DatagramBatch, long, long)}; {@code respectLink} false ignores the
     * link estimate (probe frames, which must offer more than the link to measure it).
     */
    public int sendFrame(Transport transport, DatagramBatch frame, long bitrateBps, long frameIntervalNs,
                         boolean respectLink) {
        int n = frame.count();
        lastBurstPackets = n;
        lastChunks = 0;
        lastSleeps = 0;
        lastBudgetNs = 0;
        if (!config.enabled() || n == 0) {
            return n == 0 ? 0 : transport.sendBatch(frame, 0, n);
        }
        long startNs = clock.getAsLong();
        long total = totalBytes(frame);
        long link = respectLink ? linkBps : 0;
        double rate = paceRate(bitrateBps, link);
        int b = burstEnd(frame, burst(rate, total, link, startNs));
        lastBurstPackets = b;
        if (b == n) {
            lastEndNs = startNs;
            return transport.sendBatch(frame, 0, n);
        }
        long burstSent = 0;
        for (int i = 0; i < b; i++) {
            burstSent += frame.length(i);
        }
        long budget = spreadBudgetNs(total - burstSent, rate, frameIntervalNs, link);
        lastBudgetNs = budget;
        int chunk = config.chunkPackets();
        int steps = (n - b + chunk - 1) / chunk;
        lastChunks = steps;
        // Datagrams [pending, next chunk) are due; they go out in one call right before the next
        // real sleep, so chunks whose short waits were skipped share one sendmmsg.
        int pending = 0;
        int taken = 0;
        for (int j = 0; j < steps; j++) {
            int chunkStart = b + j * chunk;
            long due = startNs + budget * (j + 1) / steps;
            if (due - clock.getAsLong() >= config.minSleepNs()) {
                if (chunkStart > pending) {
                    taken += transport.sendBatch(frame, pending, chunkStart);
                    pending = chunkStart;
                }
                sleeper.sleepUntil(due);
                lastSleeps++;
            }
        }
        lastEndNs = clock.getAsLong();
        return taken + transport.sendBatch(frame, pending, n);
    }

    /**
     * Whether {@link #sendFrame} would send all of {@code frame} in its initial burst, with no wait:
     * then any thread may send it without the pacer's timing mattering.
     */
    public boolean sendsAtOnce(DatagramBatch frame, long bitrateBps) {
        return sendsAtOnce(frame, bitrateBps, true);
    }

    /** As {@link #sendsAtOnce(DatagramBatch, long)}, with or without the link estimate. */
    public boolean sendsAtOnce(DatagramBatch frame, long bitrateBps, boolean respectLink) {
        int n = frame.count();
        if (!config.enabled() || n == 0) {
            return true;
        }
        long link = respectLink ? linkBps : 0;
        return burstEnd(frame, burst(paceRate(bitrateBps, link), totalBytes(frame), link, clock.getAsLong())) == n;
    }

    /** factor × bitrate, but never above linkShare × link when the link is known. */
    private double paceRate(long bitrateBps, long link) {
        double rate = bitrateBps > 0 ? config.factor() * bitrateBps : 0;
        if (link > 0) {
            double cap = config.linkShare() * link;
            rate = rate > 0 ? Math.min(rate, cap) : cap;
        }
        return rate;
    }

    /**
     * The usual burst; with a known link, shrunk to what the bottleneck's queue absorbs, and only
     * as far as it drained since the last frame: a frame sent right behind another (a backlog after
     * a keyframe) gets no burst, else each would add its burst to a queue that is still full.
     */
    private long burst(double rate, long total, long link, long nowNs) {
        long b = burstBytes(config, rate, total);
        if (link > 0) {
            double drained = Math.max(0, nowNs - lastEndNs) / 1e9 * link / 8.0;
            b = (long) Math.min(b, Math.min(drained, link / 8.0 * (config.queueBurstNs() / 1e9)));
        }
        return b;
    }

    private static long totalBytes(DatagramBatch frame) {
        long total = 0;
        for (int i = 0, n = frame.count(); i < n; i++) {
            total += frame.length(i);
        }
        return total;
    }

    /** Datagrams of the initial burst: until {@code burst} bytes are reached, the one crossing it included. */
    private static int burstEnd(DatagramBatch frame, long burst) {
        int n = frame.count();
        int b = 0;
        long sent = 0;
        while (b < n && sent < burst) {
            sent += frame.length(b++);
        }
        return b;
    }

    private long spreadBudgetNs(long overflowBytes, double rate, long frameIntervalNs, long link) {
        double budget = rate > 0 ? overflowBytes * 8e9 / rate : Math.max(0, frameIntervalNs);
        if (frameIntervalNs > 0) {
            budget = Math.min(budget, config.maxFrameIntervals() * frameIntervalNs);
        }
        if (link > 0) {
            // the interval cap must not push the frame out faster than the bottleneck drains
            budget = Math.max(budget, overflowBytes * 8e9 / (config.linkShare() * link));
        }
        return (long) Math.min(budget, config.maxSpreadNs());
    }

    /** Datagrams the last frame sent in its initial burst. */
    public int lastBurstPackets() {
        return lastBurstPackets;
    }

    /** Paced chunks of the last frame after its burst. */
    public int lastChunks() {
        return lastChunks;
    }

    /** Sleeps taken for the last frame. */
    public int lastSleeps() {
        return lastSleeps;
    }

    /** Spread budget of the last frame. */
    public long lastBudgetNs() {
        return lastBudgetNs;
    }
}
