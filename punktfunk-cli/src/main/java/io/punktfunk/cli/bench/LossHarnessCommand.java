package io.punktfunk.cli.bench;

import io.punktfunk.bench.loss.LossHarness;
import io.punktfunk.bench.loss.LossReport;
import io.punktfunk.core.fec.FecScheme;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code punktfunk loss-harness}: frame delivery under loss rate × burstiness × FEC %, as a table and an HTML chart. */
@Command(name = "loss-harness", mixinStandardHelpOptions = true,
        description = {"Sweep packet loss (random and Gilbert-Elliott bursts) x FEC %% through real sessions",
            "over an impaired loopback transport; print delivery rate and recovered shards, write HTML + PNG charts."})
public final class LossHarnessCommand implements Callable<Integer> {

    @Option(names = "--frames", defaultValue = "1000", description = "frames per cell (default ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--frame-bytes", defaultValue = "100000", description = "frame size (default ${DEFAULT-VALUE})")
    int frameBytes;

    @Option(names = "--seconds", defaultValue = "0",
            description = "cap per cell in seconds; a capped cell reports the frames it ran (default: no cap)")
    double seconds;

    @Option(names = "--loss", split = ",", description = "loss rates in %% (default 0,1,2,5,10,20)")
    double[] loss;

    @Option(names = "--burst", split = ",", description = "mean burst lengths, 0 = random (default 0,2,4,8)")
    int[] burst;

    @Option(names = "--fec", split = ",", description = "FEC percentages (default 0,5,10,20,30,50)")
    int[] fec;

    @Option(names = "--scheme", defaultValue = "GF16_LEOPARD",
            description = "FEC scheme: GF8_CAUCHY or GF16_LEOPARD (default ${DEFAULT-VALUE})")
    FecScheme scheme;

    @Option(names = "--seed", defaultValue = "67927", description = "base seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "out/loss-harness", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        LossHarness.Options std = LossHarness.Options.standard(frames, scheme);
        double[] rates = std.lossRates();
        if (loss != null) {
            rates = new double[loss.length];
            for (int i = 0; i < loss.length; i++) {
                rates[i] = loss[i] / 100.0;
            }
        }
        LossHarness.Options o = new LossHarness.Options(frames, frameBytes, rates,
                burst != null ? burst : std.burstLengths(), fec != null ? fec : std.fecPercents(), scheme, seed, seconds);
        w.printf("loss harness: %d frames of %d bytes per cell, %s%n", frames, frameBytes, scheme.vectorName());
        w.flush();
        List<LossHarness.Cell> cells = LossHarness.run(o, line -> {
            w.println(line);
            w.flush();
        });
        w.println();
        w.print(LossReport.table(cells));
        LossReport.Written written = LossReport.write(cells, o, out);
        w.println("wrote " + written.html().toAbsolutePath() + ", " + written.csv().toAbsolutePath()
                + (written.png() != null ? " and " + written.png().toAbsolutePath() : "; no PNG: " + written.pngSkipped()));
        w.flush();
        return 0;
    }
}
