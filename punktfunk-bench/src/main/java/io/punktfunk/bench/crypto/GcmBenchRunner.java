package io.punktfunk.bench.crypto;

import io.punktfunk.bench.JmhEffort;
import io.punktfunk.core.crypto.PacketAeads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/** Runs {@link GcmBenchmark} through JMH for some engines and converts the scores to MB/s of shard. */
public final class GcmBenchRunner {
    private GcmBenchRunner() {
    }

    public static List<GcmBenchResult> run(List<PacketAeads.Engine> engines, int shardBytes, JmhEffort effort,
                                           boolean verbose) throws RunnerException, java.io.IOException {
        Collection<RunResult> results = new Runner(effort.options(GcmBenchmark.class.getName() + "\\.", verbose)
                .param("engine", engines.stream().map(Enum::name).toArray(String[]::new))
                .param("shard", Integer.toString(shardBytes))
                .build()).run();
        List<GcmBenchResult> out = new ArrayList<>();
        for (PacketAeads.Engine engine : engines) {
            double[] v = {Double.NaN, Double.NaN, Double.NaN, Double.NaN}; // seal ns, open ns, seal B, open B
            for (RunResult r : results) {
                if (!r.getParams().getParam("engine").equals(engine.name())) {
                    continue;
                }
                int slot = r.getParams().getBenchmark().endsWith(".seal") ? 0 : 1;
                v[slot] = r.getPrimaryResult().getScore();
                Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
                v[slot + 2] = alloc != null ? alloc.getScore() : Double.NaN;
            }
            out.add(new GcmBenchResult(engine, shardBytes, shardBytes * 1e3 / v[0], shardBytes * 1e3 / v[1],
                    v[0], v[1], v[2], v[3]));
        }
        return out;
    }
}
