package io.punktfunk.host.input;

/**
 * The force-feedback state of one virtual pad: the rumble effects a game uploaded (by id), which of
 * them play and until when, and the gain; {@link #level} folds them into the two motor levels. The
 * kernel leaves playback of a uinput device's effects to us, so replay length is enforced here.
 * Single-threaded (the pad's force-feedback thread); time is passed in.
 */
final class ForceFeedback {
    /** Effects a pad accepts at once ({@code uinput_setup.ff_effects_max}). */
    static final int MAX_EFFECTS = 16;

    private final int[] strong = new int[MAX_EFFECTS];
    private final int[] weak = new int[MAX_EFFECTS];
    private final int[] lengthMs = new int[MAX_EFFECTS];
    private final boolean[] uploaded = new boolean[MAX_EFFECTS];
    private final boolean[] playing = new boolean[MAX_EFFECTS];
    private final long[] untilNs = new long[MAX_EFFECTS];
    /** False for effects that play until stopped (replay length 0). */
    private final boolean[] timed = new boolean[MAX_EFFECTS];
    private int gain = 0xffff;
    private int lastLow = -1;
    private int lastHigh = -1;

    /** Stores (or replaces) rumble effect {@code id}; false for an id out of range. */
    boolean upload(int id, int strongMagnitude, int weakMagnitude, int replayLengthMs, long nowNs) {
        if (id < 0 || id >= MAX_EFFECTS) {
            return false;
        }
        strong[id] = strongMagnitude;
        weak[id] = weakMagnitude;
        lengthMs[id] = replayLengthMs;
        uploaded[id] = true;
        return true;
    }

    /** Forgets effect {@code id} (and stops it). */
    void erase(int id) {
        if (id >= 0 && id < MAX_EFFECTS) {
            uploaded[id] = false;
            playing[id] = false;
        }
    }

    /** EV_FF play ({@code count > 0}) or stop ({@code count == 0}) of effect {@code id}. */
    void play(int id, int count, long nowNs) {
        if (id < 0 || id >= MAX_EFFECTS || !uploaded[id]) {
            return;
        }
        playing[id] = count > 0;
        timed[id] = lengthMs[id] != 0;
        untilNs[id] = nowNs + lengthMs[id] * 1_000_000L * Math.max(1, count);
    }

    /** EV_FF FF_GAIN: 0..0xffff scales every effect. */
    void gain(int value) {
        gain = Math.max(0, Math.min(0xffff, value));
    }

    /** Nanoseconds until the next playing effect runs out (for the wait), or -1 if none will. */
    long nextDeadlineNs(long nowNs) {
        long next = -1;
        for (int i = 0; i < MAX_EFFECTS; i++) {
            if (playing[i] && timed[i]) {
                long left = Math.max(0, untilNs[i] - nowNs);
                next = next < 0 ? left : Math.min(next, left);
            }
        }
        return next;
    }

    /**
     * The motor levels now, packed {@code low << 16 | high}, or -1 when they equal the last levels
     * returned (nothing to send). Playing effects add up, clamped to 0xffff, then scale by the gain.
     */
    long level(long nowNs) {
        long low = 0;
        long high = 0;
        for (int i = 0; i < MAX_EFFECTS; i++) {
            if (playing[i] && timed[i] && untilNs[i] - nowNs <= 0) {
                playing[i] = false;
            }
            if (playing[i]) {
                low += strong[i];
                high += weak[i];
            }
        }
        int l = (int) (Math.min(0xffff, low) * gain / 0xffff);
        int h = (int) (Math.min(0xffff, high) * gain / 0xffff);
        if (l == lastLow && h == lastHigh) {
            return -1;
        }
        lastLow = l;
        lastHigh = h;
        return ((long) l << 16) | h;
    }
}
