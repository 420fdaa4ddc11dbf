package io.punktfunk.bench.loss;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/** The same charts as the HTML page, drawn headless with Java2D into one PNG: one panel per loss pattern. */
final class LossChartPng {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2)};
    private static final int PANEL_W = 480;
    private static final int PANEL_H = 320;
    private static final int PAD = 50;

    private LossChartPng() {
    }

    /**
     * Null when Java2D can draw text here; otherwise why not. A machine without fontconfig and any
     * font (a bare server or container) makes the JDK's font manager throw on first use.
     */
    static String textUnavailableReason() {
        try {
            BufferedImage probe = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = probe.createGraphics();
            try {
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                g.drawString("0%", 0, 8);
            } finally {
                g.dispose();
            }
            return null;
        } catch (RuntimeException | LinkageError | InternalError e) {
            return "no fonts for Java2D (" + e.getMessage() + "; apt-get install fontconfig fonts-dejavu-core)";
        }
    }

    static void write(List<LossHarness.Cell> cells, Path file) throws IOException {
        Set<Integer> bursts = new TreeSet<>();
        for (LossHarness.Cell c : cells) {
            bursts.add(c.burstLength());
        }
        int cols = Math.min(2, bursts.size());
        int rows = (bursts.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * PANEL_W, rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            int p = 0;
            for (int burst : bursts) {
                panel(g, cells, burst, (p % cols) * PANEL_W, (p / cols) * PANEL_H);
                p++;
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static void panel(Graphics2D g, List<LossHarness.Cell> cells, int burst, int ox, int oy) {
        Set<Integer> fecs = new TreeSet<>();
        double maxLoss = 0;
        for (LossHarness.Cell c : cells) {
            if (mine(c, burst)) {
                fecs.add(c.fecPercent());
                maxLoss = Math.max(maxLoss, c.lossRate());
            }
        }
        int x0 = ox + PAD;
        int x1 = ox + PANEL_W - 110;
        int y0 = oy + PANEL_H - PAD;
        int y1 = oy + 34;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(LossHarness.Cell.burstLabel(burst) + " loss: frames delivered", x0, oy + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int pct = 0; pct <= 100; pct += 25) {
            int y = y0 - (y0 - y1) * pct / 100;
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x0, y, x1, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(pct + "%", x0 - 36, y + 4);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawLine(x0, y0, x1, y0);
        g.drawLine(x0, y0, x0, y1);
        Set<Double> losses = new TreeSet<>();
        for (LossHarness.Cell c : cells) {
            if (mine(c, burst)) {
                losses.add(c.lossRate());
            }
        }
        for (double l : losses) {
            int x = xOf(l, maxLoss, x0, x1);
            g.drawString(String.format(Locale.ROOT, "%.0f%%", l * 100), x - 8, y0 + 16);
        }
        g.drawString("packet loss", (x0 + x1) / 2 - 28, y0 + 34);
        int colour = 0;
        for (int fec : fecs) {
            Color col = COLORS[colour++ % COLORS.length];
            g.setColor(col);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (LossHarness.Cell c : cells) {
                if (!mine(c, burst) || c.fecPercent() != fec) {
                    continue;
                }
                int x = xOf(c.lossRate(), maxLoss, x0, x1);
                int y = (int) Math.round(y0 - (y0 - y1) * c.deliveryRate());
                g.fillOval(x - 3, y - 3, 6, 6);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            int ly = y1 + 14 * colour;
            g.drawLine(x1 + 12, ly, x1 + 30, ly);
            g.setColor(Color.BLACK);
            g.drawString("FEC " + fec + " %", x1 + 34, ly + 4);
        }
    }

    private static boolean mine(LossHarness.Cell c, int burst) {
        return c.burstLength() == burst || (c.lossRate() == 0 && c.burstLength() == 0);
    }

    private static int xOf(double loss, double maxLoss, int x0, int x1) {
        return (int) Math.round(x0 + (x1 - x0) * (maxLoss == 0 ? 0 : loss / maxLoss));
    }
}
