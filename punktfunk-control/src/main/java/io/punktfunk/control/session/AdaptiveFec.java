package io.punktfunk.control.session;

/**
 * Loss-driven parity percentage within 5–50 % (reference §1.7, {@code abr/budget.rs}): the target for a
 * report is {@code ceil(loss_ppm · 14 / 100000) + 1} (loss × 1.4 + 1 %); parity jumps up to a higher
 * target at once and decays by one point per report toward a lower one, so a burst is covered fast
 * and a calm link sheds overhead slowly. Not thread-safe: one per session, on its event loop.
 */
public final class AdaptiveFec {
    public static final int MIN_PERCENT = 5;
    public static final int MAX_PERCENT = 50;

    private int percent;

    public AdaptiveFec(int startPercent) {
        this.percent = Math.clamp(startPercent, MIN_PERCENT, MAX_PERCENT);
    }

    /** Current parity percentage. */
    public int percent() {
        return percent;
    }

    /** Target for a residual loss of {@code lossPpm}. */
    public static int target(int lossPpm) {
        long scaled = ((long) Math.clamp(lossPpm, 0, 1_000_000) * 14 + 99_999) / 100_000;
        return (int) Math.clamp(scaled + 1, MIN_PERCENT, MAX_PERCENT);
    }

    /** Applies one report window; returns the new percentage. */
    public int onReport(int lossPpm) {
        int t = target(lossPpm);
        if (t > percent) {
            percent = t;
        } else if (t < percent) {
            percent--;
        }
        return percent;
    }
}
