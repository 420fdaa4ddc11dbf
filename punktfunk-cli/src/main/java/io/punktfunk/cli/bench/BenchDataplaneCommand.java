package io.punktfunk.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.bench.dataplane.DataplaneThroughput;
import io.punktfunk.bench.dataplane.SessionBench;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.transport.UdpTransportConfig;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code punktfunk bench dataplane}: host and client sessions over real loopback UDP, GRO on/off, plus raw UDP. */
@Command(name = "dataplane", mixinStandardHelpOptions = true,
        description = {"Host session -> client session over loopback UDP (FEC + AES-GCM + pacing),",
            "once with receive GRO on, once off, then raw UDP (same batching, no FEC, no crypto) for reference."})
public final class BenchDataplaneCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Option(names = "--seconds", defaultValue = "5", description = "measured seconds per mode (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup", defaultValue = "15",
            description = "warm-up seconds per mode; the GF(2^16) coder needs ~1000 frames before C2 has compiled it"
                    + " (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--mbps", defaultValue = "2400", description = "offered frame bitrate in Mbit/s (default ${DEFAULT-VALUE})")
    long mbps;

    @Option(names = "--fps", defaultValue = "60", description = "frames per second (default ${DEFAULT-VALUE})")
    int fps;

    @Option(names = "--frame-bytes", defaultValue = "0",
            description = "fixed frame size; the frame rate then follows from --mbps (default: mbps / fps)")
    int frameBytes;

    @Option(names = "--fec", defaultValue = "10", description = "FEC parity percent (default ${DEFAULT-VALUE})")
    int fecPercent;

    @Option(names = "--scheme", defaultValue = "GF16_LEOPARD",
            description = "FEC scheme: GF8_CAUCHY or GF16_LEOPARD (default ${DEFAULT-VALUE})")
    FecScheme scheme;

    @Option(names = "--no-raw", description = "skip the raw UDP reference run")
    boolean noRaw;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter live = json ? err : out;
        SessionBench.Options on = new SessionBench.Options(seconds, warmup, mbps, fps, frameBytes, fecPercent, scheme, true);
        SessionBench.Options off = new SessionBench.Options(seconds, warmup, mbps, fps, frameBytes, fecPercent, scheme, false);
        live.printf(Locale.ROOT, "session: %d Mbit/s offered, %d-byte frames at %.1f fps, %d %% FEC (%s), AES-128-GCM%n",
                mbps, on.effectiveFrameBytes(), on.effectiveFps(), fecPercent, scheme.vectorName());
        live.flush();
        SessionBench.Result gro = SessionBench.run(on, line -> print(live, line));
        SessionBench.Result noGro = SessionBench.run(off, line -> print(live, line));
        DataplaneThroughput.Result raw = null;
        if (!noRaw) {
            live.println("raw: unpaced 64-datagram batches of 1454 bytes, GSO + GRO, no FEC, no crypto");
            live.flush();
            raw = DataplaneThroughput.run(seconds, 1454, true, true, UdpTransportConfig.Backend.AUTO, "127.0.0.1", 0, 60);
        }
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("goodput_gbps", Decimals.round(gro.goodputGbps(), 3));
            o.put("goodput_gbps_no_gro", Decimals.round(noGro.goodputGbps(), 3));
            o.put("raw_gbps", raw == null ? Double.NaN : Decimals.round(raw.rxGbps(), 3));
            o.put("pps", Math.round(gro.pps()));
            o.put("cpu_s_per_gb", Decimals.round(gro.cpuSecondsPerGb(), 3));
            o.put("syscalls_per_packet_tx", Decimals.round(gro.syscallsPerPacketTx(), 5));
            o.put("syscalls_per_packet_rx", Decimals.round(gro.syscallsPerPacketRx(), 5));
            o.put("p50_ms", Decimals.round(gro.p50Ms(), 3));
            o.put("p99_ms", Decimals.round(gro.p99Ms(), 3));
            o.put("frames_lost", gro.framesLost());
            o.put("frames_lost_no_gro", noGro.framesLost());
            o.put("frames_completed", gro.framesCompleted());
            o.put("frames_refused_by_send_queue", gro.framesRefused());
            o.put("frames_abandoned", gro.framesAbandoned());
            o.put("frames_poll_overrun", gro.framesDeliveryDropped());
            o.put("packets_sent", gro.packetsSent());
            o.put("packets_received", gro.packetsReceived());
            o.put("pps_no_gro", Math.round(noGro.pps()));
            o.put("cpu_s_per_gb_no_gro", Decimals.round(noGro.cpuSecondsPerGb(), 3));
            o.put("syscalls_per_packet_rx_no_gro", Decimals.round(noGro.syscallsPerPacketRx(), 5));
            o.put("p50_ms_no_gro", Decimals.round(noGro.p50Ms(), 3));
            o.put("p99_ms_no_gro", Decimals.round(noGro.p99Ms(), 3));
            o.put("send_alloc_bytes_per_packet", Decimals.round(gro.sendAllocPerPacket(), 1));
            o.put("recv_alloc_bytes_per_packet", Decimals.round(gro.recvAllocPerPacket(), 1));
            o.put("send_dropped", gro.sendDropped());
            o.put("offered_mbps", mbps);
            o.put("frame_bytes", on.effectiveFrameBytes());
            o.put("fps", Decimals.round(on.effectiveFps(), 2));
            o.put("fec_percent", fecPercent);
            o.put("fec_scheme", scheme.vectorName());
            o.put("seconds", seconds);
            out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            out.printf("%n%-10s %9s %10s %9s %9s %9s %8s %8s %7s %9s %9s%n", "mode", "Gbit/s", "pkt/s", "sc/pkt tx",
                    "sc/pkt rx", "CPU s/GB", "p50 ms", "p99 ms", "lost", "B/pkt tx", "B/pkt rx");
            row(out, "gro on", gro);
            row(out, "gro off", noGro);
            if (raw != null) {
                out.printf(Locale.ROOT, "%-10s %9.2f %10.0f %9.4f %9.4f %9s %8s %8s %7s%n", "raw", raw.rxGbps(), raw.rxPps(),
                        (double) raw.sendSyscalls() / Math.max(1, raw.sent()),
                        (double) (raw.recvSyscalls() + raw.pollSyscalls()) / Math.max(1, raw.received()), "-", "-", "-",
                        Math.max(0, raw.sent() - raw.received()) + "pk");
            }
            out.println("Gbit/s = delivered frame bytes (goodput); CPU = process CPU, both sides; "
                    + "B/pkt = bytes allocated per packet by the send / receive thread");
            out.println("lost = refused by the full send queue + abandoned incomplete + dropped for a slow poller:");
            out.printf(Locale.ROOT, "  gro on %d + %d + %d, gro off %d + %d + %d%n", gro.framesRefused(), gro.framesAbandoned(),
                    gro.framesDeliveryDropped(), noGro.framesRefused(), noGro.framesAbandoned(), noGro.framesDeliveryDropped());
        }
        out.flush();
        return gro.framesLost() == 0 ? 0 : 1;
    }

    private static void row(PrintWriter out, String mode, SessionBench.Result r) {
        out.printf(Locale.ROOT, "%-10s %9.2f %10.0f %9.4f %9.4f %9.2f %8.3f %8.3f %7d %9.0f %9.0f%n", mode, r.goodputGbps(),
                r.pps(), r.syscallsPerPacketTx(), r.syscallsPerPacketRx(), r.cpuSecondsPerGb(), r.p50Ms(), r.p99Ms(),
                r.framesLost(), r.sendAllocPerPacket(), r.recvAllocPerPacket());
    }

    private static void print(PrintWriter w, String line) {
        w.println(line);
        w.flush();
    }
}
