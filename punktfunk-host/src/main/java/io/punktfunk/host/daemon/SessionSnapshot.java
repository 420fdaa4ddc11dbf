package io.punktfunk.host.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.host.stream.DesktopUsage;
import java.time.Instant;

/**
 * One running session as the operator sees it: who, what was negotiated, and its live figures. The
 * host's own counters (sent, dropped, frames) come from the data plane; loss, frames lost and queue
 * delay are what the client reported last (loss and delivery reports, docs/links.md).
 *
 * @param txMbps          wire rate over the last sampling second (what the kernel took)
 * @param sendDropped     datagrams dropped locally, send buffer full (total)
 * @param lossPpm         residual loss after FEC in the client's last loss report, parts per million
 * @param framesLost      frames the client reported lost, summed over its delivery reports
 * @param queueDelayUs    the client's last measured one-way queueing delay, microseconds
 * @param linkKbps        the client's last link estimate (0 when it has none)
 * @param fecRebuilt      data shards the client rebuilt from parity (its last receiver stats; 0 before any)
 * @param latencyP50Us    glass-to-glass median the client measured over its last interval, µs; -1 unknown
 * @param latencyP99Us    the same, 99th percentile
 * @param ownsInput       this session's input reaches the desktop
 * @param desktopDisplay  the X display of the session's own desktop ({@code --source virtual}), or null
 * @param desktopUsage    that desktop's processes, memory and CPU now, or null without one
 */
public record SessionSnapshot(long id, String client, String fingerprint, String peer, String mode, String codec,
                              int bitrateKbps, int fecPercent, Instant startedAt, double txMbps, long framesEncoded,
                              long keyframesSent, long keyframeRequests, long packetsSent, long sendDropped,
                              long bytesSent, long framesQueueDropped, long lossPpm, long framesLost, long queueDelayUs,
                              long linkKbps, long fecRebuilt, long latencyP50Us, long latencyP99Us, boolean ownsInput, String desktopDisplay, DesktopUsage desktopUsage) {
    /** The API's JSON form. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        o.put("client", client);
        o.put("fingerprint", fingerprint);
        o.put("peer", peer);
        o.put("mode", mode);
        o.put("codec", codec);
        o.put("bitrate_kbps", bitrateKbps);
        o.put("fec_percent", fecPercent);
        o.put("started_at", startedAt.toString());
        ObjectNode s = o.putObject("stats");
        s.put("tx_mbps", Math.round(txMbps * 1000) / 1000.0);
        s.put("frames_encoded", framesEncoded);
        s.put("keyframes_sent", keyframesSent);
        s.put("keyframe_requests", keyframeRequests);
        s.put("packets_sent", packetsSent);
        s.put("send_dropped", sendDropped);
        s.put("bytes_sent", bytesSent);
        s.put("frames_queue_dropped", framesQueueDropped);
        s.put("loss_ppm", lossPpm);
        s.put("frames_lost", framesLost);
        s.put("queue_delay_us", queueDelayUs);
        s.put("link_kbps", linkKbps);
        s.put("fec_rebuilt", fecRebuilt);
        if (latencyP50Us >= 0) {
            s.put("latency_p50_us", latencyP50Us);
            s.put("latency_p99_us", latencyP99Us);
        }
        o.put("owns_input", ownsInput);
        if (desktopUsage != null) {
            ObjectNode d = o.putObject("desktop");
            d.put("display", desktopDisplay);
            d.put("processes", desktopUsage.processes());
            d.put("rss_bytes", desktopUsage.rssBytes());
            d.put("cpu_seconds", Math.round(desktopUsage.cpuNs() / 1e6) / 1000.0);
        }
        return o;
    }
}
