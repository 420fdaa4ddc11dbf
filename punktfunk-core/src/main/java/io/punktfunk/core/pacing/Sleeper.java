package io.punktfunk.core.pacing;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/** Waits until a deadline on some clock; tests inject one that just advances a fake clock. */
@FunctionalInterface
public interface Sleeper {

    /** Returns once {@code deadlineNs} (on the pacer's clock) has passed, or about then. */
    void sleepUntil(long deadlineNs);

    /** Parks the thread until {@code deadlineNs} of {@code nanoClock}. */
    static Sleeper parking(LongSupplier nanoClock) {
        return deadlineNs -> {
            long left;
            while ((left = deadlineNs - nanoClock.getAsLong()) > 0) {
                LockSupport.parkNanos(left);
            }
        };
    }
}
