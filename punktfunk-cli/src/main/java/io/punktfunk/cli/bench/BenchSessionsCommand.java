package io.punktfunk.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.stream.ClientStreamOptions;
import io.punktfunk.client.stream.StreamStats;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.quic.ControlClient;
import io.punktfunk.control.quic.ControlHost;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.control.quic.QuicSettings;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.host.stream.DataPlaneWarmup;
import io.punktfunk.host.stream.HostCapacity;
import io.punktfunk.host.stream.HostStream;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.SourceKind;
import io.punktfunk.host.stream.StreamingHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code punktfunk bench sessions}: one host serving several clients at once in this process, over
 * loopback with the real control and data planes and x264. The clients reassemble and verify frames
 * without decoding them ({@link ClientStreamOptions#withoutDecoding()}), so what the box spends is
 * the host's cost plus the receive path. Clients connect one after another; one the host refuses
 * (its pixel-rate budget, {@link HostCapacity}) is reported with the host's reason. Per admitted
 * session over the measured window: fps, frames lost, latency from the host's capture stamp to the
 * reassembled frame, and the host threads and CPU of that session ({@code /proc/self/task}).
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = {"One host, several clients that verify frames without decoding: per session fps, frames lost,",
            "capture → reassembled latency, host threads and CPU; a client past the host's capacity is refused."})
public final class BenchSessionsCommand implements Callable<Integer> {
    /** How long a new client may wait for its first frame (or its refusal) before the next one connects. */
    private static final long FIRST_FRAME_WAIT_NS = TimeUnit.SECONDS.toNanos(10);

    @Option(names = "--clients", defaultValue = "4", description = "clients that connect (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "measured time (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "seconds after the last client connected, "
            + "before measuring (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--mode", defaultValue = "1280x720@60", description = "each session's WxH@Hz (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--bitrate-kbps", defaultValue = "20000", description = "each session's bitrate (default ${DEFAULT-VALUE})")
    int bitrateKbps;

    @Option(names = "--capacity-mpx", defaultValue = "0",
            description = "host capacity in Mpx/s (0: the host's default, 125 per core; docs/fleet.md)")
    int capacityMpx;

    @Option(names = "--audio", defaultValue = "none", description = "tone or none (default ${DEFAULT-VALUE})")
    String audio;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One client: its stream (null when it could not even connect), and why the host refused it. */
    private record Client(String name, ClientStream stream, String refusal) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (clients < 1 || clients > 32 || seconds <= 0 || warmup < 0 || capacityMpx < 0) {
            err.println("punktfunk: --clients must be 1..32, --seconds > 0, --warmup ≥ 0, --capacity-mpx ≥ 0");
            err.flush();
            return 1;
        }
        Mode asked = Mode.parse(mode);
        Path dir = Files.createTempDirectory("punktfunk-bench-sessions-");
        try {
            return run(dir, asked, out, err);
        } finally {
            deleteTree(dir);
        }
    }

    private int run(Path dir, Mode asked, PrintWriter out, PrintWriter err) throws Exception {
        Identity hostIdentity = Identity.loadOrCreate(dir, Identity.HOST_FILES, "punktfunk-bench-host");
        Identity clientIdentity = Identity.loadOrCreate(dir, Identity.CLIENT_FILES, "punktfunk-bench-client");
        DataPlaneWarmup.run(FecConfig.defaults(), HandshakePolicy.SHARD_PAYLOAD_V4);
        HostStreamSettings settings = HostStreamSettings.defaults().withSource(SourceKind.SYNTHETIC, null, null)
                .withAudio(AudioKind.parse(audio), null);
        int cores = Runtime.getRuntime().availableProcessors();
        List<Client> all = new ArrayList<>();
        try (StreamingHost streaming = new StreamingHost(settings, new HostControlSessionListener() { })) {
            if (capacityMpx > 0) {
                streaming.capacity().budget(capacityMpx * 1_000_000L);
            }
            HandshakePolicy policy = new HandshakePolicy(0, VideoCodecs.H264, 7680, 4320, 1000, bitrateKbps,
                    FecConfig.defaults());
            ControlHost.Config config = ControlHost.Config.defaults(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), hostIdentity,
                            PairedClientStore.load(dir), 0, streaming)
                    .withOpen(true).withPolicy(policy).withMaxSessions(clients + 1); // capacity decides, not the slot cap
            try (ControlHost host = ControlHost.start(config);
                 ControlClient client = new ControlClient(clientIdentity, QuicSettings.defaults())) {
                err.printf(Locale.ROOT, "bench sessions: %d clients × %s H.264 %d kbps, synthetic source, audio %s; "
                                + "host capacity %.0f Mpx/s (%d cores), each session %.1f Mpx/s%n", clients, asked,
                        bitrateKbps, audio, streaming.capacity().budget() / 1e6, cores,
                        HostCapacity.pixelsPerSecond(asked) / 1e6);
                err.flush();
                try {
                    for (int i = 1; i <= clients; i++) {
                        all.add(connect(client, host, asked, "bench client " + i, err));
                    }
                    TimeUnit.MILLISECONDS.sleep((long) (warmup * 1000));
                    return measure(all, streaming, asked, cores, out, err);
                } finally { // before the control client and host close: quitting needs their event loops
                    for (Client c : all) {
                        if (c.stream() != null) {
                            c.stream().close();
                        }
                    }
                }
            }
        }
    }

    private Client connect(ControlClient client, ControlHost host, Mode asked, String name, PrintWriter err)
            throws Exception {
        ClientStream s;
        try {
            s = ClientStream.start(client.connect(host.localAddress(), host.fingerprint()).get(15, TimeUnit.SECONDS),
                    ClientStreamOptions.headless(asked, bitrateKbps, name).withoutDecoding(), System.nanoTime(), 15_000);
        } catch (Exception e) {
            err.printf("%s: cannot connect: %s%n", name, e);
            err.flush();
            return new Client(name, null, "cannot connect: " + e);
        }
        long deadline = System.nanoTime() + FIRST_FRAME_WAIT_NS;
        while (s.isRunning() && s.stats().framesShown() == 0 && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        if (!s.isRunning()) {
            String why = CloseCode.describe(s.closeCode()) + " – " + s.closeReason();
            err.printf("%s: refused: %s%n", name, why);
            err.flush();
            return new Client(name, s, why);
        }
        err.printf("%s: streaming (first frame %d ms after connecting)%n", name, s.connectToFirstFrameNs() / 1_000_000);
        err.flush();
        return new Client(name, s, null);
    }

    private int measure(List<Client> all, StreamingHost streaming, Mode asked, int cores, PrintWriter out,
                        PrintWriter err) throws Exception {
        List<Client> running = all.stream().filter(c -> c.refusal() == null).toList();
        StreamStats[] before = new StreamStats[running.size()];
        for (int i = 0; i < running.size(); i++) {
            running.get(i).stream().intervalLatency(); // starts the window: latency from here on
            before[i] = running.get(i).stream().stats();
        }
        Map<Integer, TaskCpu.Task> cpu0 = TaskCpu.snapshot();
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() - end < 0) {
            TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
        }
        long t1 = System.nanoTime();
        Map<Integer, TaskCpu.Task> cpu1 = TaskCpu.snapshot();
        double window = (t1 - t0) / 1e9;
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode result = mapper.createObjectNode();
        result.put("mode", asked.toString());
        result.put("bitrate_kbps", bitrateKbps);
        result.put("cores", cores);
        result.put("capacity_mpx", streaming.capacity().budget() / 1e6);
        result.put("seconds", window);
        ArrayNode sessions = result.putArray("sessions");
        double hostCpu = 0;
        for (int i = 0; i < running.size(); i++) {
            Client c = running.get(i);
            StreamStats now = c.stream().stats();
            Histogram h = c.stream().intervalLatency();
            HostStream hs = streaming.streams().stream().filter(s -> s.control().clientName().equals(c.name()))
                    .findFirst().orElse(null);
            String prefix = hs == null ? null : "pkf-s" + hs.control().id() + "-";
            double cpuSeconds = prefix == null ? 0 : TaskCpu.seconds(cpu0, cpu1, prefix);
            hostCpu += cpuSeconds;
            ObjectNode o = sessions.addObject();
            o.put("client", c.name());
            o.put("host_session", hs == null ? -1 : hs.control().id());
            o.put("fps", (now.framesShown() - before[i].framesShown()) / window);
            o.put("frames_lost", now.framesLost() - before[i].framesLost());
            o.put("frames_damaged", now.framesDamaged() - before[i].framesDamaged());
            o.put("frames_lost_total", now.framesLost());
            o.put("p50_ms", h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50) / 1000.0);
            o.put("p99_ms", h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0);
            o.put("max_ms", h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0);
            o.put("host_threads", prefix == null ? 0 : TaskCpu.threads(cpu1, prefix));
            o.put("host_cpu_percent", 100 * cpuSeconds / window);
            o.put("host_send_queue_dropped", hs == null ? 0 : hs.stats().framesQueueDropped());
        }
        ArrayNode refused = result.putArray("refused");
        for (Client c : all) {
            if (c.refusal() != null) {
                refused.addObject().put("client", c.name()).put("reason", c.refusal());
            }
        }
        result.put("host_sessions_cpu_percent", 100 * hostCpu / window);
        result.put("clients_cpu_percent", 100 * TaskCpu.seconds(cpu0, cpu1, "pkf-client") / window);
        result.put("process_cpu_percent", 100 * TaskCpu.seconds(cpu0, cpu1, "") / window);
        result.put("load_average", loadAverage());
        if (json) {
            out.println(mapper.writeValueAsString(result));
        } else {
            print(out, result);
        }
        out.flush();
        return running.isEmpty() ? 2 : 0;
    }

    private static void print(PrintWriter out, ObjectNode r) {
        out.printf(Locale.ROOT, "%d × %s at %d kbps for %.1f s, %d cores, host capacity %.0f Mpx/s, load average %s%n",
                r.get("sessions").size(), r.get("mode").asText(), r.get("bitrate_kbps").asInt(), r.get("seconds").asDouble(),
                r.get("cores").asInt(), r.get("capacity_mpx").asDouble(), r.get("load_average").asText());
        out.printf("%-16s %7s %6s %8s %8s %8s %8s %9s%n", "session", "fps", "lost", "p50 ms", "p99 ms", "max ms",
                "threads", "host CPU");
        for (var s : r.get("sessions")) {
            out.printf(Locale.ROOT, "%-16s %7.1f %6d %8.2f %8.2f %8.2f %8d %8.1f%%%n", s.get("client").asText(),
                    s.get("fps").asDouble(), s.get("frames_lost").asLong(), s.get("p50_ms").asDouble(),
                    s.get("p99_ms").asDouble(), s.get("max_ms").asDouble(), s.get("host_threads").asInt(),
                    s.get("host_cpu_percent").asDouble());
        }
        for (var s : r.get("refused")) {
            out.printf("%-16s refused: %s%n", s.get("client").asText(), s.get("reason").asText());
        }
        out.printf(Locale.ROOT, "CPU: host sessions %.1f%%, clients (receive + verify) %.1f%%, whole process %.1f%% "
                        + "(100%% = one core)%n", r.get("host_sessions_cpu_percent").asDouble(),
                r.get("clients_cpu_percent").asDouble(), r.get("process_cpu_percent").asDouble());
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
