package io.punktfunk.cli.bench;

import io.punktfunk.bench.link.LinkTestBed;
import io.punktfunk.bench.link.LinkTestBed.Shape;
import io.punktfunk.cli.control.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code punktfunk bench link}: a real host and a real client in two network namespaces joined by a
 * veth pair whose host→client direction is shaped with {@code tbf}; streams (or probes) across it and
 * prints the client's live lines and summary, then the link's own drop count. Needs root.
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = "Stream or probe across a shaped veth link between two network namespaces (needs root).")
public final class BenchLinkCommand implements Callable<Integer> {
    @Option(names = "--rate", description = "host→client tbf rate (default: ${DEFAULT-VALUE})", defaultValue = "200mbit")
    String rate;

    @Option(names = "--queue-ms", description = "tbf queue: longest wait before a drop (default: ${DEFAULT-VALUE})",
            defaultValue = "5")
    double queueMs;

    @Option(names = "--burst-kb", description = "tbf bucket in KiB (default: ${DEFAULT-VALUE})", defaultValue = "32")
    int burstKb;

    @Option(names = "--reverse-rate", description = "client→host tbf rate (default: ${DEFAULT-VALUE})",
            defaultValue = "100mbit")
    String reverseRate;

    @Option(names = "--bitrate-kbps", description = "bitrate the client asks for (default: ${DEFAULT-VALUE})",
            defaultValue = "20000")
    int bitrateKbps;

    @Option(names = "--mode", description = "WxH@Hz (default: ${DEFAULT-VALUE})", defaultValue = "1280x720@60")
    String mode;

    @Option(names = "--seconds", description = "stream (or probe) duration (default: ${DEFAULT-VALUE})",
            defaultValue = "10")
    double seconds;

    @Option(names = "--probe-mbps", description = "run `probe` at this rate instead of streaming")
    Integer probeMbps;

    @Option(names = "--step-at", paramLabel = "S:RATE", split = ",",
            description = "reshape host→client at S seconds into the stream, e.g. 5s:100mbit (repeatable)")
    List<String> stepAt = new ArrayList<>();

    @Option(names = "--json", description = "the client prints its summary as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String why = LinkTestBed.unavailableReason();
        if (!why.isEmpty()) {
            err.println("punktfunk: " + why);
            err.flush();
            return ExitCodes.CONNECT;
        }
        Shape down = shape(rate);
        List<LinkRun.Step> steps = new ArrayList<>();
        for (String s : stepAt) {
            String[] p = s.split(":", 2);
            steps.add(new LinkRun.Step(Double.parseDouble(p[0].replace("s", "")), shape(p[1])));
        }
        List<String> client = probeMbps != null
                ? new ArrayList<>(List.of("probe", "--mbps", String.valueOf(probeMbps), "--seconds",
                        String.valueOf(Math.min(seconds, 5))))
                : new ArrayList<>(List.of("connect", "--headless", "--no-audio", "--seconds", String.valueOf(seconds),
                        "--bitrate-kbps", String.valueOf(bitrateKbps), "--mode", mode));
        if (json) {
            client.add("--json");
        }
        out.printf("link: host→client %s; client→host %s%s%n", down, shape(reverseRate),
                steps.isEmpty() ? "" : "; steps " + stepAt);
        out.flush();
        try (LinkTestBed bed = LinkTestBed.create(down, shape(reverseRate))) {
            LinkRun.Result r = LinkRun.run(bed, client, seconds, steps, err);
            out.println(r.summary().isEmpty() ? "(client printed no summary; exit " + r.exitCode() + ")" : r.summary());
            out.printf("link drops (tbf, host→client): %d%n", r.linkDrops());
            for (String line : r.hostLog().lines().filter(l -> l.contains("abr") || l.contains("ramp")
                    || l.contains("probe")).limit(40).toList()) {
                out.println("host| " + line);
            }
            out.flush();
            return r.exitCode();
        }
    }

    private Shape shape(String r) {
        return new Shape(Shape.parseRate(r), burstKb * 1024, queueMs);
    }
}
