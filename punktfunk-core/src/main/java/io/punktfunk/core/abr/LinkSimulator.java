package io.punktfunk.core.abr;

import java.util.SplittableRandom;

/**
 * A fast, seeded model of a stream across a shaped link, for the controller's tests and baseline
 * table: 60 fps frames of bitrate/60 bytes (IDRs 4× that, on request, with the host's doubling
 * cool-down), paced like {@code FramePacer}: min(3 × bitrate, 95 % of the link estimate) after a
 * burst of at most what the bottleneck drains in 2 ms and has drained since the last frame, 1408-byte shards
 * in 1510-byte datagrams (as tbf counts them: headers, tag, IP/UDP, Ethernet) with 10 % parity, a tbf-like bottleneck (rate,
 * queue limit in ms, tail drop), random and Gilbert-Elliott burst loss, and a delivery report
 * every 250 ms, or 50 ms after the last one when a frame was lost (delivered bytes, frames
 * lost, queue-delay rise), into a {@link BitrateController}.
 * Time advances in 100 µs ticks; a 20 s run takes milliseconds.
 */
public final class LinkSimulator {
    /** Frame bytes per datagram (the IPv4 shard)... */
    static final int SHARD = 1408;
    /** ...and what one datagram costs at the bottleneck: + 44 header + 16 tag + 28 IP/UDP + 14 Ethernet (tbf counts it). */
    static final int DATAGRAM = 1510;
    static final long TICK_NS = 100_000L;
    static final long FRAME_NS = 16_666_667L;
    static final long REPORT_NS = 250_000_000L;
    static final double PARITY = 0.10;
    static final long EARLY_REPORT_NS = 50_000_000L;

    /** Link rate as a function of time: {@code rates[i]} from {@code atNs[i]} on. */
    public record Schedule(long[] atNs, long[] rates) {
        public static Schedule constant(long bps) {
            return new Schedule(new long[] {0}, new long[] {bps});
        }

        long rateAt(long ns) {
            long r = rates[0];
            for (int i = 0; i < atNs.length; i++) {
                if (ns >= atNs[i]) {
                    r = rates[i];
                }
            }
            return r;
        }
    }

    /**
     * One scenario.
     *
     * @param burstEnter Gilbert-Elliott: chance per datagram of entering the bad state (0 = off)
     * @param burstExit  chance per datagram of leaving it (every datagram in it is lost)
     */
    public record Scenario(String name, Schedule link, double queueMs, long ceilingBps, double randomLoss,
                           double burstEnter, double burstExit, long durationNs, long seed) {
    }

    /**
     * Outcomes. {@code utilisation}: delivered wire bytes / link capacity over the whole run;
     * {@code settledUtilisation}: the same over its last {@link #SETTLED_NS}. {@code followMs}: from the first link drop until the bitrate is ≤ 70 % of the new
     * link (-1 = no drop); {@code climbMs}: from the link's return until the bitrate is back at
     * ≥ 50 % of it (-1 = none or never).
     */
    public record Outcome(String name, long framesSent, long framesLost, long longestFreezeMs, double utilisation,
                          double settledUtilisation, long followMs, long climbMs, long finalBitrateBps,
                          long keyframes) {
    }

    /** The settled utilisation counts the last this-long of a run (the ramp and climbs are over). */
    static final long SETTLED_NS = 5_000_000_000L;

    private static final boolean TRACE = Boolean.getBoolean("abr.trace");

    private LinkSimulator() {
    }

    /** Runs {@code s} with ramp-proven {@code rampBps} (0 = no ramp), a wall, and returns its outcome. */
    public static Outcome run(Scenario s, long rampBps) {
        return run(s, rampBps, true);
    }

    /**
     * Runs {@code s} after a ramp that proved {@code rampBps} (0 = no ramp); {@code rampWall} false
     * models a host that could not offer more during the ramp (cold or busy), so the figure is a floor.
     */
    public static Outcome run(Scenario s, long rampBps, boolean rampWall) {
        SplittableRandom rnd = new SplittableRandom(s.seed());
        BitrateController c = new BitrateController(s.ceilingBps(), 20_000_000L);
        if (rampBps > 0) {
            c.onLinkProven(0, rampBps, rampWall);
        }
        long settledFromNs = s.durationNs() - SETTLED_NS;
        long deliveredSettled = 0;
        long capacitySettled = 0;
        double queueBytes = 0;
        boolean bad = false;
        long nextFrameNs = 0;
        // the frame being paced: datagrams left, next send time
        long pendingDatagrams = 0;
        long frameLostDatagrams = 0;
        long frameDatagrams = 0;
        long frameBurstLeft = 0;
        double paceBps = 0;
        double sendCredit = 0;
        boolean frameOpen = false;
        boolean frameIsIdr = false;
        long lastFrameEndNs = -1_000_000_000L;
        long framesSent = 0;
        long framesLost = 0;
        long keyframes = 0;
        boolean needIdr = true;
        boolean damaged = false;
        long lastShownNs = 0;
        long longestFreeze = 0;
        long idrCooldownNs = 100_000_000L;
        long lastIdrNs = -1_000_000_000L;
        long lastRequestNs = -1_000_000_000L;
        // report window
        long winBytes = 0;
        long winSent = 0;
        long winLost = 0;
        long winMinDelay = Long.MAX_VALUE;
        long baseDelay = Long.MAX_VALUE;
        long nextReportNs = REPORT_NS;
        long lastReportNs = 0;
        long deliveredTotal = 0;
        long capacityTotal = 0;
        long dropAt = -1;
        long returnAt = -1;
        long followMs = -1;
        long climbMs = -1;
        long prevRate = s.link().rateAt(0);
        for (long now = 0; now < s.durationNs(); now += TICK_NS) {
            long rate = s.link().rateAt(now);
            if (rate < prevRate && dropAt < 0) {
                dropAt = now;
            } else if (rate > prevRate && dropAt >= 0 && returnAt < 0) {
                returnAt = now;
            }
            prevRate = rate;
            if (dropAt >= 0 && followMs < 0 && c.bitrateBps() <= 0.7 * rate) {
                followMs = (now - dropAt) / 1_000_000;
            }
            if (returnAt >= 0 && climbMs < 0 && c.bitrateBps() >= 0.5 * rate) {
                climbMs = (now - returnAt) / 1_000_000;
            }
            // a new frame every 16.7 ms (a frame still being paced delays it, as the send queue does)
            if (!frameOpen && now >= nextFrameNs) {
                nextFrameNs += FRAME_NS;
                boolean idr = needIdr && now - lastIdrNs >= idrCooldownNs;
                long bytes = c.bitrateBps() / 8 / 60 * (idr ? 4 : 1);
                if (idr) {
                    needIdr = false;
                    lastIdrNs = now;
                    keyframes++;
                }
                long data = Math.max(1, (bytes + SHARD - 1) / SHARD);
                frameDatagrams = data + (long) Math.ceil(data * PARITY);
                pendingDatagrams = frameDatagrams;
                frameLostDatagrams = 0;
                long link = c.linkBps();
                double rateCap = 3.0 * c.bitrateBps();
                long burstBytes = Math.clamp((long) (rateCap / 8 * 0.010), 16 * 1024, 256 * 1024);
                if (link > 0) {
                    rateCap = Math.min(rateCap, 0.95 * link);
                    double drained = (now - lastFrameEndNs) / 1e9 * link / 8.0;
                    burstBytes = (long) Math.min(burstBytes, Math.min(drained, link / 8.0 * 0.002));
                }
                paceBps = rateCap;
                frameBurstLeft = Math.max(1, burstBytes / DATAGRAM);
                sendCredit = 0;
                frameOpen = true;
                framesSent++;
                frameIsIdr = idr;
            }
            // send: the burst at once, then at the pace rate
            long toSend = 0;
            if (frameOpen) {
                if (frameBurstLeft > 0) {
                    toSend = Math.min(frameBurstLeft, pendingDatagrams);
                    frameBurstLeft -= toSend;
                } else {
                    sendCredit += paceBps / 8 * TICK_NS / 1e9 / DATAGRAM;
                    toSend = Math.min((long) sendCredit, pendingDatagrams);
                    sendCredit -= toSend;
                }
            }
            // bottleneck: drain, then admit or tail-drop
            double drained = Math.min(queueBytes, rate / 8.0 * TICK_NS / 1e9);
            queueBytes -= drained;
            winBytes += (long) drained; // the client sees what leaves the bottleneck
            deliveredTotal += (long) drained;
            double limit = rate / 8.0 * s.queueMs() / 1000;
            for (long i = 0; i < toSend; i++) {
                winSent += DATAGRAM;
                boolean lost;
                if (s.burstEnter() > 0) {
                    bad = bad ? rnd.nextDouble() >= s.burstExit() : rnd.nextDouble() < s.burstEnter();
                }
                lost = bad || rnd.nextDouble() < s.randomLoss();
                if (!lost && queueBytes + DATAGRAM > limit) {
                    lost = true;
                }
                if (lost) {
                    frameLostDatagrams++;
                } else {
                    queueBytes += DATAGRAM;
                    long delay = (long) (queueBytes * 8e9 / rate);
                    winMinDelay = Math.min(winMinDelay, delay);
                }
            }
            capacityTotal += (long) (rate / 8.0 * TICK_NS / 1e9);
            if (now >= settledFromNs) {
                deliveredSettled += (long) drained;
                capacitySettled += (long) (rate / 8.0 * TICK_NS / 1e9);
            }
            if (frameOpen) {
                pendingDatagrams -= toSend;
                if (pendingDatagrams == 0) {
                    frameOpen = false;
                    lastFrameEndNs = now;
                    boolean lostFrame = frameLostDatagrams > frameDatagrams - Math.max(1,
                            Math.round(frameDatagrams / (1 + PARITY)));
                    if (lostFrame) {
                        framesLost++;
                        winLost++;
                        damaged = true;
                        // the client reports a loss at once (≥ 50 ms apart) instead of at the window's end
                        nextReportNs = Math.min(nextReportNs, Math.max(now, lastReportNs + EARLY_REPORT_NS));
                    } else if (damaged && frameIsIdr) {
                        damaged = false;
                    }
                    if (damaged) {
                        // the client asks (at most every 200 ms); a re-ask soon after an IDR doubles the cool-down
                        if (now - lastRequestNs >= 200_000_000L) {
                            lastRequestNs = now;
                            if (!needIdr) {
                                boolean reask = now - lastIdrNs < 1_000_000_000L;
                                idrCooldownNs = reask ? Math.min(idrCooldownNs * 2, 400_000_000L) : 100_000_000L;
                                if (reask) {
                                    c.onKeyframeReasked(now);
                                }
                            }
                            needIdr = true;
                        }
                    } else {
                        longestFreeze = Math.max(longestFreeze, now - lastShownNs);
                        lastShownNs = now;
                    }
                }
            }
            if (now >= nextReportNs) {
                long windowNs = now - lastReportNs;
                lastReportNs = now;
                nextReportNs = now + REPORT_NS;
                long minDelay = winMinDelay == Long.MAX_VALUE ? 0 : winMinDelay;
                baseDelay = Math.min(baseDelay, minDelay);
                Decision d = c.onReport(now, new Feedback(windowNs, winBytes, winLost, minDelay - baseDelay), winSent);
                if (TRACE) {
                    System.out.printf("%s t=%.2f rate=%d sent=%d dlv=%d lost=%d q=%d -> %s%n", s.name(), now / 1e9,
                            rate / 1_000_000, winSent * 8000 / windowNs, winBytes * 8000 / windowNs, winLost,
                            (minDelay - baseDelay) / 1000, d.describe());
                }
                winBytes = 0;
                winSent = 0;
                winLost = 0;
                winMinDelay = Long.MAX_VALUE;
            }
        }
        longestFreeze = Math.max(longestFreeze, s.durationNs() - lastShownNs);
        return new Outcome(s.name(), framesSent, framesLost, longestFreeze / 1_000_000,
                capacityTotal == 0 ? 0 : (double) deliveredTotal / capacityTotal,
                capacitySettled == 0 ? 0 : (double) deliveredSettled / capacitySettled, followMs, climbMs,
                c.bitrateBps(), keyframes);
    }
}
