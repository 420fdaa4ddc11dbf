package io.punktfunk.control.session;

import java.time.Instant;

/** Unix-epoch nanoseconds for clock sync (both ends must use the same epoch, unlike {@code nanoTime}). */
public final class WallClock {
    private WallClock() {
    }

    public static long nowNs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
