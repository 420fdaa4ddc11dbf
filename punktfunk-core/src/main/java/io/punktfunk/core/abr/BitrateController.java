package io.punktfunk.core.abr;

/**
 * Adaptive bitrate: turns client delivery reports (every ~250 ms) into the encoder's bitrate and
 * the pacer's link estimate (punktfunk-reference.md §1.15 bring-up ramp, §1.16 feedback).
 *
 * <pre>
 *  ramp / probe ─► link = proven,  bitrate = min(ceiling, 50 % link)
 *  report: delivered < 90 % of sent, with frames lost or a queue ─► LOSS                          ─┐ step down at once:
 *          queue delay ≥ 4 ms in 3 reports in a row, near the link ─► QUEUEING ─┘ link = delivered,
 *                                                                         bitrate = min(85 %, 70 % link)
 *          frames lost otherwise ─► LOSS: −10 % near the link, else hold (not the link's doing)
 *          no wall proven, at the cap, delivered < 96 % of sent (this report and the last two) ─► WALL: link = delivered, now a wall
 *          otherwise ─► CLEAN: after the hold (2 s; doubling, ≤ 16 s, when our own probing hit the
 *                              wall), +15 % per report below half the cap, +5 % near it; when the bitrate sits at its 70 % cap, the link
 *                              estimate climbs +15 % per report back toward what was proven, never past it
 *  keyframe re-asked within 1 s of an IDR (the IDR was lost) ─► bitrate × 0.8: a smaller recovery
 * </pre>
 *
 * The user's ceiling is never exceeded, and nothing climbs above a wall the ramp (or a probe) found:
 * on a shallow queue probing past the wall costs lost frames. A ramp the host could not feed
 * (it delivered all it was offered) found no wall: its figure is a floor the estimate may pass. Random loss (frames lost while nearly
 * everything sent arrived) leaves the link estimate alone. Not thread-safe: one caller (the host's
 * report handler).
 */
public final class BitrateController {
    /** Lowest bitrate it ever asks for (the control plane's floor). */
    public static final long FLOOR_BPS = 500_000L;
    /** Start at half of what the ramp proved... */
    public static final double START_SHARE = 0.5;
    /** ...and never ask more than 70 % of the link: FEC, keyframes and headers need the rest. */
    public static final double CEILING_SHARE = 0.7;
    /** Queue rise that counts as a queue building (a 5 ms switch queue most of the way full)... */
    public static final long QUEUE_RISE_NS = 4_000_000L;
    /** ...in this many reports in a row (encode-time jitter on a busy host can fake one or two). */
    public static final int QUEUE_REPORTS = 3;
    /**
     * Delivered below this share of sent: the link, not chance, dropped it. Not tighter: the host's
     * sent window and the client's report window are only roughly aligned.
     */
    public static final double CONGESTED_DELIVERY = 0.90;
    /**
     * While the estimate creeps past a floor, delivering below this share of what was sent (with no
     * loss or queue yet), in the last report and over the last two, is the wall. Tighter than {@link #CONGESTED_DELIVERY}: it only ends a climb.
     */
    public static final double WALL_DELIVERY = 0.96;
    /** Delay rises and losses count as the link's only while delivering this share of its estimate. */
    public static final double NEAR_LINK = 0.6;
    /** A step down multiplies by at most this. */
    public static final double DOWN = 0.85;
    /** Random loss (link not full) costs this much. */
    public static final double RANDOM_LOSS_DOWN = 0.9;
    /** After a step down, this long clean before probing up. */
    public static final long HOLD_NS = 2_000_000_000L;
    /**
     * Reports this soon after a step down still carry its overload (the queue flushing, frames in
     * flight): they may lower the bitrate once more but not the link estimate or the hold.
     */
    public static final long SETTLE_NS = 600_000_000L;
    /** The hold doubles with each congestion step down, up to this. */
    public static final long MAX_HOLD_NS = 16_000_000_000L;
    /** A lost IDR (re-asked soon after) is answered at this share of the bitrate. */
    public static final double REASK_DOWN = 0.8;
    /** Each clean report after the hold raises the bitrate by this factor near its cap... */
    public static final double UP = 1.05;
    /** ...and by this one while it is below half of it (climbing back after the link returned). */
    public static final double FAST_UP = 1.15;
    /** The link estimate climbs by this per clean report when the bitrate sits at its cap. */
    public static final double LINK_UP = 1.15;
    /**
     * With no wall proven (the ramp was host-limited, or no ramp), the estimate climbs this much per
     * clean report: a 5 % overshoot past the real link loses about 5 % of a frame's datagrams at a
     * tail-drop queue, which the 10 % parity repairs, while the queue's delay rise reports the wall.
     */
    public static final double LINK_CREEP = 1.05;
    /** A step down this soon after a step up was our own probing: the hold doubles. */
    public static final long PROBED_INTO_NS = 1_000_000_000L;

    private final long ceilingBps;
    private long bitrateBps;
    private long linkBps;
    /** The most a ramp, probe or WALL verdict showed the link delivering (0 = nothing yet). */
    private long provenBps;
    /** Whether {@link #provenBps} is the link's wall (never climbed past) or only a floor. */
    private boolean wall;
    private long holdNs = HOLD_NS;
    private long lastUpNs = Long.MIN_VALUE / 2;
    private long lastDownNs;
    private boolean downedOnce;
    private int queueReports;
    private long prevSent;
    private long prevDelivered;
    private Decision last;
    private boolean lastVerdictWasDown;

    /**
     * @param ceilingBps the user's ask: never exceeded
     * @param startBps   bitrate before any ramp or report (clamped to the ceiling)
     */
    public BitrateController(long ceilingBps, long startBps) {
        this.ceilingBps = Math.max(FLOOR_BPS, ceilingBps);
        this.bitrateBps = Math.clamp(startBps, FLOOR_BPS, this.ceilingBps);
        this.last = new Decision(Verdict.UNKNOWN, bitrateBps, 0, false);
    }

    /** The link was proven at {@code provenBps} (bring-up ramp or probe), up to its wall: start at half of it. */
    public Decision onLinkProven(long nowNs, long provenBps) {
        return onLinkProven(nowNs, provenBps, true);
    }

    /**
     * The link delivered {@code provenBps} (bring-up ramp or probe): start at half of it.
     *
     * @param wall whether that was the link's wall (it delivered clearly less than was offered); if
     *             not, the host could not offer more and the figure is only a floor: the estimate may
     *             later climb past it (on clean reports, as at any cap), where a wall is never passed
     */
    public Decision onLinkProven(long nowNs, long provenBps, boolean wall) {
        if (provenBps <= 0) {
            return last;
        }
        linkBps = provenBps;
        this.provenBps = provenBps;
        this.wall = wall;
        holdNs = HOLD_NS;
        long b = Math.clamp((long) (START_SHARE * provenBps), FLOOR_BPS, ceilingBps);
        boolean changed = b != bitrateBps;
        bitrateBps = b;
        lastDownNs = nowNs; // hold before probing above the start
        downedOnce = true;
        return last = new Decision(Verdict.RAMP, bitrateBps, linkBps, changed);
    }

    /**
     * One delivery report.
     *
     * @param sentWireBytes what the host sent in about the same window (0 = unknown)
     */
    public Decision onReport(long nowNs, Feedback f, long sentWireBytes) {
        if (f.intervalNs() <= 0) {
            return last;
        }
        long delivered = f.deliveredBps();
        // a shortfall alone can be two misaligned windows; a full bottleneck also loses frames or
        // queues, so one of those must back it up
        boolean congested = sentWireBytes > 0 && f.wireBytes() < CONGESTED_DELIVERY * sentWireBytes
                && (f.framesLost() > 0 || f.queueDelayNs() >= QUEUE_RISE_NS);
        // near the link, delay and loss are the link's; far below it they are not (a CPU stall on
        // the host delays frames by 100s of ms and loses some, and a lower bitrate would not help)
        boolean nearLink = linkBps == 0 || delivered >= NEAR_LINK * linkBps;
        queueReports = f.queueDelayNs() >= QUEUE_RISE_NS && nearLink ? queueReports + 1 : 0;
        Verdict v;
        long b = bitrateBps;
        boolean settling = downedOnce && nowNs - lastDownNs < SETTLE_NS && lastVerdictWasDown;
        if (settling && (f.framesLost() > 0 || congested)) {
            v = Verdict.LOSS; // the aftermath of the last step: it already answered this overload
        } else if (congested && delivered > 0) {
            v = Verdict.LOSS;
            linkBps = linkBps > 0 ? Math.min(linkBps, delivered) : delivered;
            b = Math.min((long) (b * DOWN), (long) (CEILING_SHARE * linkBps));
            backOff(nowNs);
        } else if (f.framesLost() > 0) {
            v = Verdict.LOSS;
            if (nearLink) {
                b = (long) (b * RANDOM_LOSS_DOWN);
            }
            lastDownNs = nowNs; // no climbing into losses, whatever their cause
            downedOnce = true;
        } else if (queueReports >= QUEUE_REPORTS) {
            v = Verdict.QUEUEING;
            queueReports = 0;
            if (delivered > 0) {
                linkBps = linkBps > 0 ? Math.min(linkBps, delivered) : delivered;
            }
            backOff(nowNs);
            b = linkBps > 0 ? Math.min((long) (b * DOWN), (long) (CEILING_SHARE * linkBps)) : (long) (b * DOWN);
        } else if (!wall && linkBps > 0 && linkBps >= provenBps && sentWireBytes > 0
                && b >= 0.95 * CEILING_SHARE * linkBps
                && f.wireBytes() < WALL_DELIVERY * sentWireBytes
                && f.wireBytes() + prevDelivered < WALL_DELIVERY * (sentWireBytes + prevSent)) {
            // creeping past a floor, and the link no longer delivers all we send: the wall, found
            // before the tail-drop queue overflowed
            v = Verdict.WALL;
            linkBps = Math.min(linkBps, delivered);
            provenBps = linkBps;
            wall = true;
            b = Math.min(b, (long) (CEILING_SHARE * linkBps));
        } else {
            v = Verdict.CLEAN;
            if (!downedOnce || nowNs - lastDownNs >= holdNs) {
                long cap = linkBps > 0 ? (long) (CEILING_SHARE * linkBps) : Long.MAX_VALUE;
                if (linkBps > 0 && b >= 0.95 * cap) {
                    // at the cap: climb the estimate back toward what was proven (unbounded when
                    // nothing was), and the bitrate with it
                    // below what was proven the estimate climbs back fast; past a floor (no wall
                    // proven) it creeps, so the overshoot that finds the wall stays within what FEC
                    // repairs; a wall is never passed
                    long up;
                    if (linkBps < provenBps) {
                        up = Math.min((long) (linkBps * LINK_UP), provenBps);
                    } else {
                        // past a floor only while the stream fills the estimate: a source that
                        // sends less than its bitrate (a still picture) proves nothing about more,
                        // and an inflated estimate lets the pacer overrun the real link
                        boolean filling = sentWireBytes * 8e9 / f.intervalNs() >= CEILING_SHARE * linkBps;
                        up = wall || !filling ? linkBps : (long) (linkBps * LINK_CREEP);
                    }
                    linkBps = Math.max(linkBps, up);
                    cap = (long) (CEILING_SHARE * linkBps);
                    b = Math.min((long) (b * LINK_UP), cap);
                } else {
                    // far below the cap, or with the estimate far below a proven wall (a collapse
                    // the link has recovered from), climb fast; near both, slowly
                    boolean farBelow = b < cap / 2 || linkBps < provenBps / 2;
                    b = Math.min((long) (b * (farBelow ? FAST_UP : UP)), cap);
                }
                if (nowNs - lastDownNs >= 10 * HOLD_NS) {
                    holdNs = HOLD_NS; // a long clean stretch: the congestion is forgotten
                }
            }
        }
        // one frame falling into the other side's window is ~7 % of 250 ms: the wall test spans two
        prevSent = sentWireBytes;
        prevDelivered = f.wireBytes();
        b = Math.clamp(b, FLOOR_BPS, ceilingBps);
        if (b < bitrateBps) {
            lastDownNs = nowNs;
            downedOnce = true;
        } else if (b > bitrateBps) {
            lastUpNs = nowNs;
        }
        boolean changed = b != bitrateBps;
        lastVerdictWasDown = b < bitrateBps || (settling && v == Verdict.LOSS);
        bitrateBps = b;
        return last = new Decision(v, bitrateBps, linkBps, changed);
    }

    /**
     * The client asked for a keyframe again soon after an IDR: that IDR (the biggest frame there
     * is) was lost, so the next one is made smaller by lowering the bitrate; the same burst again
     * would be lost again.
     */
    public Decision onKeyframeReasked(long nowNs) {
        if (downedOnce && nowNs - lastDownNs < SETTLE_NS) {
            return last; // one smaller recovery per overload, not one per re-ask
        }
        long b = Math.clamp((long) (bitrateBps * REASK_DOWN), FLOOR_BPS, ceilingBps);
        boolean changed = b != bitrateBps;
        bitrateBps = b;
        lastDownNs = nowNs;
        downedOnce = true;
        return last = new Decision(Verdict.LOSS, bitrateBps, linkBps, changed);
    }

    /** Our own probing ran into the wall (not the link changing under a steady stream): wait longer next time. */
    private void backOff(long nowNs) {
        if (nowNs - lastUpNs < PROBED_INTO_NS) {
            holdNs = Math.min(MAX_HOLD_NS, holdNs * 2);
        }
    }

    /** The encoder bitrate in force. */
    public long bitrateBps() {
        return bitrateBps;
    }

    /** The link estimate (0 = unknown). */
    public long linkBps() {
        return linkBps;
    }

    /** The wall a ramp or probe found, which the estimate never climbs past (0 = none found). */
    public long wallBps() {
        return wall ? provenBps : 0;
    }

    /** The user's ceiling. */
    public long ceilingBps() {
        return ceilingBps;
    }

    /** The last decision. */
    public Decision last() {
        return last;
    }
}
