package io.punktfunk.host.input;

/**
 * Rate bound for one session's input: {@code ratePerSecond} events refill continuously up to
 * {@code burst}. Single-threaded (the session's event loop); the clock is passed in so tests step it.
 */
final class TokenBucket {
    private static final long NANOS = 1_000_000_000L;
    private final long ratePerSecond;
    /** Capacity in nano-tokens: one event costs {@link #NANOS}. */
    private final long capacity;
    private long tokens;
    private long lastNs;

    TokenBucket(int ratePerSecond, int burst, long nowNs) {
        if (ratePerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("input rate and burst must be positive: " + ratePerSecond + "/s, " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.capacity = burst * NANOS;
        this.tokens = capacity;
        this.lastNs = nowNs;
    }

    /** Takes one token if there is one. */
    boolean tryTake(long nowNs) {
        long elapsed = nowNs - lastNs;
        if (elapsed > 0) {
            // elapsed * rate overflows only after ~292 years / rate: cap elapsed at a full refill first
            long refill = Math.min(elapsed, capacity / ratePerSecond + 1) * ratePerSecond;
            tokens = Math.min(capacity, tokens + refill);
            lastNs = nowNs;
        }
        if (tokens >= NANOS) {
            tokens -= NANOS;
            return true;
        }
        return false;
    }
}
