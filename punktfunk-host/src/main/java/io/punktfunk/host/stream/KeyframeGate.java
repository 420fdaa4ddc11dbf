package io.punktfunk.host.stream;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Coalesces and rate-limits IDR requests. Requests arrive on the control plane's event loop; the
 * encode thread asks {@link #take} once per picture. A request inside the cool-down is not lost:
 * it stays pending and is served when the cool-down ends, so a burst of requests (one per lost
 * frame while the client waits) costs one IDR, not one per request. A request soon after the last
 * IDR (within {@link #REASK_NS}) means that IDR was lost: the cool-down doubles (up to
 * {@link #MAX_INTERVAL_NS}) so a lossy link is not fed one big IDR after another; a quiet
 * second resets it (punktfunk-reference.md §1.16).
 */
public final class KeyframeGate {
    /** A request this soon after an IDR re-asks for it (the IDR was lost). */
    public static final long REASK_NS = 1_000_000_000L;
    /** The doubled cool-down stops here: a picture at least every 400 ms, even on a bad link. */
    public static final long MAX_INTERVAL_NS = 400_000_000L;
    private final long minIntervalNs;
    private long intervalNs;
    private volatile boolean reasked;
    private final AtomicBoolean pending = new AtomicBoolean();
    private long lastIdrNs;
    private boolean sentAny;
    private volatile long requests;
    private volatile long served;

    /** @param minIntervalNs shortest time between two requested IDRs */
    public KeyframeGate(long minIntervalNs) {
        this.minIntervalNs = minIntervalNs;
        this.intervalNs = minIntervalNs;
    }

    /** Records a request (any thread). */
    public void request() {
        pending.set(true);
        requests++;
    }

    /** Encode thread: whether the next picture must be an IDR. */
    public boolean take(long nowNs) {
        if (!pending.get() || (sentAny && nowNs - lastIdrNs < intervalNs)) {
            return false;
        }
        pending.set(false);
        boolean again = sentAny && nowNs - lastIdrNs < REASK_NS;
        intervalNs = again ? Math.min(MAX_INTERVAL_NS, intervalNs * 2) : minIntervalNs;
        reasked = again;
        lastIdrNs = nowNs;
        sentAny = true;
        served++;
        return true;
    }

    /** Encode thread: an IDR went out for another reason (the first picture); restarts the cool-down. */
    public void idrSent(long nowNs) {
        lastIdrNs = nowNs;
        sentAny = true;
    }

    /** Whether the last IDR served answered a re-ask (its predecessor was lost). Encode thread. */
    public boolean lastWasReask() {
        return reasked;
    }

    /** The cool-down in force now. */
    public long intervalNs() {
        return intervalNs;
    }

    /** Requests received. */
    public long requests() {
        return requests;
    }

    /** Requests answered with an IDR (several requests may share one). */
    public long served() {
        return served;
    }
}
