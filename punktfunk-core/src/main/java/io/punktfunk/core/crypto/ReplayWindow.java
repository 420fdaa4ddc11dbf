package io.punktfunk.core.crypto;

import java.util.Arrays;

/**
 * Sliding anti-replay window over the 64-bit packet sequence (punktfunk-reference.md §1.10).
 * Tracks the highest accepted sequence and a bitmap of the {@link #WINDOW_PACKETS} sequences at or
 * below it: a duplicate or a sequence older than the window is refused, any other (including
 * in-window reordering) is plausible.
 *
 * <p>Two steps on purpose: {@link #plausible} before the expensive AEAD open, {@link #accept}
 * only after the tag verified, so forged packets can neither burn sequences nor slide the window.
 *
 * <p>Width 65 536 (an 8 KiB bitmap): at 2 Gbit/s of 1408-byte shards (~180 k packets/s) it spans
 * ~360 ms, three times the reassembler's 120 ms loss window, so no packet the reassembler could
 * still use is refused as "too old". Sequences are in {@code [0, 2^63)}; the sender starts at 0.
 */
public final class ReplayWindow {
    /** Sequences tracked below the highest accepted one (inclusive of it). */
    public static final int WINDOW_PACKETS = 1 << 16;
    private static final int WORD_MASK = (WINDOW_PACKETS >>> 6) - 1;

    private final long[] bits = new long[WINDOW_PACKETS >>> 6];
    private long highest = -1;

    /** True if {@code sequence} was not seen yet and is not older than the window. Changes nothing. */
    public boolean plausible(long sequence) {
        if (sequence < 0) {
            return false;
        }
        if (sequence > highest) {
            return true;
        }
        if (highest - sequence >= WINDOW_PACKETS) {
            return false;
        }
        return (bits[word(sequence)] & (1L << sequence)) == 0;
    }

    /**
     * Records {@code sequence} as seen, sliding the window forward if it is the newest. Returns
     * false (and records nothing) if it is not {@link #plausible}.
     */
    public boolean accept(long sequence) {
        if (!plausible(sequence)) {
            return false;
        }
        if (sequence > highest) {
            slideTo(sequence);
        }
        bits[word(sequence)] |= 1L << sequence;
        return true;
    }

    /** Highest accepted sequence, or -1 before the first. */
    public long highest() {
        return highest;
    }

    // Forget the bits of sequences (highest, newHighest]: their slots last held sequences a full
    // window older, which now fall out of the window.
    private void slideTo(long newHighest) {
        if (highest < 0 || newHighest - highest >= WINDOW_PACKETS) {
            Arrays.fill(bits, 0L);
        } else {
            long s = highest + 1;
            while (s <= newHighest) {
                if ((s & 63) == 0 && newHighest - s >= 63) {
                    bits[word(s)] = 0L;
                    s += 64;
                } else {
                    bits[word(s)] &= ~(1L << s);
                    s++;
                }
            }
        }
        highest = newHighest;
    }

    private static int word(long sequence) {
        return (int) (sequence >>> 6) & WORD_MASK;
    }
}
