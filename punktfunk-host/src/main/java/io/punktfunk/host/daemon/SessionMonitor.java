package io.punktfunk.host.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.ControlMessage.DeliveryReport;
import io.punktfunk.control.message.ControlMessage.LossReport;
import io.punktfunk.control.pairing.PairedClientStore.PairedClient;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.core.session.SessionStats;
import io.punktfunk.host.stream.HostStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import io.punktfunk.host.stream.SessionDesktops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every session for the operator: logs what clients ask for, publishes session and pairing
 * events, keeps what each client reported (loss, delivery) and, once a second ({@link #sample}),
 * turns the data plane's counters into rates. Sits behind {@code StreamingHost} as its listener, so
 * it hears everything on the control event loop and only records (no blocking, no I/O).
 */
final class SessionMonitor implements HostControlSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(SessionMonitor.class);

    /** What one session's client reported, and the last rate sample; fields written by one thread at a time. */
    private static final class Tracked {
        final HostControlSession session;
        final Instant startedAt = Instant.now();
        volatile long lossPpm;
        volatile long framesLost;
        volatile long queueDelayUs;
        volatile long linkKbps;
        volatile long fecRebuilt;
        volatile long latencyP50Us = -1;
        volatile long latencyP99Us = -1;
        volatile double txMbps;
        long lastBytes;
        long lastNs;

        Tracked(HostControlSession session) {
            this.session = session;
        }
    }

    private final HostEvents events;
    private final Map<Long, Tracked> sessions = new ConcurrentHashMap<>();
    private volatile Supplier<List<HostStream>> streams = List::of;
    private volatile Supplier<HostControlSession> inputOwner = () -> null;
    private volatile java.util.function.LongFunction<SessionDesktops.SessionDesktop> desktops = id -> null;

    SessionMonitor(HostEvents events) {
        this.events = events;
    }

    /**
     * Where the running streams, the input owner and each session's desktop ({@code --source virtual})
     * are read from (set once the streaming host exists).
     */
    void attach(Supplier<List<HostStream>> streamSource, Supplier<HostControlSession> owner,
                java.util.function.LongFunction<SessionDesktops.SessionDesktop> desktopOf) {
        this.streams = streamSource;
        this.inputOwner = owner;
        this.desktops = desktopOf;
    }

    @Override
    public void onSessionStarted(HostControlSession s) {
        var p = s.parameters();
        LOG.info("{}: {} {} at {} kbps, FEC {}% K={}, shard {} B, client data port {}", s, p.mode(),
                VideoCodecs.name(p.codec()), p.bitrateKbps(), p.fec().fecPercent(), p.fec().maxDataPerBlock(), p.shardPayload(),
                p.clientDataPort());
        sessions.put(s.id(), new Tracked(s));
        ObjectNode d = sessionIdentity(s);
        d.put("mode", p.mode().toString());
        d.put("codec", VideoCodecs.name(p.codec()));
        d.put("bitrate_kbps", p.bitrateKbps());
        events.publish(HostEvent.SESSION_STARTED, d);
    }

    @Override
    public void onSessionEnded(HostControlSession s, int code, String reason) {
        LOG.info("{} ended: {} ({})", s, CloseCode.describe(code), reason);
        sessions.remove(s.id());
        ObjectNode d = sessionIdentity(s);
        d.put("code", code);
        d.put("close", CloseCode.describe(code));
        d.put("reason", reason);
        events.publish(HostEvent.SESSION_ENDED, d);
    }

    @Override
    public void onKeyframeRequest(HostControlSession s) {
        LOG.debug("{}: keyframe requested", s);
    }

    @Override
    public void onInvalidateRefs(HostControlSession s, int first, int last) {
        LOG.debug("{}: frames {}..{} invalidated", s, first, last);
    }

    @Override
    public void onFecChanged(HostControlSession s, int percent) {
        LOG.info("{}: FEC now {}%", s, percent);
    }

    @Override
    public void onBitrateChanged(HostControlSession s, int kbps) {
        LOG.info("{}: bitrate now {} kbps", s, kbps);
    }

    @Override
    public void onLossReport(HostControlSession s, LossReport report) {
        Tracked t = sessions.get(s.id());
        if (t != null) {
            t.lossPpm = report.lossPpm();
        }
    }

    @Override
    public void onDeliveryReport(HostControlSession s, DeliveryReport report) {
        Tracked t = sessions.get(s.id());
        if (t != null) {
            t.framesLost += report.framesLost();
            t.queueDelayUs = report.queueDelayUs();
            t.linkKbps = report.linkKbps();
        }
    }

    @Override
    public void onReceiverStats(HostControlSession s, ControlMessage.ReceiverStats stats) {
        Tracked t = sessions.get(s.id());
        if (t != null) {
            t.fecRebuilt = stats.fecRebuiltShards();
            t.latencyP50Us = stats.latencyP50Us();
            t.latencyP99Us = stats.latencyP99Us();
        }
    }

    @Override
    public void onClientPaired(PairedClient c) {
        LOG.info("paired {} ({})", c.name(), c.fingerprint().hex());
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("protocol", PunktfunkClients.PROTOCOL);
        d.put("id", c.fingerprint().hex());
        d.put("name", c.name());
        events.publish(HostEvent.CLIENT_PAIRED, d);
    }

    /** Once a second: each stream's wire rate since the last sample, then a stats event per session. */
    void sample(long nowNs) {
        for (HostStream st : streams.get()) {
            Tracked t = sessions.get(st.control().id());
            if (t == null) {
                continue;
            }
            long bytes = st.stats().bytesSent();
            if (t.lastNs != 0 && nowNs > t.lastNs) {
                t.txMbps = (bytes - t.lastBytes) * 8.0 / ((nowNs - t.lastNs) / 1e9) / 1e6;
            }
            t.lastBytes = bytes;
            t.lastNs = nowNs;
        }
        for (SessionSnapshot s : snapshots()) {
            events.publish(HostEvent.SESSION_STATS, s.toJson());
        }
    }

    /** Every running session, oldest first, with its figures. */
    List<SessionSnapshot> snapshots() {
        Map<Long, HostStream> byId = new java.util.HashMap<>();
        for (HostStream st : streams.get()) {
            byId.put(st.control().id(), st);
        }
        HostControlSession owner = inputOwner.get();
        List<SessionSnapshot> out = new ArrayList<>();
        for (Tracked t : sessions.values()) {
            HostControlSession s = t.session;
            HostStream st = byId.get(s.id());
            SessionStats d = st == null ? null : st.stats();
            var p = s.parameters();
            SessionDesktops.SessionDesktop desktop = desktops.apply(s.id());
            out.add(new SessionSnapshot(s.id(), s.clientName(), s.clientFingerprint().hex(), peerOf(s), p.mode().toString(),
                    VideoCodecs.name(p.codec()), s.bitrateKbps(), s.fecPercent(), t.startedAt, t.txMbps,
                    st == null ? 0 : st.framesEncoded(), st == null ? 0 : st.keyframesSent(),
                    st == null ? 0 : st.keyframeRequests(), d == null ? 0 : d.packetsSent(),
                    d == null ? 0 : d.packetsSendDropped(), d == null ? 0 : d.bytesSent(),
                    d == null ? 0 : d.framesQueueDropped(), t.lossPpm, t.framesLost, t.queueDelayUs, t.linkKbps,
                    t.fecRebuilt, t.latencyP50Us, t.latencyP99Us,
                    owner == s, desktop == null ? null : desktop.display(), desktop == null ? null : desktop.usage()));
        }
        out.sort(Comparator.comparingLong(SessionSnapshot::id));
        return out;
    }

    /** The live control session with this id, or null. */
    HostControlSession session(long id) {
        Tracked t = sessions.get(id);
        return t == null ? null : t.session;
    }

    private static String peerOf(HostControlSession s) {
        var a = s.parameters().clientAddress();
        return a == null ? "" : a.getHostAddress();
    }

    private static ObjectNode sessionIdentity(HostControlSession s) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("id", s.id());
        d.put("client", s.clientName());
        d.put("fingerprint", s.clientFingerprint().hex());
        return d;
    }
}
