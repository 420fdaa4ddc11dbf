package io.punktfunk.host.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.punktfunk.host.daemon.Host;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * api/openapi.json against the running API: every served route is documented, every documented
 * operation is served and answers a request built from the document's examples with a documented
 * status and media type, the checked-in file is what the host serves, and writes declare the token.
 */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @TempDir
    static Path dir;
    static Host host;
    static ApiClient api;
    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        host = ApiClient.startHost(dir, Map.of());
        api = new ApiClient(host);
        try (InputStream in = ManagementApi.class.getResourceAsStream("openapi.json")) {
            doc = ApiClient.JSON.readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static Set<String> documented() {
        Set<String> ops = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = doc.get("paths").fields(); p.hasNext(); ) {
            var path = p.next();
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    ops.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return ops;
    }

    @Test
    void theDocumentIsOpenApi31AndTheCheckedInFileIsServed() throws Exception {
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        HttpResponse<String> served = api.get("/api/v1/openapi.json");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(ApiClient.JSON.readTree(served.body())).isEqualTo(doc);
        Path checkedIn = Path.of(System.getProperty("user.dir")).getParent().resolve("api/openapi.json");
        assertThat(ApiClient.JSON.readTree(Files.readString(checkedIn))).isEqualTo(doc);
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedOneIsServed() {
        Set<String> served = new TreeSet<>(host.api().routes());
        assertThat(served).as("served but not in api/openapi.json").isSubsetOf(documented());
        assertThat(documented()).as("documented but not served").isSubsetOf(served);
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = doc.get("paths").fields(); p.hasNext(); ) {
            var path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                var op = o.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                String uri = path.getKey();
                String query = "";
                for (JsonNode param : op.getValue().path("parameters")) {
                    String example = param.get("example").asText();
                    if (param.get("in").asText().equals("path")) {
                        uri = uri.replace("{" + param.get("name").asText() + "}", example);
                    } else if (param.get("in").asText().equals("query")) {
                        query = (query.isEmpty() ? "?" : query + "&") + param.get("name").asText() + "=" + example;
                    }
                }
                JsonNode body = op.getValue().at("/requestBody/content/application~1json/example");
                boolean secured = op.getValue().has("security");
                HttpRequest.Builder b = HttpRequest.newBuilder(api.base.resolve(uri + query)).timeout(Duration.ofSeconds(20))
                        .method(method, body.isMissingNode() ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString()));
                if (!body.isMissingNode()) {
                    b.header("Content-Type", "application/json");
                }
                if (secured) {
                    b.header("Authorization", "Bearer " + api.token);
                }
                String what = method + " " + path.getKey();
                boolean stream = op.getValue().at("/responses/200/content").has("text/event-stream");
                HttpResponse<?> r = stream
                        ? api.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream())
                        : api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (stream) {
                    ((InputStream) r.body()).close(); // headers are the answer; the stream never ends
                }
                JsonNode responses = op.getValue().get("responses");
                JsonNode documentedResponse = responses.get(String.valueOf(r.statusCode()));
                if (documentedResponse == null) {
                    failures.add(what + " answered " + r.statusCode() + ", documented " + iter(responses.fieldNames()));
                    continue;
                }
                String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
                JsonNode content = documentedResponse.get("content");
                if (content == null ? !type.isEmpty() && r.statusCode() != 204 : !content.has(type)) {
                    failures.add(what + " answered " + r.statusCode() + " as '" + type + "', documented "
                            + (content == null ? "no body" : iter(content.fieldNames())));
                }
                if (secured) {
                    int unauthorized = api.send(method, uri + query, body.isMissingNode() ? null : body.toString(), null)
                            .statusCode();
                    if (unauthorized != 401 || !responses.has("401")) {
                        failures.add(what + " without the token answered " + unauthorized + " (documented 401: "
                                + responses.has("401") + ")");
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static List<String> iter(Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
