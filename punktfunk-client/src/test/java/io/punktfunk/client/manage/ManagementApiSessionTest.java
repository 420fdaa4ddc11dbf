package io.punktfunk.client.manage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.stream.ClientStreamOptions;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.host.settings.HostSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management API watching and steering real sessions: a punktfunk/1 client streams from a real
 * host over loopback while the test reads server-sent events, sessions, metrics, and stops,
 * re-keys and revokes through the API.
 */
class ManagementApiSessionTest {
    private static final Mode SMALL = new Mode(640, 360, 30);

    @TempDir
    Path dir;

    /** The value of the one sample line that starts with {@code prefix} (name and labels). */
    private static double sample(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + prefix + " in\n" + metrics));
    }

    @Test
    void eventsSessionsAndMetricsFollowALiveSessionUntilTheOperatorStopsIt() throws Exception {
        try (ManagedHost h = new ManagedHost(dir, Map.of(HostSettings.OPEN, true));
             ManagedHost.Events events = h.new Events("?types=session")) {
            ClientStream stream = h.connect(ClientStreamOptions.headless(SMALL, 1000, "api-test"));
            try {
                ManagedHost.Event started = events.await("session.started", d -> d.get("client").asText().equals("api-test"), 20);
                long id = started.data().get("id").asLong();
                assertThat(started.data().get("fingerprint").asText()).isEqualTo(h.clientIdentity.fingerprint().hex());
                assertThat(started.data().get("mode").asText()).isEqualTo("640x360@30");

                // moving numbers: two stats events of this session, the second with more packets sent
                ManagedHost.Event first = events.await("session.stats",
                        d -> d.get("id").asLong() == id && d.at("/stats/packets_sent").asLong() > 0, 20);
                ManagedHost.Event later = events.await("session.stats", d -> d.get("id").asLong() == id
                        && d.at("/stats/packets_sent").asLong() > first.data().at("/stats/packets_sent").asLong(), 20);
                assertThat(later.id()).isGreaterThan(first.id());
                assertThat(later.data().at("/stats/tx_mbps").asDouble()).isPositive();

                // what only the receiver knows (ReceiverStats over the real control stream): FEC-rebuilt shards, latency
                stream.control().reportReceiverStats(9, 1234, 15_000, 42_000);
                ManagedHost.Event receiver = events.await("session.stats", d -> d.get("id").asLong() == id
                        && d.at("/stats/fec_rebuilt").asLong() == 1234, 20);
                assertThat(receiver.data().at("/stats/latency_p50_us").asLong()).isEqualTo(15_000);
                assertThat(receiver.data().at("/stats/latency_p99_us").asLong()).isEqualTo(42_000);
                String labels = "{session=\"" + id + "\",client=\"api-test\"} ";
                String withReceiver = h.send("GET", "/metrics", null, false).body();
                assertThat(withReceiver).contains("punktfunk_session_fec_rebuilt_total" + labels + "1234\n");
                assertThat(sample(withReceiver, "punktfunk_session_latency_p50_seconds" + labels)).isEqualTo(0.015);
                assertThat(sample(withReceiver, "punktfunk_session_latency_p99_seconds" + labels)).isEqualTo(0.042);

                JsonNode sessions = h.getJson("/api/v1/sessions").get("sessions");
                assertThat(sessions).hasSize(1);
                assertThat(sessions.get(0).get("id").asLong()).isEqualTo(id);
                assertThat(sessions.get(0).at("/stats/frames_encoded").asLong()).isPositive();
                assertThat(h.getJson("/api/v1/sessions/" + id).get("codec").asText()).isEqualTo("h264");

                String metrics = h.send("GET", "/metrics", null, false).body();
                assertThat(metrics).contains("punktfunk_sessions 1\n").endsWith("# EOF\n");
                assertThat(metrics.lines().filter(l -> l.startsWith("punktfunk_session_packets_sent_total{session=\"" + id
                        + "\",client=\"api-test\"} ")).map(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))))
                        .singleElement().satisfies(v -> assertThat(v).isPositive());

                long keyframesBefore = h.getJson("/api/v1/sessions/" + id).at("/stats/keyframes_sent").asLong();
                assertThat(h.send("POST", "/api/v1/sessions/" + id + "/keyframe", null, true).statusCode()).isEqualTo(204);
                events.await("session.stats", d -> d.get("id").asLong() == id
                        && d.at("/stats/keyframes_sent").asLong() > keyframesBefore, 20);

                // a live setting changes under the running session: it keeps streaming, same id
                assertThat(h.send("PATCH", "/api/v1/settings", "{\"stream\":{\"max-bitrate-kbps\":600}}", true).statusCode())
                        .isEqualTo(200);
                long packets = h.getJson("/api/v1/sessions/" + id).at("/stats/packets_sent").asLong();
                events.await("session.stats", d -> d.get("id").asLong() == id
                        && d.at("/stats/packets_sent").asLong() > packets, 20);
                assertThat(stream.isRunning()).isTrue();

                assertThat(h.send("POST", "/api/v1/sessions/" + id + "/stop", null, true).statusCode()).isEqualTo(204);
                ManagedHost.Event ended = events.await("session.ended", d -> d.get("id").asLong() == id, 20);
                assertThat(ended.data().get("reason").asText()).isEqualTo("stopped by the host's operator");
                assertThat(h.getJson("/api/v1/sessions").get("sessions")).isEmpty();
                assertThat(h.send("POST", "/api/v1/sessions/" + id + "/stop", null, true).statusCode()).isEqualTo(404);
            } finally {
                stream.close();
            }
        }
    }

    @Test
    void revokingAPairedClientEndsItsSession() throws Exception {
        Path hostDir = dir.resolve("host");
        Files.createDirectories(hostDir);
        var clientFp = io.punktfunk.control.identity.Identity
                .loadOrCreate(dir.resolve("client"), io.punktfunk.control.identity.Identity.CLIENT_FILES, "test-client").fingerprint();
        PairedClientStore.load(hostDir).add(clientFp, "laptop");
        try (ManagedHost h = new ManagedHost(dir, Map.of());
             ManagedHost.Events events = h.new Events("?types=session.started,session.ended,client")) {
            assertThat(h.getJson("/api/v1/clients").at("/clients/0/name").asText()).isEqualTo("laptop");
            ClientStream stream = h.connect(ClientStreamOptions.headless(SMALL, 1000, "laptop"));
            try {
                long id = events.await("session.started", d -> true, 20).data().get("id").asLong();
                assertThat(h.send("DELETE", "/api/v1/clients/" + clientFp.hex(), null, true).statusCode()).isEqualTo(204);
                assertThat(events.await("client.revoked", d -> true, 10).data().get("id").asText()).isEqualTo(clientFp.hex());
                ManagedHost.Event ended = events.await("session.ended", d -> d.get("id").asLong() == id, 20);
                assertThat(ended.data().get("code").asInt()).isEqualTo(CloseCode.IDENTITY_REQUIRED.code());
                assertThat(h.getJson("/api/v1/clients").get("clients")).isEmpty();
            } finally {
                stream.close();
            }
        }
    }
}
