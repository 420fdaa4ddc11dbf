package io.punktfunk.host.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.host.stream.DesktopUsage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The API's JSON form of a session: the desktop object appears exactly when the session has its own desktop. */
class SessionSnapshotTest {

    private static SessionSnapshot snapshot(String display, DesktopUsage usage) {
        return snapshot(display, usage, -1);
    }

    private static SessionSnapshot snapshot(String display, DesktopUsage usage, long latencyP50Us) {
        return new SessionSnapshot(7, "laptop", "ab12", "192.0.2.5", "1280x720@60", "h264", 20_000, 20,
                Instant.parse("2026-12-07T12:00:00Z"), 19.5, 600, 1, 0, 9000, 2, 12_000_000, 0, 150, 1, 800, 0, 37,
                latencyP50Us, latencyP50Us < 0 ? -1 : latencyP50Us * 3, true, display, usage);
    }

    @Test
    void receiverFiguresShowFecRebuiltAlwaysAndLatencyOnlyWhenMeasured() {
        ObjectNode measured = snapshot(null, null, 16_500).toJson();
        assertThat(measured.path("stats").path("fec_rebuilt").asLong()).isEqualTo(37);
        assertThat(measured.path("stats").path("latency_p50_us").asLong()).isEqualTo(16_500);
        assertThat(measured.path("stats").path("latency_p99_us").asLong()).isEqualTo(49_500);
        ObjectNode unknown = snapshot(null, null, -1).toJson();
        assertThat(unknown.path("stats").path("fec_rebuilt").asLong()).isEqualTo(37);
        assertThat(unknown.path("stats").has("latency_p50_us")).isFalse();
        assertThat(unknown.path("stats").has("latency_p99_us")).isFalse();
    }

    @Test
    void aSessionOnItsOwnDesktopShowsWhatTheDesktopCosts() {
        ObjectNode json = snapshot(":12", new DesktopUsage(5, 112_500_000L, 2_345_678_901L)).toJson();
        assertThat(json.path("desktop").path("display").asText()).isEqualTo(":12");
        assertThat(json.path("desktop").path("processes").asInt()).isEqualTo(5);
        assertThat(json.path("desktop").path("rss_bytes").asLong()).isEqualTo(112_500_000L);
        assertThat(json.path("desktop").path("cpu_seconds").asDouble()).isEqualTo(2.346);
        assertThat(json.path("stats").path("send_dropped").asLong()).isEqualTo(2);
    }

    @Test
    void aSessionOnTheSharedSourceHasNoDesktopObject() {
        ObjectNode json = snapshot(null, null).toJson();
        assertThat(json.has("desktop")).isFalse();
        assertThat(json.path("owns_input").asBoolean()).isTrue();
    }
}
