package io.punktfunk.core.session;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A bounded single-producer single-consumer queue of preallocated, reused slots: the producer
 * fills {@link #claim()}'s slot and {@link #publish()}es it; the consumer reads {@link #peek()}
 * and {@link #release()}s it when done, so the slot can be written again. Nothing allocates after
 * construction.
 */
final class SlotRing<T> {
    private final Object[] slots;
    private final AtomicLong head = new AtomicLong(); // next slot the producer publishes
    private final AtomicLong tail = new AtomicLong(); // next slot the consumer releases

    SlotRing(int capacity, Supplier<T> factory) {
        slots = new Object[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = factory.get();
        }
    }

    /** The slot to fill next, or null if every slot is published and not yet released. Producer only. */
    @SuppressWarnings("unchecked")
    T claim() {
        long h = head.get();
        if (h - tail.get() >= slots.length) {
            return null;
        }
        return (T) slots[(int) (h % slots.length)];
    }

    /** Makes the claimed slot visible to the consumer. Producer only. */
    void publish() {
        head.lazySet(head.get() + 1);
    }

    /** The oldest published slot, or null if none. Consumer only. */
    @SuppressWarnings("unchecked")
    T peek() {
        long t = tail.get();
        if (t == head.get()) {
            return null;
        }
        return (T) slots[(int) (t % slots.length)];
    }

    /** Hands the peeked slot back to the producer. Consumer only. */
    void release() {
        tail.lazySet(tail.get() + 1);
    }

    /** Visits every slot, whatever its state: for freeing them once both ends have stopped. */
    @SuppressWarnings("unchecked")
    void forEachSlot(Consumer<T> action) {
        for (Object slot : slots) {
            action.accept((T) slot);
        }
    }

    /** Published, unreleased slots (racy). */
    int size() {
        return (int) (head.get() - tail.get());
    }
}
