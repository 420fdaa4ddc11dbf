package io.punktfunk.cli.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.punktfunk.cli.control.ConfigDirOption;
import io.punktfunk.cli.control.ExitCodes;
import io.punktfunk.cli.control.HostTarget;
import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.stream.ClientStreamOptions;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.message.ControlMessage.ProbeResult;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.core.session.SessionStats;
import io.punktfunk.host.stream.DataPlaneWarmup;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code punktfunk probe HOST --mbps N --seconds S}: a data-plane speed test. The session starts with
 * a small video stream (640×360@30, 1 Mbit/s), which the host pauses while it bursts probe frames at
 * the requested rate (host caps: 3 Gbps, 5 s). The host reports what it sent and what its socket
 * dropped; this side counts what arrived and derives throughput and loss.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Measure data-plane throughput and loss to a paired host (speed test).")
public final class ProbeCommand implements Callable<Integer> {
    /** The host clamps probe rates to this (ProbeRequest). */
    static final int MAX_MBPS = 3000;
    /** And durations to this. */
    static final double MAX_SECONDS = 5;
    private static final Mode PROBE_MODE = new Mode(640, 360, 30);

    @Mixin
    ConfigDirOption configDir;

    @Parameters(paramLabel = "HOST", description = "host[:port] (default port 9777), paired with `punktfunk pair`")
    String host;

    @Option(names = "--mbps", description = "probe rate in Mbit/s, up to 3000 (default: ${DEFAULT-VALUE})",
            defaultValue = "1000")
    int mbps;

    @Option(names = "--seconds", description = "probe duration, up to 5 (default: ${DEFAULT-VALUE})",
            defaultValue = "2")
    double seconds;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (mbps < 1 || mbps > MAX_MBPS || seconds <= 0 || seconds > MAX_SECONDS) {
            err.println("punktfunk: --mbps must be 1.." + MAX_MBPS + " and --seconds in (0, " + MAX_SECONDS + "]");
            err.flush();
            return ExitCodes.USAGE;
        }
        HostTarget target = HostTarget.lookupOrReport(host, err);
        if (target == null) {
            return ExitCodes.CONNECT;
        }
        ClientConnector connector;
        try {
            connector = ClientConnector.forHost(configDir.resolve(), target);
        } catch (IllegalStateException e) {
            err.println("punktfunk: " + e.getMessage());
            err.flush();
            return ExitCodes.TRUST;
        }
        // the receive path (AES-GCM open, reassembly, FEC) compiled before the first packet, not during it
        DataPlaneWarmup.run(FecConfig.defaults(), HandshakePolicy.SHARD_PAYLOAD_V4);
        try (connector) {
            ClientStream stream;
            try {
                stream = ClientStream.start(connector.connect(),
                        ClientStreamOptions.headless(PROBE_MODE, 1000, "punktfunk probe"), System.nanoTime(), 15_000);
            } catch (ExecutionException | TimeoutException e) {
                err.println("punktfunk: cannot reach " + target.key() + ": "
                        + (e.getCause() != null ? e.getCause().getMessage() : e.toString()));
                err.flush();
                return ExitCodes.CONNECT;
            }
            try {
                Map<String, Object> r = run(stream, mbps, seconds, err);
                print(out, r, json);
                return ExitCodes.OK;
            } catch (TimeoutException e) {
                err.println("punktfunk: no probe result from the host");
                err.flush();
                return ExitCodes.CONNECT;
            } finally {
                stream.close();
            }
        }
    }

    /** Runs one probe on an open stream and returns its figures (JSON field names). */
    public static Map<String, Object> run(ClientStream stream, int mbps, double seconds, PrintWriter err)
            throws InterruptedException, ExecutionException, TimeoutException {
        int durationMs = (int) Math.round(seconds * 1000);
        // the host's bring-up ramp runs before the first picture: probe after it, not into it
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stream.stats().framesReceived() == 0 && System.nanoTime() - waitUntil < 0) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        SessionStats before = stream.dataPlaneStats();
        err.printf("probing at %d Mbit/s for %d ms ...%n", mbps, durationMs);
        err.flush();
        // first → last arrival of probe bytes, sampled every millisecond: the rate the link delivered
        // (the host's send time would count its socket queue and the link's drops alike)
        long[] arrivals = {0, 0, before.probeBytesReceived(), before.probeBytesReceived()};
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long b = stream.dataPlaneStats().probeBytesReceived();
                long now = System.nanoTime();
                if (b != arrivals[3]) {
                    if (arrivals[0] == 0) {
                        arrivals[0] = now;
                        arrivals[2] = arrivals[3];
                    }
                    arrivals[1] = now;
                    arrivals[3] = b;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
        });
        ProbeResult result;
        try {
            result = stream.probe(mbps * 1000, durationMs).get(durationMs + 10_000L, TimeUnit.MILLISECONDS);
            TimeUnit.MILLISECONDS.sleep(100); // packets still in the receive path
        } finally {
            sampler.interrupt();
            sampler.join(1000);
        }
        SessionStats after = stream.dataPlaneStats();
        long packets = after.probePacketsReceived() - before.probePacketsReceived();
        long bytes = after.probeBytesReceived() - before.probeBytesReceived();
        double secs = Math.max(result.durationMs(), 1) / 1000.0;
        double arrivalSecs = (arrivals[1] - arrivals[0]) / 1e9;
        // bytes of the first sample arrived before the clock started: leave them out of the rate
        long timedBytes = arrivals[3] - arrivals[2];
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target_mbps", mbps);
        m.put("duration_ms", result.durationMs());
        m.put("host_bytes_sent", result.bytesSent());
        m.put("host_packets_sent", result.wirePacketsSent());
        m.put("host_send_dropped", result.sendDropped());
        m.put("packets_received", packets);
        m.put("bytes_received", bytes);
        m.put("sent_gbps", round(result.bytesSent() * 8 / secs / 1e9));
        m.put("delivered_gbps", round(arrivalSecs > 0.01 ? timedBytes * 8 / arrivalSecs / 1e9 : bytes * 8 / secs / 1e9));
        m.put("arrival_ms", Math.round(arrivalSecs * 1000));
        long attempted = result.wirePacketsSent() + result.sendDropped();
        m.put("send_drop_percent", round(attempted == 0 ? 0 : 100.0 * result.sendDropped() / attempted));
        m.put("loss_percent", round(result.wirePacketsSent() == 0 ? 0
                : 100.0 * Math.max(0, result.wirePacketsSent() - packets) / result.wirePacketsSent()));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void print(PrintWriter out, Map<String, Object> r, boolean json) throws Exception {
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            out.printf("probe %s Mbit/s for %s ms: host sent %s packets (%s Gbit/s), %s dropped at its socket "
                            + "(%s %%)%n",
                    r.get("target_mbps"), r.get("duration_ms"), r.get("host_packets_sent"), r.get("sent_gbps"),
                    r.get("host_send_dropped"), r.get("send_drop_percent"));
            out.printf("received %s packets: delivered %s Gbit/s, loss %s %%%n", r.get("packets_received"),
                    r.get("delivered_gbps"), r.get("loss_percent"));
        }
        out.flush();
    }
}
