package io.punktfunk.host.api;

import io.punktfunk.host.daemon.Host;
import io.punktfunk.host.daemon.PairedClients;
import io.punktfunk.host.daemon.SessionSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The host's figures in the OpenMetrics 1.0 text format (what Prometheus scrapes): host-wide gauges
 * and counters, then one sample per running session of each per-session figure, labelled with the
 * session id and client name. Counters end in {@code _total}; the document ends with {@code # EOF}.
 */
final class OpenMetricsText {
    static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    private OpenMetricsText() {
    }

    static String render(Host host) {
        OpenMetricsText m = new OpenMetricsText();
        List<SessionSnapshot> sessions = host.sessions();
        m.family("punktfunk_sessions", "gauge", "Sessions running.");
        m.sample("punktfunk_sessions", "", sessions.size());
        m.family("punktfunk_paired_clients", "gauge", "Paired clients, per protocol.");
        for (PairedClients r : host.pairedClients()) {
            m.sample("punktfunk_paired_clients", label("protocol", r.protocol()), r.list().size());
        }
        m.family("punktfunk_pairing_armed", "gauge", "1 while a pairing window is open.");
        m.sample("punktfunk_pairing_armed", "", host.pairingArmed() ? 1 : 0);
        m.family("punktfunk_control_connections", "gauge", "QUIC connections open, sessions included.");
        m.sample("punktfunk_control_connections", "", host.control().connectionCount());
        m.family("punktfunk_input_events_accepted", "counter", "Input events injected into the desktop.");
        m.sample("punktfunk_input_events_accepted_total", "", host.input().accepted());
        m.family("punktfunk_input_events_refused", "counter", "Input events refused (not the owning session).");
        m.sample("punktfunk_input_events_refused_total", "", host.input().refused());

        m.perSession(sessions, "punktfunk_session_tx_mbps", "gauge",
                "Wire rate the kernel took over the last second, Mbit/s.", s -> s.txMbps());
        m.perSession(sessions, "punktfunk_session_bitrate_kbps", "gauge", "Video bitrate in force, kbit/s.", s -> s.bitrateKbps());
        m.perSession(sessions, "punktfunk_session_fec_percent", "gauge", "Parity percentage in force.", s -> s.fecPercent());
        m.perSession(sessions, "punktfunk_session_send_dropped", "counter",
                "Datagrams dropped locally (send buffer full).", s -> s.sendDropped());
        m.perSession(sessions, "punktfunk_session_packets_sent", "counter", "Datagrams the kernel took.", s -> s.packetsSent());
        m.perSession(sessions, "punktfunk_session_bytes_sent", "counter", "Wire bytes the kernel took.", s -> s.bytesSent());
        m.perSession(sessions, "punktfunk_session_frames_encoded", "counter", "Pictures encoded.", s -> s.framesEncoded());
        m.perSession(sessions, "punktfunk_session_keyframes_sent", "counter", "IDRs sent.", s -> s.keyframesSent());
        m.perSession(sessions, "punktfunk_session_frames_queue_dropped", "counter",
                "Frames refused by the full send queue.", s -> s.framesQueueDropped());
        m.perSession(sessions, "punktfunk_session_loss_ratio", "gauge",
                "Residual loss after FEC in the client's last loss report (0..1).", s -> s.lossPpm() / 1e6);
        m.perSession(sessions, "punktfunk_session_frames_lost", "counter",
                "Frames the client reported lost.", s -> s.framesLost());
        m.perSession(sessions, "punktfunk_session_queue_delay_seconds", "gauge",
                "One-way queueing delay the client measured last.", s -> s.queueDelayUs() / 1e6);
        m.perSession(sessions, "punktfunk_session_fec_rebuilt", "counter",
                "Data shards the client rebuilt from parity (its last receiver report).", s -> s.fecRebuilt());
        List<SessionSnapshot> measured = sessions.stream().filter(s -> s.latencyP50Us() >= 0).toList();
        if (!measured.isEmpty()) { // only clients that can read the host's capture clock measure it
            m.perSession(measured, "punktfunk_session_latency_p50_seconds", "gauge",
                    "Glass-to-glass latency median over the client's last interval.", s -> s.latencyP50Us() / 1e6);
            m.perSession(measured, "punktfunk_session_latency_p99_seconds", "gauge",
                    "Glass-to-glass latency 99th percentile over the client's last interval.", s -> s.latencyP99Us() / 1e6);
        }
        List<SessionSnapshot> onDesktops = sessions.stream().filter(s -> s.desktopUsage() != null).toList();
        if (!onDesktops.isEmpty()) { // --source virtual: what each session's own desktop costs
            m.perSession(onDesktops, "punktfunk_session_desktop_processes", "gauge",
                    "Processes of the session's desktop (X server, window manager, apps).", s -> s.desktopUsage().processes());
            m.perSession(onDesktops, "punktfunk_session_desktop_rss_bytes", "gauge",
                    "Resident memory of the desktop's processes, bytes.", s -> s.desktopUsage().rssBytes());
            m.perSession(onDesktops, "punktfunk_session_desktop_cpu_seconds", "counter",
                    "CPU time the desktop's processes used, seconds.", s -> s.desktopUsage().cpuNs() / 1e9);
        }
        m.out.append("# EOF\n");
        return m.out.toString();
    }

    private void perSession(List<SessionSnapshot> sessions, String name, String type, String help,
                            ToDoubleFunction<SessionSnapshot> value) {
        family(name, type, help);
        String sample = type.equals("counter") ? name + "_total" : name;
        for (SessionSnapshot s : sessions) {
            sample(sample, label("session", String.valueOf(s.id())) + "," + label("client", s.client()), value.applyAsDouble(s));
        }
    }

    private void family(String name, String type, String help) {
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    }

    private void sample(String name, String labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(String.format(Locale.ROOT, "%.6g", value));
        }
        out.append('\n');
    }

    private static String label(String name, String value) {
        StringBuilder b = new StringBuilder(name).append("=\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
