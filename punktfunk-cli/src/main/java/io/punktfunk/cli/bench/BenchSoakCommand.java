package io.punktfunk.cli.bench;

import io.punktfunk.bench.soak.Soak;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code punktfunk bench soak}: a long impaired run with key updates, one resource row per minute. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Host -> client sessions over loopback UDP through an impaired transport (random loss),",
            "keys changing several times a minute; prints heap, native memory, threads, frames sent/lost",
            "and key updates once per minute."})
public final class BenchSoakCommand implements Callable<Integer> {

    @Option(names = "--minutes", defaultValue = "10", description = "how long (default ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--mbps", defaultValue = "20", description = "frame bitrate in Mbit/s (default ${DEFAULT-VALUE})")
    long mbps;

    @Option(names = "--loss", defaultValue = "1", description = "random datagram loss in percent (default ${DEFAULT-VALUE})")
    double loss;

    @Option(names = "--fps", defaultValue = "60", description = "frames per second (default ${DEFAULT-VALUE})")
    int fps;

    @Option(names = "--fec", defaultValue = "20", description = "FEC parity percent (default ${DEFAULT-VALUE})")
    int fec;

    @Option(names = "--rekey-packets", defaultValue = "0",
            description = "packets per key (default: a sixth of a minute's packets, so ~6 key updates a minute)")
    long rekeyPackets;

    @Option(names = "--warmup", defaultValue = "15",
            description = "warm-up seconds before the first row, not counted (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--interval-seconds", defaultValue = "60", hidden = true, description = "seconds per row")
    double intervalSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Soak.Options o = new Soak.Options(minutes, mbps, loss, fps, fec, rekeyPackets, intervalSeconds, warmup);
        out.printf(Locale.ROOT, "soak: %.1f min, %d Mbit/s as %d-byte frames at %d fps, %.1f %% loss, %d %% FEC, "
                + "new key every %d packets%n", minutes, mbps, o.frameBytes(), fps, loss, fec, o.rekeyPackets());
        out.println(Soak.HEADER);
        out.flush();
        Soak.run(o, r -> {
            out.println(r.format());
            out.flush();
        });
        return 0;
    }
}
