package io.punktfunk.client.stream;

import io.punktfunk.control.quic.ClientControlSession;
import io.punktfunk.core.abr.RampMeter;
import io.punktfunk.core.session.ClientMediaSession;
import io.punktfunk.core.session.SessionStats;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The client's half of link adaptation (docs/links.md), on its own thread: first it measures the
 * host's bring-up ramp ({@link RampMeter} on the probe byte counter, sampled every millisecond) and
 * reports the link it proved; then, every {@link #REPORT_NS} (and {@link #EARLY_NS} after the last
 * report when a frame was lost), one DeliveryReport: wire bytes delivered, frames lost, and the
 * queueing-delay rise: the smallest (arrival − pts) of the window minus the smallest of the last
 * ~10 s. Both stamps are one-way and on different clocks, so only the rise means anything — which
 * is all a growing queue needs.
 */
final class LinkFeedback {
    static final long REPORT_NS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long EARLY_NS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * The ramp itself lasts well under a second, but it starts once the host's encoder is open,
     * which on a loaded machine takes seconds; the first picture ends the wait anyway.
     */
    static final long RAMP_WAIT_NS = TimeUnit.SECONDS.toNanos(15);
    /** Windows whose minimum delay forms the baseline (~10 s). */
    static final int BASELINE_WINDOWS = 40;

    private final ClientMediaSession data;
    private final ClientControlSession control;
    private final LongSupplier framesLost;
    private final LongSupplier framesReceived;
    private final AtomicLong windowMinDelayNs = new AtomicLong(Long.MAX_VALUE);
    private final long[] baseline = new long[BASELINE_WINDOWS];
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long rampLinkBps;

    LinkFeedback(ClientMediaSession data, ClientControlSession control, LongSupplier framesLost,
                 LongSupplier framesReceived) {
        this.data = data;
        this.control = control;
        this.framesLost = framesLost;
        this.framesReceived = framesReceived;
        java.util.Arrays.fill(baseline, Long.MAX_VALUE);
        this.thread = Thread.ofPlatform().name("pkf-client-feedback").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Decode thread: one complete frame's arrival time and capture pts (host clock). */
    void onFrame(long receivedNs, long ptsNs) {
        long d = receivedNs - ptsNs;
        windowMinDelayNs.accumulateAndGet(d, Math::min);
    }

    /** The link the ramp proved (bit/s, 0 = none yet). */
    long rampLinkBps() {
        return rampLinkBps;
    }

    private void run() {
        measureRamp();
        SessionStats last = data.stats();
        long lastNs = System.nanoTime();
        long lastLost = framesLost.getAsLong();
        int window = 1;
        int slot = 0;
        while (running) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            long now = System.nanoTime();
            long lost = framesLost.getAsLong();
            boolean due = now - lastNs >= REPORT_NS || (lost != lastLost && now - lastNs >= EARLY_NS);
            if (!due || !running) {
                continue;
            }
            SessionStats s = data.stats();
            long min = windowMinDelayNs.getAndSet(Long.MAX_VALUE);
            long rise = 0;
            if (min != Long.MAX_VALUE) {
                baseline[slot++ % BASELINE_WINDOWS] = min;
                long base = Long.MAX_VALUE;
                for (long b : baseline) {
                    base = Math.min(base, b);
                }
                rise = min - base;
            }
            try {
                control.reportDelivery(window++, (int) Math.min(Integer.MAX_VALUE, (now - lastNs) / 1000),
                        s.bytesReceived() - last.bytesReceived(), (int) Math.min(Integer.MAX_VALUE, lost - lastLost),
                        (int) Math.min(Integer.MAX_VALUE, rise / 1000), 0);
            } catch (RuntimeException e) {
                return; // the session is closing
            }
            last = s;
            lastNs = now;
            lastLost = lost;
        }
    }

    /** Samples the probe counter until the ramp is over (or video starts without one) and reports it. */
    private void measureRamp() {
        RampMeter meter = new RampMeter(4096);
        long t0 = System.nanoTime();
        while (running) {
            long now = System.nanoTime();
            meter.sample(now, data.stats().probeBytesReceived());
            if (meter.done(now) || now - t0 > RAMP_WAIT_NS || framesReceived.getAsLong() > 0) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        long link = meter.linkBps();
        if (link > 0) {
            rampLinkBps = link;
            try {
                control.reportDelivery(0, 0, 0, 0, 0, (int) Math.max(1, link / 1000));
            } catch (RuntimeException e) {
                running = false;
            }
        }
    }

    void stop() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
