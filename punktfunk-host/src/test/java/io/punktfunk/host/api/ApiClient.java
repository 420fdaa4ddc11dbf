package io.punktfunk.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.punktfunk.host.daemon.Host;
import io.punktfunk.host.daemon.PairingAtStart;
import io.punktfunk.host.settings.HostSettings;
import io.punktfunk.host.settings.Setting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A JDK HttpClient that trusts exactly one host's identity certificate (as curl --cacert does), with
 * helpers for the management API; and a host on loopback for the API tests (ports 0, no mDNS, no input).
 */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    public final Host host;
    public final HttpClient http;
    public final URI base;
    public final String token;

    public ApiClient(Host host) throws Exception {
        this.host = host;
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("host", host.identity().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        URI api = host.api().baseUri();
        this.base = URI.create(api.getScheme() + "://" + api.getAuthority());
        this.token = Files.readString(host.api().tokenFile()).strip();
    }

    /** A host for API tests: loopback, any ports, no discovery, no input, no audio. */
    static Host startHost(Path dir, Map<Setting<?>, Object> more) throws Exception {
        Map<Setting<?>, Object> o = new LinkedHashMap<>(Map.of(HostSettings.BIND, "127.0.0.1", HostSettings.PORT, 0,
                HostSettings.API_PORT, 0, HostSettings.MDNS, false, HostSettings.INPUT, "none", HostSettings.AUDIO, "none"));
        o.putAll(more);
        return Host.start(dir, o, PairingAtStart.none(), line -> { });
    }

    public HttpResponse<String> send(String method, String path, String body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    /** A request with the admin token. */
    public HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, token);
    }

    public static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }
}
