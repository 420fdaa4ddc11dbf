package io.punktfunk.core.abr;

/**
 * The controller's answer to one report: the encoder bitrate and the pacer's link estimate to use
 * from now on, and whether the bitrate changed.
 */
public record Decision(Verdict verdict, long bitrateBps, long linkBps, boolean changed) {

    /** A short form for stats lines: {@code down 70.0 Mbps (loss)}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s %.1f Mbps (%s), link %.0f Mbps",
                changed ? "set" : "hold", bitrateBps / 1e6, verdict.name().toLowerCase(java.util.Locale.ROOT),
                linkBps / 1e6);
    }
}
