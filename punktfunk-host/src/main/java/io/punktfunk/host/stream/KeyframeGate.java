package io.punktfunk.host.stream;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Coalesces and rate-limits IDR requests. Requests arrive on the control plane's event loop; the
 * encode thread asks {@link #take} once per picture. A request inside the cool-down is not lost:
 * it stays pending and is served when the cool-down ends, so a burst of requests (one per lost
 * frame while the client waits) costs one IDR, not one per request.
 */
public final class KeyframeGate {
    private final long minIntervalNs;
    private final AtomicBoolean pending = new AtomicBoolean();
    private long lastIdrNs;
    private boolean sentAny;
    private volatile long requests;
    private volatile long served;

    /** @param minIntervalNs shortest time between two requested IDRs */
    public KeyframeGate(long minIntervalNs) {
        this.minIntervalNs = minIntervalNs;
    }

    /** Records a request (any thread). */
    public void request() {
        pending.set(true);
        requests++;
    }

    /** Encode thread: whether the next picture must be an IDR. */
    public boolean take(long nowNs) {
        if (!pending.get() || (sentAny && nowNs - lastIdrNs < minIntervalNs)) {
            return false;
        }
        pending.set(false);
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

    /** Requests received. */
    public long requests() {
        return requests;
    }

    /** Requests answered with an IDR (several requests may share one). */
    public long served() {
        return served;
    }
}
