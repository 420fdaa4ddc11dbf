package io.punktfunk.control.pairing;

import io.punktfunk.control.message.CloseCode;
import java.util.function.LongSupplier;

/**
 * Host-wide back-off on failed pairing attempts: after the n-th consecutive failure no attempt is
 * taken for {@code initial · 2^(n-1)} (capped). A success resets it. Host-wide on purpose: a guesser
 * changing certificates or addresses gains nothing.
 */
public final class PairingRateLimiter {
    private final LongSupplier nanoClock;
    private final long initialBackoffNs;
    private final long maxBackoffNs;
    private int consecutiveFailures;
    private long lockedUntilNs;

    public PairingRateLimiter(long initialBackoffNs, long maxBackoffNs) {
        this(initialBackoffNs, maxBackoffNs, System::nanoTime);
    }

    public PairingRateLimiter(long initialBackoffNs, long maxBackoffNs, LongSupplier nanoClock) {
        this.initialBackoffNs = initialBackoffNs;
        this.maxBackoffNs = maxBackoffNs;
        this.nanoClock = nanoClock;
        this.lockedUntilNs = nanoClock.getAsLong();
    }

    /** Throws {@code RATE_LIMITED} while backing off. */
    public synchronized void checkAllowed() throws PairingFailure {
        long wait = lockedUntilNs - nanoClock.getAsLong();
        if (consecutiveFailures > 0 && wait > 0) {
            throw new PairingFailure(CloseCode.RATE_LIMITED, "too many failed pairing attempts; retry in "
                    + Math.max(1, wait / 1_000_000) + " ms");
        }
    }

    /** Records a failed attempt and extends the back-off. */
    public synchronized void failed() {
        consecutiveFailures++;
        long backoff = initialBackoffNs << Math.min(consecutiveFailures - 1, 30);
        lockedUntilNs = nanoClock.getAsLong() + Math.min(backoff <= 0 ? maxBackoffNs : backoff, maxBackoffNs);
    }

    /** Records a success; the back-off resets. */
    public synchronized void succeeded() {
        consecutiveFailures = 0;
    }
}
