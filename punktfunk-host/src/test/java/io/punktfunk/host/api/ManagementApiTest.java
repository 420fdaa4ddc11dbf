package io.punktfunk.host.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.punktfunk.control.identity.SelfSignedCertificates;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.host.daemon.Host;
import io.punktfunk.host.settings.HostConfigFile;
import io.punktfunk.host.settings.HostSettings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management API over real HTTPS with the JDK client: reads, token rules, pairing, clients, settings, errors. */
class ManagementApiTest {
    @TempDir
    Path dir;
    Host host;
    ApiClient api;

    @BeforeEach
    void start() throws Exception {
        host = ApiClient.startHost(dir, Map.of());
        api = new ApiClient(host);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void hostInfoNamesTheIdentityTheTlsConnectionPresented() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/host");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode info = ApiClient.json(r);
        assertThat(info.get("fingerprint").asText()).isEqualTo(host.fingerprint().hex());
        assertThat(info.get("control_port").asInt()).isEqualTo(host.controlAddress().getPort());
        assertThat(info.at("/capabilities/codecs")).extracting(JsonNode::asText).containsExactly("h264", "hevc");
        assertThat(info.at("/capabilities/input").asText()).isEqualTo("none");
        assertThat(info.get("sessions").asInt()).isZero();
    }

    @Test
    void theTokenFileIsPrivateAndWritesNeedIt() throws Exception {
        Path tokenFile = dir.resolve(AdminToken.FILE);
        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        HttpResponse<String> none = api.send("POST", "/api/v1/pairing", "{}", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(ApiClient.json(none).get("detail").asText()).contains(tokenFile.toString());

        HttpResponse<String> wrong = api.send("POST", "/api/v1/pairing", "{}", "not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(ApiClient.json(wrong).get("status").asInt()).isEqualTo(403);
        assertThat(host.pairingArmed()).as("refused writes change nothing").isFalse();

        assertThat(api.send("PATCH", "/api/v1/settings", "{\"control\":{\"open\":true}}", null).statusCode()).isEqualTo(401);
        assertThat(api.send("DELETE", "/api/v1/clients/x", null, "nope").statusCode()).isEqualTo(403);
        assertThat(host.settings().get(HostSettings.OPEN)).isFalse();
    }

    @Test
    void armingPairingReturnsThePinOnceAndReadsNeverShowIt() throws Exception {
        HttpResponse<String> armed = api.admin("POST", "/api/v1/pairing", "{\"ttl\":\"60s\",\"digits\":8}");
        assertThat(armed.statusCode()).isEqualTo(201);
        JsonNode a = ApiClient.json(armed);
        assertThat(a.get("pin").asText()).matches("\\d{8}");
        assertThat(a.get("armed").asBoolean()).isTrue();
        assertThat(a.get("expires_in_ms").asLong()).isBetween(1L, 60_000L);
        assertThat(host.pairingArmed()).isTrue();

        JsonNode state = ApiClient.json(api.get("/api/v1/pairing"));
        assertThat(state.get("armed").asBoolean()).isTrue();
        assertThat(state.has("pin")).isFalse();

        assertThat(api.admin("DELETE", "/api/v1/pairing", null).statusCode()).isEqualTo(204);
        JsonNode closed = ApiClient.json(api.get("/api/v1/pairing"));
        assertThat(closed.get("armed").asBoolean()).isFalse();
        assertThat(closed.get("closed_because").asText()).isEqualTo("disarmed");

        HttpResponse<String> bad = api.admin("POST", "/api/v1/pairing", "{\"digits\":3,\"colour\":\"red\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(ApiClient.json(bad).get("errors")).extracting(e -> e.get("key").asText()).containsExactly("digits", "colour");
    }

    @Test
    void clientsAreListedAndRevokedByFingerprint() throws Exception {
        var fp = SelfSignedCertificates.generate("phone").fingerprint();
        PairedClientStore.load(dir).add(fp, "phone");
        host.control().pairedClients().reload();

        JsonNode list = ApiClient.json(api.get("/api/v1/clients"));
        assertThat(list.get("clients")).hasSize(1);
        assertThat(list.at("/clients/0/id").asText()).isEqualTo(fp.hex());
        assertThat(list.at("/clients/0/protocol").asText()).isEqualTo("punktfunk/1");
        assertThat(list.at("/clients/0/name").asText()).isEqualTo("phone");

        assertThat(api.admin("DELETE", "/api/v1/clients/" + fp.hex().substring(0, 16), null).statusCode())
                .as("a prefix is not an id").isEqualTo(404);
        assertThat(api.admin("DELETE", "/api/v1/clients/" + fp.hex(), null).statusCode()).isEqualTo(204);
        assertThat(PairedClientStore.load(dir).list()).isEmpty();
        assertThat(ApiClient.json(api.get("/api/v1/clients")).get("clients")).isEmpty();
        assertThat(api.admin("DELETE", "/api/v1/clients/" + fp.hex(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void liveSettingsApplyAtOnceAndAreWrittenToTheFile() throws Exception {
        HttpResponse<String> r = api.admin("PATCH", "/api/v1/settings",
                "{\"control\":{\"max-sessions\":2,\"open\":true,\"port\":9999},\"stream\":{\"max-bitrate-kbps\":30000}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = ApiClient.json(r);
        assertThat(body.get("applied")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("control.open", "control.max-sessions", "stream.max-bitrate-kbps");
        assertThat(body.get("restart")).extracting(JsonNode::asText).containsExactly("control.port");
        assertThat(body.get("pending_restart")).extracting(JsonNode::asText).containsExactly("control.port");

        var config = host.control().currentConfig();
        assertThat(config.maxSessions()).isEqualTo(2);
        assertThat(config.open()).isTrue();
        assertThat(config.policy().maxBitrateKbps()).isEqualTo(30_000);
        assertThat(config.policy().clampBitrate(100_000)).isEqualTo(30_000);
        assertThat(host.controlAddress().getPort()).as("the socket stays until a restart").isNotEqualTo(9999);
        assertThat(HostConfigFile.read(dir)).containsEntry(HostSettings.MAX_SESSIONS, 2).containsEntry(HostSettings.PORT, 9999);

        JsonNode settings = ApiClient.json(api.get("/api/v1/settings"));
        assertThat(settings.at("/settings/control/max-sessions").asInt()).isEqualTo(2);
        JsonNode portEntry = null;
        for (JsonNode c : settings.get("catalog")) {
            if (c.get("key").asText().equals("control.port")) {
                portEntry = c;
            }
        }
        assertThat(portEntry).isNotNull();
        assertThat(portEntry.get("apply").asText()).isEqualTo("restart");
        assertThat(portEntry.get("overridden_by_flag").asBoolean()).isTrue();
    }

    @Test
    void badSettingsAreRefusedWithEveryKeyNamedAndNothingChanges() throws Exception {
        HttpResponse<String> r = api.admin("POST", "/api/v1/settings/validate",
                "{\"control\":{\"max-sessions\":0,\"bogus\":1},\"stream\":{\"audio\":\"loud\"}}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ApiClient.json(r).get("errors")).extracting(e -> e.get("key").asText())
                .containsExactly("control.max-sessions", "control.bogus", "stream.audio");
        assertThat(api.admin("PATCH", "/api/v1/settings", "{\"control\":{\"max-sessions\":0}}").statusCode()).isEqualTo(422);
        assertThat(host.settings().get(HostSettings.MAX_SESSIONS)).isEqualTo(4);
        assertThat(Files.exists(dir.resolve(HostConfigFile.FILE))).isFalse();

        HttpResponse<String> ok = api.admin("POST", "/api/v1/settings/validate", "{\"control\":{\"bind\":\"::1\"}}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(ok).get("restart")).extracting(JsonNode::asText).containsExactly("control.bind");
    }

    @Test
    void reloadReadsTheFileAndReportsItsProblemsByLine() throws Exception {
        Files.writeString(dir.resolve(HostConfigFile.FILE), "[pairing]\npin-digits = 9\n");
        HttpResponse<String> r = api.admin("POST", "/api/v1/settings/reload", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(host.settings().get(HostSettings.PIN_DIGITS)).isEqualTo(9);

        Files.writeString(dir.resolve(HostConfigFile.FILE), "[pairing]\npin-digits = 9\n\n[input]\nburst = -1\n");
        HttpResponse<String> bad = api.admin("POST", "/api/v1/settings/reload", null);
        assertThat(bad.statusCode()).isEqualTo(422);
        JsonNode e = ApiClient.json(bad).get("errors").get(0);
        assertThat(e.get("key").asText()).isEqualTo("input.burst");
        assertThat(e.get("line").asInt()).isEqualTo(5);
        assertThat(host.settings().get(HostSettings.PIN_DIGITS)).isEqualTo(9);
    }

    @Test
    void badRequestsGetProblemDocuments() throws Exception {
        HttpResponse<String> missing = api.get("/api/v1/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ApiClient.json(missing).get("detail").asText()).contains("/api/v1/openapi.json");

        HttpResponse<String> notJson = api.admin("PATCH", "/api/v1/settings", "{control:");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(notJson).get("title").asText()).isEqualTo("Bad Request");

        HttpResponse<String> array = api.admin("PATCH", "/api/v1/settings", "[1]");
        assertThat(array.statusCode()).isEqualTo(400);

        HttpResponse<String> id = api.get("/api/v1/sessions/abc");
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(id).get("detail").asText()).contains("'abc'");

        assertThat(api.admin("PUT", "/api/v1/settings", "{}").statusCode()).isEqualTo(405);
        assertThat(api.admin("POST", "/api/v1/sessions/42/stop", null).statusCode()).isEqualTo(404);

        var big = "{\"x\":\"" + "a".repeat(ManagementApi.MAX_BODY_BYTES) + "\"}";
        assertThat(api.admin("PATCH", "/api/v1/settings", big).statusCode()).isEqualTo(413);
        // the host serves on after all of that
        assertThat(api.get("/api/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreOpenMetricsText() throws Exception {
        HttpResponse<String> r = api.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(OpenMetricsText.CONTENT_TYPE);
        var samples = OpenMetricsParser.parse(r.body());
        assertThat(samples).anySatisfy(x -> {
            assertThat(x.name()).isEqualTo("punktfunk_sessions");
            assertThat(x.value()).isZero();
        });
        assertThat(samples).anySatisfy(x -> {
            assertThat(x.name()).isEqualTo("punktfunk_paired_clients");
            assertThat(x.labels()).containsEntry("protocol", "punktfunk/1");
        });
        assertThat(samples).noneMatch(x -> x.name().startsWith("punktfunk_session_"));
    }
}
