package io.punktfunk.host.stream;

import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.ControlMessage.BitrateChanged;
import io.punktfunk.control.message.ControlMessage.DeliveryReport;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.core.abr.BitrateController;
import io.punktfunk.core.abr.Decision;
import io.punktfunk.core.abr.Feedback;
import io.punktfunk.core.abr.Verdict;
import io.punktfunk.core.session.HostMediaSession;
import io.punktfunk.core.session.SessionStats;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's link adaptation on the host (docs/links.md): the bring-up ramp before the first
 * picture, then a {@link BitrateController} fed by the client's delivery reports. Each decision sets
 * the pacer's bitrate and link estimate at once, hands the encoder its new bitrate (applied by the
 * video thread before the next picture) and tells the client (BitrateChanged, shown in its stats
 * line). The client's own SetBitrate moves the ceiling.
 */
final class LinkAdaptation {
    private static final Logger LOG = LoggerFactory.getLogger(LinkAdaptation.class);
    /** Ramp: the first step's rate... */
    static final long RAMP_START_BPS = 5_000_000L;
    /** ...each step this long, at twice the last one's rate... */
    static final long RAMP_STEP_NS = 25_000_000L;
    /** ...in probe frames this far apart (5 per step)... */
    static final long RAMP_FRAME_NS = 5_000_000L;
    /**
     * ...up to four times the ceiling, at most this. The client reports its best two-step window,
     * which without a wall averages the last two steps (3/4 of the top): the top must be 4× the
     * ceiling for half of what is proven (the start) to reach it on a link that has room.
     */
    static final long RAMP_MAX_BPS = 2_560_000_000L;
    /** At least 4 steps (100 ms): the client's meter needs two steps' worth of arrivals. */
    static final long RAMP_MIN_TOP_BPS = 40_000_000L;
    /** How long to wait for the client's verdict after the last step. */
    static final long RAMP_VERDICT_NS = 400_000_000L;
    /** Steps from 5 Mbit/s to the 2.56 Gbit/s top. */
    static final int RAMP_MAX_STEPS = 10;
    /**
     * Delivered below this share of what the host offered: the link stopped it (the wall). At or
     * above it the host could not offer more than the link carried, and the ramp proved a floor only.
     */
    static final double RAMP_WALL_SHARE = 0.9;

    /** Reports whose host-delay minima form the baseline (~10 s, as the client's). */
    static final int HOST_BASELINE_WINDOWS = 40;

    private final HostControlSession control;
    private final HostMediaSession data;
    /** While a speed test owns the link, its reports describe the probe, not the stream. */
    private final BooleanSupplier probing;
    private final CompletableFuture<Long> rampVerdict = new CompletableFuture<>();
    private BitrateController controller;
    private long lastSentBytes = -1;
    private long lastReportNs;
    private long lastQueueDropped;
    private final AtomicLong pendingEncoderBps = new AtomicLong();
    private volatile String lastDecision = "";
    /** Reports before the ramp's end describe the ramp, not the stream. */
    private volatile boolean rampDone;
    /** Smallest (submit − capture) of the frames since the last report: the host's own delay. */
    private final AtomicLong hostWindowMinNs = new AtomicLong(Long.MAX_VALUE);
    /** Per-report minima of that over the last ~10 s (the client keeps the same window). */
    private final long[] hostBaseline = new long[HOST_BASELINE_WINDOWS];
    private int hostSlot;

    LinkAdaptation(HostControlSession control, HostMediaSession data, long ceilingBps, BooleanSupplier probing) {
        this.control = control;
        this.data = data;
        this.probing = probing;
        this.controller = new BitrateController(ceilingBps, ceilingBps);
        java.util.Arrays.fill(hostBaseline, Long.MAX_VALUE);
    }

    /**
     * Video thread: a frame captured at {@code captureNs} was handed to the data plane now. The
     * client's queue rise is measured from the capture stamp, so it includes capture and encode
     * time; the rise of this host-side part over the same window is subtracted from it, so a busy
     * encoder is not taken for a queue on the link. Allocates nothing.
     */
    void onFrameSubmitted(long captureNs) {
        long d = System.nanoTime() - captureNs;
        hostWindowMinNs.accumulateAndGet(d, Math::min);
    }

    /** The rise of the host's own delay in the window just ended over its ~10 s minimum (report thread). */
    private long hostDelayRiseNs() {
        long min = hostWindowMinNs.getAndSet(Long.MAX_VALUE);
        if (min == Long.MAX_VALUE) {
            return 0;
        }
        hostBaseline[hostSlot++ % HOST_BASELINE_WINDOWS] = min;
        long base = Long.MAX_VALUE;
        for (long b : hostBaseline) {
            base = Math.min(base, b);
        }
        return Math.max(0, min - base);
    }

    /**
     * Video thread, before the first picture: bursts the ramp's steps as probe frames, waits for the
     * client's link verdict and starts at half of it. A client that sends none (or an old one)
     * leaves the stream at the negotiated bitrate. Returns the bitrate to open with.
     */
    long bringUp() {
        long t0 = System.nanoTime();
        long top = Math.clamp(4 * controller.ceilingBps(), RAMP_MIN_TOP_BPS, RAMP_MAX_BPS);
        // what left our socket at each step boundary: the rate the host actually offered, which
        // on a busy host is less than it asked for
        long[] sentAt = new long[RAMP_MAX_STEPS + 2];
        long[] timeAt = new long[RAMP_MAX_STEPS + 2];
        int steps = 0;
        sentAt[0] = data.stats().bytesSent();
        timeAt[0] = System.nanoTime();
        for (long rate = RAMP_START_BPS; ; rate *= 2) {
            data.startProbe(rate, RAMP_STEP_NS, RAMP_FRAME_NS);
            LockSupport.parkNanos(RAMP_STEP_NS);
            steps++;
            sentAt[steps] = data.stats().bytesSent();
            timeAt[steps] = System.nanoTime();
            if (rate >= top || steps == RAMP_MAX_STEPS) {
                break;
            }
        }
        data.startProbe(0, 0);
        long linkBps;
        try {
            linkBps = rampVerdict.get(RAMP_VERDICT_NS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.info("{}: ramp: no verdict from the client, streaming at {} kbps", control,
                    controller.bitrateBps() / 1000);
            rampDone = true;
            return controller.bitrateBps();
        } catch (Exception e) {
            rampDone = true;
            return controller.bitrateBps();
        } finally {
            lastSentBytes = data.stats().bytesSent();
            lastReportNs = System.nanoTime();
        }
        // the last step's tail leaves after its boundary: count it with the last step
        sentAt[steps] = Math.max(sentAt[steps], lastSentBytes);
        long offered = offeredPeakBps(sentAt, timeAt, steps);
        boolean wall = isWall(linkBps, offered);
        Decision d;
        synchronized (this) {
            d = controller.onLinkProven(System.nanoTime(), linkBps, wall);
            apply(d, BitrateChanged.RAMP);
        }
        rampDone = true;
        LOG.info("{}: ramp: {} steps to {} Mbit/s, offered at most {} Mbit/s, link {} Mbit/s proven in {} ms ({}):"
                        + " starting at {} Mbit/s", control, steps, top / 1_000_000, offered / 1_000_000,
                linkBps / 1_000_000, (System.nanoTime() - t0) / 1_000_000,
                wall ? "the link's wall" : "all the host could offer: a floor, not the link", d.bitrateBps() / 1_000_000);
        return d.bitrateBps();
    }

    /**
     * The highest rate the host offered over two consecutive steps (the client's window spans two):
     * bytes that left the socket over the time between the step boundaries.
     */
    static long offeredPeakBps(long[] sentAt, long[] timeAt, int steps) {
        long best = 0;
        for (int i = 0; i + 2 <= steps; i++) {
            long ns = timeAt[i + 2] - timeAt[i];
            if (ns > 0) {
                best = Math.max(best, (long) ((sentAt[i + 2] - sentAt[i]) * 8e9 / ns));
            }
        }
        return best;
    }

    /**
     * Whether the ramp hit the link's wall: the client's best window delivered clearly less than
     * the host's best offer. If it delivered (nearly) all of it, the host, not the link, was the limit.
     */
    static boolean isWall(long deliveredBps, long offeredBps) {
        return offeredBps <= 0 || deliveredBps < RAMP_WALL_SHARE * offeredBps;
    }

    /** Event loop: one delivery report from the client. */
    void onReport(DeliveryReport r) {
        if (r.linkKbps() > 0 && !rampVerdict.isDone()) {
            rampVerdict.complete(r.linkKbps() * 1000L);
            return;
        }
        if (!rampDone || probing.getAsBoolean()) {
            lastSentBytes = -1; // the next report starts a fresh window
            return;
        }
        SessionStats stats = data.stats();
        long sent = stats.bytesSent();
        long now = System.nanoTime();
        synchronized (this) {
            // what we sent over the client's window: our bytes between two reports, scaled from our
            // interval to the client's (the two differ by the report's own jitter)
            long hostInterval = now - lastReportNs;
            long sentDelta = lastSentBytes < 0 || hostInterval <= 0 ? 0
                    : (long) ((sent - lastSentBytes) * (r.intervalUs() * 1000.0 / hostInterval));
            lastSentBytes = sent;
            lastReportNs = now;
            // frames this host refused itself (send queue full: a CPU stall) are not the link's losses
            long refused = stats.framesQueueDropped() - lastQueueDropped;
            lastQueueDropped = stats.framesQueueDropped();
            long linkLost = Math.max(0, r.framesLost() - refused);
            // the client's rise counts from capture: take off what our own capture/encode added
            long hostRise = hostDelayRiseNs();
            long linkQueueNs = Math.max(0, r.queueDelayUs() * 1000L - hostRise);
            Decision d = controller.onReport(System.nanoTime(), new Feedback(r.intervalUs() * 1000L, r.wireBytes(),
                    linkLost, linkQueueNs), sentDelta);
            if (d.changed() || d.verdict() == Verdict.LOSS || d.verdict() == Verdict.QUEUEING) {
                apply(d, d.verdict() == Verdict.CLEAN ? BitrateChanged.ADAPTED_UP : BitrateChanged.ADAPTED_DOWN);
                LOG.info("{}: abr {} after delivered {} Mbit/s, {} lost, queue +{} ms (client +{} − host +{})", control,
                        d.describe(), r.intervalUs() == 0 ? 0 : r.wireBytes() * 8 / r.intervalUs(), r.framesLost(),
                        linkQueueNs / 1_000_000.0, r.queueDelayUs() / 1000.0, hostRise / 1_000_000.0);
            }
        }
    }

    /** Encode thread: an IDR answered a re-ask, so its predecessor was lost: recover smaller. */
    synchronized void onKeyframeReasked() {
        Decision d = controller.onKeyframeReasked(System.nanoTime());
        if (d.changed()) {
            apply(d, BitrateChanged.ADAPTED_DOWN);
            LOG.info("{}: abr {} after a lost IDR", control, d.describe());
        }
    }

    /** The client's SetBitrate: a new ceiling (the controller restarts below it, keeping the link). */
    synchronized void ceiling(long bps) {
        long link = controller.linkBps();
        boolean wall = controller.wallBps() > 0;
        controller = new BitrateController(bps, Math.min(bps, controller.bitrateBps()));
        if (link > 0) {
            apply(controller.onLinkProven(System.nanoTime(), link, wall), BitrateChanged.GRANTED);
        } else {
            pendingEncoderBps.set(controller.bitrateBps());
            data.pacing(controller.bitrateBps(), 0);
        }
    }

    private void apply(Decision d, int reason) {
        data.pacing(d.bitrateBps(), d.linkBps());
        pendingEncoderBps.set(d.bitrateBps());
        lastDecision = d.describe();
        control.send(new ControlMessage.BitrateChanged((int) (d.bitrateBps() / 1000), reason));
    }

    /** Video thread: the bitrate to hand the encoder before the next picture, or 0 when unchanged. */
    long takeEncoderBitrate() {
        return pendingEncoderBps.getAndSet(0);
    }

    /** The last decision, for logs and stats. */
    String lastDecision() {
        return lastDecision;
    }
}
