package io.punktfunk.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.bench.crypto.GcmBenchResult;
import io.punktfunk.bench.crypto.GcmBenchRunner;
import io.punktfunk.core.crypto.PacketAeads;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code punktfunk bench aead}: JMH single-thread packet AES-GCM seal/open, fast engine vs JCA. */
@Command(name = "aead", mixinStandardHelpOptions = true,
        description = {"Single-thread AES-128-GCM seal/open of one packet in place (44-byte header as AAD),",
            "the zero-allocation engine (JDK_GHASH) against the JCA Cipher path (JCA): MB/s of shard, B/packet."})
public final class BenchAeadCommand implements Callable<Integer> {

    @Option(names = "--json", description = "one JSON object per engine instead of a table")
    boolean json;

    @Option(names = "--shard", defaultValue = "1408", description = "shard bytes per packet (default ${DEFAULT-VALUE})")
    int shard;

    @Option(names = "--engine", split = ",", description = "engine(s): ${COMPLETION-CANDIDATES} (default: both)")
    List<PacketAeads.Engine> engines;

    @Mixin
    JmhOptions jmh;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<PacketAeads.Engine> todo = engines == null ? List.of(PacketAeads.Engine.values()) : engines;
        err.println("measuring " + todo + " at " + shard + "-byte shards ...");
        err.flush();
        List<GcmBenchResult> results = GcmBenchRunner.run(todo, shard, jmh.effort, jmh.verbose);
        ObjectMapper mapper = new ObjectMapper();
        if (!json) {
            out.printf("%-10s %7s %11s %11s %9s %9s %12s%n", "engine", "shard", "seal MB/s", "open MB/s",
                    "seal ns", "open ns", "alloc B/op");
        }
        for (GcmBenchResult r : results) {
            if (json) {
                ObjectNode o = mapper.createObjectNode();
                o.put("engine", r.engine().name());
                o.put("shard_bytes", r.shardBytes());
                o.put("seal_mbps", Decimals.round(r.sealMbps(), 1));
                o.put("open_mbps", Decimals.round(r.openMbps(), 1));
                o.put("seal_ns", Decimals.round(r.sealNanos(), 1));
                o.put("open_ns", Decimals.round(r.openNanos(), 1));
                o.put("seal_alloc_bytes_per_op", Decimals.round(r.sealAllocBytes(), 1));
                o.put("open_alloc_bytes_per_op", Decimals.round(r.openAllocBytes(), 1));
                out.println(mapper.writeValueAsString(o));
            } else {
                out.printf("%-10s %7d %11.0f %11.0f %9.1f %9.1f %6.0f/%-5.0f%n", r.engine(), r.shardBytes(),
                        r.sealMbps(), r.openMbps(), r.sealNanos(), r.openNanos(), r.sealAllocBytes(),
                        r.openAllocBytes());
            }
        }
        if (!json) {
            out.println("open includes copying the sealed packet back over the buffer (~1.4 KB arraycopy)");
        }
        out.flush();
        return 0;
    }
}
