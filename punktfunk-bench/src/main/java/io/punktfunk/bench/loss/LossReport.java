package io.punktfunk.bench.loss;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Renders a sweep as a text table, a CSV file and a self-contained HTML page with one inline SVG chart per burstiness. */
public final class LossReport {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"};
    private static final int W = 460;
    private static final int H = 300;
    private static final int PAD = 48;

    private LossReport() {
    }

    /** Rows = loss × burstiness, columns = FEC %: delivery % and recovered shards. */
    public static String table(List<LossHarness.Cell> cells) {
        Set<Integer> fecs = new TreeSet<>();
        Set<String> rows = new LinkedHashSet<>();
        for (LossHarness.Cell c : cells) {
            fecs.add(c.fecPercent());
            rows.add(rowKey(c));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-18s", "loss / pattern"));
        for (int f : fecs) {
            sb.append(String.format(Locale.ROOT, " %16s", "fec " + f + " %"));
        }
        sb.append('\n');
        for (String row : rows) {
            sb.append(String.format(Locale.ROOT, "%-18s", row));
            for (int f : fecs) {
                LossHarness.Cell c = find(cells, row, f);
                sb.append(c == null ? String.format(Locale.ROOT, " %16s", "-")
                        : String.format(Locale.ROOT, " %8.2f%% %6d", c.deliveryRate() * 100, c.recoveredShards()));
            }
            sb.append('\n');
        }
        sb.append("cells: frames delivered % and FEC-recovered shards\n");
        return sb.toString();
    }

    /**
     * What {@link #write} wrote.
     *
     * @param png        the chart as PNG, or null when it could not be drawn here
     * @param pngSkipped why there is no PNG (null when there is one); the HTML page has the same charts
     */
    public record Written(Path html, Path csv, Path png, String pngSkipped) {
    }

    /**
     * Writes {@code loss-harness.html}, {@code loss-harness.csv} and, where Java2D can draw text,
     * {@code loss-harness.png} into {@code dir}.
     */
    public static Written write(List<LossHarness.Cell> cells, LossHarness.Options o, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder(
                "loss_rate,burst_length,fec_percent,frames,delivered,delivery_rate,packets_sent,packets_lost,"
                        + "measured_loss,recovered_shards,late_shards\n");
        for (LossHarness.Cell c : cells) {
            csv.append(String.format(Locale.ROOT, "%.4f,%d,%d,%d,%d,%.6f,%d,%d,%.6f,%d,%d%n", c.lossRate(), c.burstLength(),
                    c.fecPercent(), c.frames(), c.delivered(), c.deliveryRate(), c.packetsSent(), c.packetsLost(),
                    c.measuredLoss(), c.recoveredShards(), c.lateShards()));
        }
        Path csvFile = dir.resolve("loss-harness.csv");
        Files.writeString(csvFile, csv, StandardCharsets.UTF_8);
        String pngSkipped = LossChartPng.textUnavailableReason();
        Path png = null;
        if (pngSkipped == null) {
            png = dir.resolve("loss-harness.png");
            LossChartPng.write(cells, png);
        }
        Path html = dir.resolve("loss-harness.html");
        Files.writeString(html, html(cells, o), StandardCharsets.UTF_8);
        return new Written(html, csvFile, png, pngSkipped);
    }

    static String html(List<LossHarness.Cell> cells, LossHarness.Options o) {
        Set<Integer> bursts = new TreeSet<>();
        for (LossHarness.Cell c : cells) {
            bursts.add(c.burstLength());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>punktfunk loss harness</title>")
                .append("<style>body{font-family:sans-serif;margin:24px}svg{margin:8px;border:1px solid #ddd}")
                .append("pre{background:#f6f6f6;padding:8px}</style></head><body>")
                .append("<h1>punktfunk loss harness</h1>")
                .append(String.format(Locale.ROOT, "<p>%d frames of %d bytes per cell, %s, AES-128-GCM, "
                        + "impaired loopback transport, seed %d. Frame delivery rate vs. loss rate, one line per FEC %%."
                        + "</p>", o.frames(), o.frameBytes(), o.scheme().vectorName(), o.seed()));
        for (int burst : bursts) {
            sb.append(svg(cells, burst));
        }
        sb.append("<h2>Table</h2><pre>").append(table(cells).replace("&", "&amp;").replace("<", "&lt;"))
                .append("</pre></body></html>\n");
        return sb.toString();
    }

    private static String svg(List<LossHarness.Cell> cells, int burst) {
        List<LossHarness.Cell> mine = new ArrayList<>();
        Set<Double> losses = new TreeSet<>();
        Set<Integer> fecs = new TreeSet<>();
        for (LossHarness.Cell c : cells) {
            if (c.burstLength() == burst || (c.lossRate() == 0 && c.burstLength() == 0)) {
                mine.add(c);
                losses.add(c.lossRate());
                fecs.add(c.fecPercent());
            }
        }
        double maxLoss = losses.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", W, H));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s loss</text>",
                PAD, LossHarness.Cell.burstLabel(burst)));
        int x0 = PAD;
        int x1 = W - 110;
        int y0 = H - PAD;
        int y1 = 30;
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", x0, y0, x1, y0));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", x0, y0, x0, y1));
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = y0 - (y0 - y1) * pct / 100.0;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%d%%</text>",
                    x0 - 4, y + 3, pct));
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", x0 + 1, y, x1, y));
        }
        for (double l : losses) {
            double x = x0 + (x1 - x0) * (maxLoss == 0 ? 0 : l / maxLoss);
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.0f%%</text>",
                    x, y0 + 14, l * 100));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">packet loss</text>",
                (x0 + x1) / 2, y0 + 32));
        int colour = 0;
        for (int fec : fecs) {
            String col = COLORS[colour++ % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (LossHarness.Cell c : mine) {
                if (c.fecPercent() != fec) {
                    continue;
                }
                double x = x0 + (x1 - x0) * (maxLoss == 0 ? 0 : c.lossRate() / maxLoss);
                double y = y0 - (y0 - y1) * c.deliveryRate();
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\">"
                        + "<title>fec %d %%, loss %.0f %%: %.2f %% delivered, %d recovered</title></circle>",
                        x, y, col, fec, c.lossRate() * 100, c.deliveryRate() * 100, c.recoveredShards()));
            }
            sb.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>",
                    pts.toString().trim(), col));
            int ly = y1 + 14 * colour;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"11\">FEC %d %%</text>", x1 + 12, ly, x1 + 30, ly, col, x1 + 34, ly + 4, fec));
        }
        return sb.append("</svg>").toString();
    }

    private static String rowKey(LossHarness.Cell c) {
        return String.format(Locale.ROOT, "%4.1f%% %s", c.lossRate() * 100, c.burstLabel());
    }

    private static LossHarness.Cell find(List<LossHarness.Cell> cells, String row, int fec) {
        for (LossHarness.Cell c : cells) {
            if (c.fecPercent() == fec && rowKey(c).equals(row)) {
                return c;
            }
        }
        return null;
    }
}
