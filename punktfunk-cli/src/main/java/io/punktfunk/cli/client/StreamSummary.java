package io.punktfunk.cli.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.stream.StreamStats;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.session.SessionParameters;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The end-of-stream figures of {@code connect} and {@code demo}: what was sent (when the host is in
 * this process), shown, lost, rates, latency percentiles. Printed as text or as one JSON object.
 */
public record StreamSummary(String mode, String codec, int bitrateKbps, double seconds, long framesSent,
                            StreamStats client, double fps, double mbps, double p50Ms, double p99Ms, double maxMs,
                            boolean latencyMeasured, double connectToFirstFrameMs,
                            int finalBitrateKbps, double rampLinkMbps) {

    /** Builds the summary of {@code stream} after {@code seconds}; {@code framesSent} = -1 when unknown. */
    public static StreamSummary of(ClientStream stream, double seconds, long framesSent) {
        SessionParameters p = stream.parameters();
        StreamStats s = stream.stats();
        Histogram h = stream.totalLatency();
        long firstNs = stream.connectToFirstFrameNs();
        return new StreamSummary(p.mode().toString(), VideoCodecs.name(p.codec()), p.bitrateKbps(), seconds, framesSent,
                s, stream.sustainedFps(), s.mediaBytes() * 8 / seconds / 1e6, pct(h, 50), pct(h, 99),
                h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0, stream.measuresLatency(),
                firstNs < 0 ? -1 : firstNs / 1e6, stream.bitrateKbps(), stream.rampLinkBps() / 1e6);
    }

    private static double pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1000.0;
    }

    /**
     * The JSON fields (names are stable: scripts and tests read them). {@code fps} is sustained: pictures
     * shown per second from the first to the last, connect time excluded; {@code mbps} is over the whole run.
     */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode);
        m.put("codec", codec);
        m.put("bitrate_kbps", bitrateKbps);
        m.put("seconds", round(seconds));
        if (framesSent >= 0) {
            m.put("frames_sent", framesSent);
        }
        m.put("frames_received", client.framesReceived());
        m.put("frames_shown", client.framesShown());
        m.put("frames_damaged", client.framesDamaged());
        m.put("frames_lost", client.framesLost());
        m.put("fps", round(fps));
        m.put("mbps", round(mbps));
        // null, not 0, when unmeasured: the host's clock is not this machine's (docs/links.md)
        m.put("p50_ms", latencyMeasured ? round(p50Ms) : null);
        m.put("p99_ms", latencyMeasured ? round(p99Ms) : null);
        m.put("max_ms", latencyMeasured ? round(maxMs) : null);
        m.put("latency_measured", latencyMeasured);
        m.put("fec_recovered", client.fecRecovered());
        m.put("keyframe_requests", client.keyframeRequests());
        m.put("frames_stale", client.framesStale());
        m.put("decode_errors", client.decodeErrors());
        m.put("stamps_read", client.stampsRead());
        m.put("stamps_missing", client.stampsMissing());
        m.put("stamp_regressions", client.stampRegressions());
        m.put("audio_frames_received", client.audioReceived());
        m.put("audio_frames_played", client.audioPlayed());
        m.put("connect_to_first_frame_ms", round(connectToFirstFrameMs));
        m.put("final_bitrate_kbps", finalBitrateKbps);
        m.put("ramp_link_mbps", round(rampLinkMbps));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Prints the summary as JSON (one object) or as a few readable lines. */
    public void print(PrintWriter out, boolean json) {
        if (json) {
            try {
                out.println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                        .writeValueAsString(fields()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("summary not serialisable", e);
            }
        } else {
            out.printf("%s %s at %d kbps for %.1f s%n", mode, codec, bitrateKbps, seconds);
            out.printf("frames: %ssent, %d received, %d shown, %d lost, %d damaged (not shown) | %.1f fps, %.2f Mbps%n",
                    framesSent >= 0 ? framesSent + " " : "", client.framesReceived(), client.framesShown(),
                    client.framesLost(), client.framesDamaged(), fps, mbps);
            if (latencyMeasured) {
                out.printf("glass-to-glass latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", p50Ms, p99Ms, maxMs);
            } else {
                out.println("glass-to-glass latency: not measured (the host's capture clock is not shared with this"
                        + " client: loopback only)");
            }
            out.printf("recovery: %d FEC shards rebuilt, %d keyframe requests, %d decode errors, %d stale frames dropped%n",
                    client.fecRecovered(), client.keyframeRequests(), client.decodeErrors(), client.framesStale());
            if (client.stampsRead() > 0) {
                out.printf("stamps: %d read, %d missing, %d out of order%n", client.stampsRead(),
                        client.stampsMissing(), client.stampRegressions());
            }
            out.printf("audio: %d frames received, %d played | connect to first frame %.1f ms%n",
                    client.audioReceived(), client.audioPlayed(), connectToFirstFrameMs);
            out.printf("bitrate: %d kbps at the end%s%n", finalBitrateKbps,
                    rampLinkMbps > 0 ? String.format(" | ramp proved %.0f Mbit/s", rampLinkMbps) : "");
        }
        out.flush();
    }
}
