package io.punktfunk.host.gamestream;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The host-wide limit on concurrent sessions, shared by punktfunk/1 and GameStream: a GameStream
 * launch takes a slot, its end gives it back.
 */
public interface SessionSlots {
    /** Takes a slot; false when the host is at its limit. */
    boolean tryTake();

    /** Gives back a slot taken by {@link #tryTake()}. */
    void release();

    /** A limit of {@code max} slots counted here only. */
    static SessionSlots bounded(int max) {
        return sharedWith(() -> 0, max);
    }

    /**
     * A limit of {@code max} slots across this and another front door whose slots in use
     * {@code others} reports (the punktfunk/1 control host's reserved sessions).
     */
    static SessionSlots sharedWith(IntSupplier others, int max) {
        AtomicInteger mine = new AtomicInteger();
        return new SessionSlots() {
            @Override
            public boolean tryTake() {
                while (true) {
                    int n = mine.get();
                    if (n + others.getAsInt() >= max) {
                        return false;
                    }
                    if (mine.compareAndSet(n, n + 1)) {
                        return true;
                    }
                }
            }

            @Override
            public void release() {
                mine.decrementAndGet();
            }
        };
    }
}
