package io.punktfunk.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.bench.input.InputLatencyBench;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code punktfunk bench input}: client event → X event on the host's display, p50/p99 over QUIC loopback. */
@Command(name = "input", mixinStandardHelpOptions = true,
        description = {"Input latency: a client session sends pointer moves (datagrams) and key edges (stream) over",
            "QUIC on loopback, the host injects them with XTest, an X client on that display times their arrival."})
public final class BenchInputCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "5", description = "measured time (default ${DEFAULT-VALUE}, at most 30)")
    double seconds;

    @Option(names = "--warmup", defaultValue = "4000", description = "event pairs before measuring, about 10 s: until the JIT has compiled the path (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--display", description = "X display to inject into (default: a private Xvfb)")
    String display;

    @Option(names = "--stream", description = "also run a 1280x720@60 H.264 stream to the client, as a real session would")
    boolean stream;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InputLatencyBench.Result r = InputLatencyBench.run(display, Math.min(30, seconds), warmup, stream, err);
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("display", r.display());
            o.put("stream", r.stream());
            put(o.putObject("motion"), r.motion());
            put(o.putObject("key"), r.key());
            o.put("lost", r.lost());
            out.println(mapper.writeValueAsString(o));
        } else {
            out.printf("%-22s %7s %9s %9s %9s%n", "event → X server", "count", "p50 ms", "p99 ms", "max ms");
            row(out, "pointer move (dgram)", r.motion());
            row(out, "key edge (stream)", r.key());
            out.printf("lost (not seen within 1 s): %d%n", r.lost());
        }
        out.flush();
        return r.lost() == 0 ? 0 : 1;
    }

    private static void row(PrintWriter out, String name, InputLatencyBench.Stats s) {
        out.printf("%-22s %7d %9.3f %9.3f %9.3f%n", name, s.count(), s.p50Us() / 1000, s.p99Us() / 1000, s.maxUs() / 1000);
    }

    private static void put(ObjectNode o, InputLatencyBench.Stats s) {
        o.put("count", s.count());
        o.put("p50_us", Decimals.round(s.p50Us(), 1));
        o.put("p99_us", Decimals.round(s.p99Us(), 1));
        o.put("max_us", Decimals.round(s.maxUs(), 1));
    }
}
