package io.punktfunk.bench.loss;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.fec.FecScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossHarnessTest {

    @Test
    void smallSweepProducesTableAndChart(@TempDir Path dir) throws Exception {
        LossHarness.Options o = new LossHarness.Options(40, 20_000, new double[] {0, 0.05, 0.3}, new int[] {0, 4},
                new int[] {0, 50}, FecScheme.GF8_CAUCHY, 99, 0);
        List<LossHarness.Cell> cells = LossHarness.run(o, line -> { });
        // random: 3 loss rates × 2 FEC; burst 4: the two non-zero loss rates × 2 FEC
        assertThat(cells).hasSize(10);
        for (LossHarness.Cell c : cells) {
            assertThat(c.frames()).isEqualTo(40);
            if (c.lossRate() == 0) {
                assertThat(c.deliveryRate()).as("no loss delivers all: %s", c).isEqualTo(1.0);
                assertThat(c.recoveredShards()).isZero();
                assertThat(c.packetsLost()).isZero();
            } else if (c.burstLength() == 0) {
                assertThat(c.measuredLoss()).as("measured loss near the target: %s", c)
                        .isBetween(c.lossRate() * 0.5, c.lossRate() * 1.6);
            } else {
                assertThat(c.packetsLost()).as("bursts lose something: %s", c).isPositive();
            }
            if (c.fecPercent() == 0 && c.burstLength() == 0 && c.lossRate() >= 0.05) {
                // 15 datagrams per frame: P(all arrive) = 0.95^15 = 46 % at 5 % loss, 0.5 % at 30 %.
                assertThat(c.deliveryRate()).as("frames without FEC die: %s", c).isLessThan(c.lossRate() > 0.2 ? 0.1 : 0.75);
            }
            if (c.fecPercent() == 50 && c.lossRate() == 0.05) {
                assertThat(c.deliveryRate()).as("%s", c).isEqualTo(1.0);
                assertThat(c.recoveredShards()).isPositive();
            }
        }
        String table = LossReport.table(cells);
        assertThat(table).contains("fec 0 %", "fec 50 %", "random", "burst 4", "100.00%");
        LossReport.Written written = LossReport.write(cells, o, dir);
        Path html = written.html();
        assertThat(html).exists();
        String page = Files.readString(html);
        assertThat(page).contains("<svg", "random loss", "burst 4 loss", "FEC 50 %", "<polyline");
        assertThat(Files.readAllLines(dir.resolve("loss-harness.csv"))).hasSize(1 + cells.size());
        if (LossChartPng.textUnavailableReason() != null) {
            // A machine without fonts: no PNG, and the report says why (the HTML has the charts).
            assertThat(written.png()).isNull();
            assertThat(written.pngSkipped()).contains("fonts");
            assertThat(dir.resolve("loss-harness.png")).doesNotExist();
        } else {
            assertThat(written.pngSkipped()).isNull();
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(written.png().toFile());
            assertThat(png.getWidth()).isPositive();
            assertThat(png.getHeight()).isPositive();
        }
    }
}
