package io.punktfunk.client.view;

import io.punktfunk.media.video.Picture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lock-free triple buffer between one producer (the decode thread) and one consumer (the AWT
 * event thread), latest frame wins.
 *
 * <p>The producer fills its own back image, then swaps it with the shared middle slot and marks it
 * fresh; if the middle was still fresh, the consumer never saw that picture, so it counts as
 * dropped. The consumer swaps its front image with the middle only when the middle is fresh.
 * Neither side ever waits for the other, and the three images are reused forever (a new one is
 * made only when the stream's size changes).
 */
final class LatestFrameBuffer {

    private static final int INDEX = 0b011;
    private static final int FRESH = 0b100;

    private final FrameImage[] slots = new FrameImage[3];
    /** Index of the middle slot, plus {@link #FRESH} when it holds a picture the consumer has not taken. */
    private final AtomicInteger middle = new AtomicInteger(1);
    /** Producer-owned. */
    private int back = 0;
    /** Consumer-owned. */
    private int front = 2;
    private volatile long published;
    private volatile long dropped;

    LatestFrameBuffer(int width, int height) {
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new FrameImage(width, height);
        }
    }

    /**
     * Producer: copies the picture into the back image and makes it the latest.
     *
     * @param handedNs when the picture was handed to the viewer ({@code System.nanoTime()})
     */
    void publish(Picture bgra, long handedNs) {
        FrameImage target = slots[back];
        if (!target.fits(bgra)) {
            // A resolution change: the slot array write is published by the getAndSet below.
            target = new FrameImage(bgra.width(), bgra.height());
            slots[back] = target;
        }
        target.fill(bgra);
        target.filledAt(handedNs);
        int previous = middle.getAndSet(back | FRESH);
        back = previous & INDEX;
        published++; // single writer
        if ((previous & FRESH) != 0) {
            dropped++;
        }
    }

    /** Consumer: the newest picture if one arrived since the last call, else null. */
    FrameImage takeFresh() {
        if ((middle.get() & FRESH) == 0) {
            return null;
        }
        front = middle.getAndSet(front) & INDEX;
        return slots[front];
    }

    /** Consumer: the picture taken last (its counter is -1 before the first). */
    FrameImage current() {
        return slots[front];
    }

    long published() {
        return published;
    }

    long dropped() {
        return dropped;
    }
}
