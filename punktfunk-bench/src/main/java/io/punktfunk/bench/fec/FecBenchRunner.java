package io.punktfunk.bench.fec;

import io.punktfunk.bench.JmhEffort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/** Runs {@link FecBenchmark} through JMH for a list of shapes and converts the scores to MB/s. */
public final class FecBenchRunner {
    private FecBenchRunner() {
    }

    public static List<FecBenchResult> run(List<FecBenchShape> shapes, JmhEffort effort, boolean verbose)
            throws RunnerException, java.io.IOException {
        String[] params = shapes.stream().map(FecBenchShape::toString).toArray(String[]::new);
        ChainedOptionsBuilder opts = effort.options(FecBenchmark.class.getName() + "\\.", verbose)
                .param("shape", params);
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
