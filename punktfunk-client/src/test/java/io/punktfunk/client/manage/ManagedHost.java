package io.punktfunk.client.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.stream.ClientStreamOptions;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.quic.ControlClient;
import io.punktfunk.control.quic.ControlConnection;
import io.punktfunk.control.quic.QuicSettings;
import io.punktfunk.host.daemon.Host;
import io.punktfunk.host.daemon.PairingAtStart;
import io.punktfunk.host.settings.HostSettings;
import io.punktfunk.host.settings.Setting;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real host daemon ({@link Host}) on loopback with its management API, a punktfunk/1 client for
 * it, and an HTTPS client (JDK) that trusts the host's certificate, including a server-sent events reader.
 */
final class ManagedHost implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One server-sent event. */
    record Event(long id, String type, JsonNode data) {
    }

    final Host host;
    final ControlClient client;
    final Identity clientIdentity;
    final HttpClient http;
    final URI base;
    final String token;

    ManagedHost(Path dir, Map<Setting<?>, Object> more) throws Exception {
        clientIdentity = Identity.loadOrCreate(dir.resolve("client"), Identity.CLIENT_FILES, "test-client");
        Map<Setting<?>, Object> o = new LinkedHashMap<>(Map.of(HostSettings.BIND, "127.0.0.1", HostSettings.PORT, 0,
                HostSettings.API_PORT, 0, HostSettings.MDNS, false, HostSettings.INPUT, "none", HostSettings.AUDIO, "none",
                HostSettings.CODECS, "h264"));
        o.putAll(more);
        host = Host.start(dir.resolve("host"), o, PairingAtStart.none(), line -> { });
        client = new ControlClient(clientIdentity, QuicSettings.defaults());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("host", host.identity().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(ssl).build();
        URI api = host.api().baseUri();
        base = URI.create(api.getScheme() + "://" + api.getAuthority());
        token = Files.readString(host.api().tokenFile()).strip();
    }

    ClientStream connect(ClientStreamOptions options) throws Exception {
        ControlConnection conn = client.connect(host.controlAddress(), host.fingerprint()).get(15, TimeUnit.SECONDS);
        return ClientStream.start(conn, options, System.nanoTime(), 15_000);
    }

    HttpResponse<String> send(String method, String path, String body, boolean withToken) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (withToken) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null, false);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** An open event stream; events are parsed on a reader thread into a queue. */
    final class Events implements AutoCloseable {
        final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        private final HttpResponse<java.io.InputStream> response;
        private final Thread reader;

        Events(String query) throws Exception {
            response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/events" + query)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("events answered " + response.statusCode());
            }
            reader = Thread.ofPlatform().daemon().name("sse-reader").start(this::read);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                long id = 0;
                String type = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (type != null) {
                            queue.add(new Event(id, type, JSON.readTree(data.toString())));
                        }
                        type = null;
                        data.setLength(0);
                    } else if (line.startsWith("id: ")) {
                        id = Long.parseLong(line.substring(4));
                    } else if (line.startsWith("event: ")) {
                        type = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            } catch (Exception e) {
                // the stream closed: the test is over
            }
        }

        /** The next event of {@code type} that matches, skipping others; fails after {@code seconds}. */
        Event await(String type, Predicate<JsonNode> match, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                Event e = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("no " + type + " event within " + seconds + " s");
                }
                if (e.type().equals(type) && match.test(e.data())) {
                    return e;
                }
            }
        }

        @Override
        public void close() throws Exception {
            response.body().close();
            reader.join(2000);
        }
    }

    @Override
    public void close() {
        client.close();
        host.close();
    }
}
