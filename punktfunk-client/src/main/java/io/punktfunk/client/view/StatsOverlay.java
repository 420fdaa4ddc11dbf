package io.punktfunk.client.view;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.Locale;

/**
 * Draws the session's {@link ViewerStats} and the window's own display figures as a few lines of
 * white text on a dark translucent box in the bottom-left corner of the video (the top rows stay
 * clear: test streams carry their stamp there). The text is formatted only when the figures change,
 * not on every frame.
 */
final class StatsOverlay {

    private static final Font FONT = new Font(Font.MONOSPACED, Font.BOLD, 14);
    private static final Color BOX = new Color(0, 0, 0);
    private static final Composite BOX_ALPHA = AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.75f);
    private static final int MARGIN = 8;
    private static final int PADDING = 6;

    private final String[] lines = new String[4];
    private ViewerStats formattedStats;
    private long formattedShown = -1;
    private long formattedDropped = -1;
    private int formattedDrawTenths = -1;

    /** Paints the overlay inside the video rectangle (x, y, width, height). Event thread only. */
    void paint(Graphics2D g, int x, int y, int width, int height, ViewerStats stats, long shown, long dropped,
               double drawMs) {
        int drawTenths = (int) Math.round(drawMs * 10);
        if (stats != formattedStats || dropped != formattedDropped || drawTenths != formattedDrawTenths
                || shown / 60 != formattedShown / 60) {
            format(stats, shown, dropped, drawTenths);
        }
        g.setFont(FONT);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        FontMetrics metrics = g.getFontMetrics();
        int textWidth = 0;
        for (String line : lines) {
            textWidth = Math.max(textWidth, metrics.stringWidth(line));
        }
        int lineHeight = metrics.getHeight();
        int boxWidth = Math.min(width - 2 * MARGIN, textWidth + 2 * PADDING);
        int boxHeight = lines.length * lineHeight + 2 * PADDING;
        int boxX = x + MARGIN;
        int boxY = y + height - MARGIN - boxHeight;
        Composite previous = g.getComposite();
        g.setComposite(BOX_ALPHA);
        g.setColor(BOX);
        g.fillRect(boxX, boxY, boxWidth, boxHeight);
        g.setComposite(previous);
        g.setColor(Color.WHITE);
        int baseline = boxY + PADDING + metrics.getAscent();
        for (String line : lines) {
            g.drawString(line, boxX + PADDING, baseline);
            baseline += lineHeight;
        }
    }

    private void format(ViewerStats stats, long shown, long dropped, int drawTenths) {
        lines[0] = String.format(Locale.ROOT, "%5.1f fps  %6.2f Mbit/s", stats.fps(), stats.mbps());
        lines[1] = String.format(Locale.ROOT, "latency p50 %5.1f ms  p99 %5.1f ms", stats.latencyP50Ms(),
                stats.latencyP99Ms());
        lines[2] = String.format(Locale.ROOT, "loss %5.2f %%  FEC recovered %d  dropped %d", stats.lossPercent(),
                stats.fecRecovered(), stats.framesDropped());
        lines[3] = String.format(Locale.ROOT, "display: shown %d  skipped %d  draw %.1f ms", shown, dropped,
                drawTenths / 10.0);
        formattedStats = stats;
        formattedShown = shown;
        formattedDropped = dropped;
        formattedDrawTenths = drawTenths;
    }
}
