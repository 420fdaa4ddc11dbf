package io.punktfunk.host.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-session rate bound, stepped by hand with its clock. */
class TokenBucketTest {
    private static int take(TokenBucket b, long nowNs, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            n += b.tryTake(nowNs) ? 1 : 0;
        }
        return n;
    }

    @Test
    void burstThenSustainedRate() {
        long t = -5_000_000_000L; // nanoTime may be negative: only differences count
        TokenBucket b = new TokenBucket(1000, 50, t);
        assertEquals(50, take(b, t, 80), "the burst, then empty");
        assertEquals(10, take(b, t + 10_000_000, 80), "10 ms at 1000/s refill 10");
        assertEquals(50, take(b, t + 3_600_000_000_000L, 80), "an hour idle refills only up to the burst");
    }

    @Test
    void fractionsOfATokenAccumulate() {
        TokenBucket b = new TokenBucket(3, 1, 0);
        assertTrue(b.tryTake(0));
        assertFalse(b.tryTake(200_000_000));  // 0.6 of a token
        assertTrue(b.tryTake(340_000_000));   // 1.02
        assertFalse(b.tryTake(340_000_000));
    }

    @Test
    void clockGoingBackwardsRefillsNothing() {
        TokenBucket b = new TokenBucket(1000, 1, 1_000_000_000);
        assertTrue(b.tryTake(1_000_000_000));
        assertFalse(b.tryTake(0));
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(10, 0, 0));
    }
}
