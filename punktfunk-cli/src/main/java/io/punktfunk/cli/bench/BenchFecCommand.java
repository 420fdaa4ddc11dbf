package io.punktfunk.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.bench.fec.FecBenchResult;
import io.punktfunk.bench.fec.FecBenchRunner;
import io.punktfunk.bench.fec.FecBenchShape;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code punktfunk bench fec}: JMH single-thread FEC throughput per block shape. */
@Command(name = "fec", mixinStandardHelpOptions = true,
        description = {"Single-thread FEC encode/decode throughput (JMH), MB/s of original data.",
            "Decode loses m originals and restores them from the m recovery shards."})
public final class BenchFecCommand implements Callable<Integer> {

    /** Leopard C++ (AVX2, one core) on the reference machine, fec-anchor.md §2: encode, decode MB/s. */
    private static final Map<String, double[]> LEOPARD = Map.of(
            "gf16:100+20@1200", new double[] {7640, 379},
            "gf16:300+60@1200", new double[] {7330, 678},
            "gf16:1000+100@1200", new double[] {5050, 840},
            "gf16:1700+340@1200", new double[] {4050, 678},
            "gf16:64+64@1200", new double[] {5840, 211});

    @Option(names = "--json", description = "one JSON object per shape instead of a table")
    boolean json;

    @Option(names = "--shape", paramLabel = "SHAPE", split = ",",
            description = "shape(s) like gf16:100+20@1200 (default: the standard six)")
    List<String> shapes;

    @Mixin
    JmhOptions jmh;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FecBenchShape> todo = shapes == null ? FecBenchShape.STANDARD
                : shapes.stream().map(FecBenchShape::parse).toList();
        ObjectMapper mapper = new ObjectMapper();
        if (!json) {
            out.printf("%-20s %12s %12s %10s %10s %12s %12s%n", "shape", "encode MB/s", "decode MB/s",
                    "enc µs", "dec µs", "vs Leopard", "alloc B/op");
            out.flush();
        }
        for (FecBenchShape shape : todo) {
            err.println("measuring " + shape + " ...");
            err.flush();
            FecBenchResult r = FecBenchRunner.run(List.of(shape), jmh.effort, jmh.verbose).getFirst();
            if (json) {
                ObjectNode o = mapper.createObjectNode();
                o.put("scheme", shape.scheme().vectorName());
                o.put("k", shape.k());
                o.put("m", shape.m());
                o.put("shard_bytes", shape.shardBytes());
                o.put("encode_mbps", Decimals.round(r.encodeMbps(), 1));
                o.put("decode_mbps", Decimals.round(r.decodeMbps(), 1));
                o.put("encode_us", Decimals.round(r.encodeMicros(), 1));
                o.put("decode_us", Decimals.round(r.decodeMicros(), 1));
                o.put("encode_alloc_bytes_per_op", Decimals.round(r.encodeAllocBytes(), 1));
                o.put("decode_alloc_bytes_per_op", Decimals.round(r.decodeAllocBytes(), 1));
                out.println(mapper.writeValueAsString(o));
            } else {
                double[] ref = LEOPARD.get(shape.toString());
                String vs = ref == null ? "-" : String.format("%.2fx/%.2fx", r.encodeMbps() / ref[0], r.decodeMbps() / ref[1]);
                out.printf("%-20s %12.0f %12.0f %10.1f %10.1f %12s %6.0f/%-5.0f%n", shape, r.encodeMbps(),
                        r.decodeMbps(), r.encodeMicros(), r.decodeMicros(), vs, r.encodeAllocBytes(),
                        r.decodeAllocBytes());
            }
            out.flush();
        }
        if (!json) {
            out.println("vs Leopard = encode/decode relative to Leopard C++ (AVX2, 1 core) on the reference box");
        }
        out.flush();
        return 0;
    }
}
