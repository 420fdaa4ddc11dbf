package io.punktfunk.bench.fec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link FecBenchmark} through JMH for a list of shapes and converts the scores to MB/s. */
public final class FecBenchRunner {
    private FecBenchRunner() {
    }

    /** How long JMH measures; {@code QUICK} is for smoke runs, not for published figures. */
    public enum Effort {
        QUICK(1, 1, 2, 1, 0),
        STANDARD(5, 1, 5, 1, 1),
        THOROUGH(8, 2, 10, 2, 2);

        final int warmups;
        final int warmupSeconds;
        final int measurements;
        final int measurementSeconds;
        final int forks;

        Effort(int warmups, int warmupSeconds, int measurements, int measurementSeconds, int forks) {
            this.warmups = warmups;
            this.warmupSeconds = warmupSeconds;
            this.measurements = measurements;
            this.measurementSeconds = measurementSeconds;
            this.forks = forks;
        }
    }

    public static List<FecBenchResult> run(List<FecBenchShape> shapes, Effort effort, boolean verbose)
            throws RunnerException, java.io.IOException {
        String[] params = shapes.stream().map(FecBenchShape::toString).toArray(String[]::new);
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(FecBenchmark.class.getName() + "\\.")
                .param("shape", params)
                .warmupIterations(effort.warmups)
                .warmupTime(TimeValue.seconds(effort.warmupSeconds))
                .measurementIterations(effort.measurements)
                .measurementTime(TimeValue.seconds(effort.measurementSeconds))
                .forks(effort.forks)
                .threads(1)
                .shouldFailOnError(true)
                .addProfiler(GCProfiler.class)
                .verbosity(verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
        if (!verbose) {
            // JMH echoes the forked JVM's stderr (incubator and JMH's own Unsafe warnings) on our
            // stdout; keep it out of the table and the JSON lines.
            java.io.File log = java.io.File.createTempFile("punktfunk-jmh", ".log");
            log.deleteOnExit();
            opts.output(log.getAbsolutePath());
        }
        if (effort.forks > 0) {
            opts.jvmArgsAppend("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                    "--add-opens", "java.base/com.sun.crypto.provider=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow",
                    "-Xms1g", "-Xmx1g");
        }
        Collection<RunResult> results = new Runner(opts.build()).run();

        Map<String, double[]> byShape = new LinkedHashMap<>();
        for (FecBenchShape s : shapes) {
            byShape.put(s.toString(), new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
        }
        for (RunResult r : results) {
            String shape = r.getParams().getParam("shape");
            String label = r.getParams().getBenchmark();
            boolean encode = label.endsWith(".encode");
            double micros = r.getPrimaryResult().getScore();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            double allocBytes = alloc != null ? alloc.getScore() : Double.NaN;
            double[] slot = byShape.get(shape);
            slot[encode ? 0 : 1] = micros;
            slot[encode ? 2 : 3] = allocBytes;
        }
        List<FecBenchResult> out = new ArrayList<>();
        for (FecBenchShape s : shapes) {
            double[] v = byShape.get(s.toString());
            out.add(new FecBenchResult(s, mbps(s, v[0]), mbps(s, v[1]), v[0], v[1], v[2], v[3]));
        }
        return out;
    }

    private static double mbps(FecBenchShape s, double micros) {
        return s.originalBytes() / micros; // bytes per µs == MB/s
    }
}
