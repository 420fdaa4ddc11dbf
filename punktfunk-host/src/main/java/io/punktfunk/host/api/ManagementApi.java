package io.punktfunk.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.host.daemon.Host;
import io.punktfunk.host.daemon.PairedClients;
import io.punktfunk.host.daemon.SessionSnapshot;
import io.punktfunk.host.daemon.SettingsChange;
import io.punktfunk.host.gamestream.http.PinEntry;
import io.punktfunk.host.settings.HostConfigFile;
import io.punktfunk.host.settings.HostSettings;
import io.punktfunk.host.settings.Setting;
import io.punktfunk.host.settings.SettingsException;
import io.punktfunk.host.settings.SettingsProblem;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API (api/openapi.json, docs/management-api.md): HTTPS with the host's identity
 * certificate, on one Vert.x event loop of its own. Reading needs nothing (the API listens on
 * loopback unless configured otherwise); anything that changes the host needs the admin token
 * ({@link AdminToken}): none → 401, a wrong one → 403. Every error is {@code application/problem+json}.
 * Work that touches files (revoking a client, writing {@code host.toml}) runs on a worker thread.
 */
public final class ManagementApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);
    /** Prefix of every API route but {@code /metrics}. */
    public static final String BASE = "/api/v1";
    /** Largest request body: settings documents are a few hundred bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Host host;
    private final AdminToken token;
    private final Vertx vertx;
    private final Router router;
    private final EventStream events;
    private final HttpServer server;
    private final byte[] openApi;
    private final ConsoleFiles console;
    private final String bindHost;

    private ManagementApi(Host host, InetSocketAddress bind) throws IOException {
        this.host = host;
        this.token = AdminToken.loadOrCreate(host.configDir());
        this.openApi = loadOpenApi();
        this.console = ConsoleFiles.load();
        this.bindHost = bind.getAddress().getHostAddress();
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        try {
            this.events = new EventStream(vertx, host.events());
            this.router = buildRouter();
            HttpServerOptions options = new HttpServerOptions().setSsl(true)
                    .setKeyCertOptions(keyCert(host.identity()))
                    .setIdleTimeout(0)
                    .setCompressionSupported(false);
            this.server = vertx.createHttpServer(options).requestHandler(router)
                    .listen(bind.getPort(), bind.getAddress().getHostAddress())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IOException("cannot listen on " + bind.getAddress().getHostAddress() + ":" + bind.getPort() + ": "
                    + cause.getMessage(), cause);
        }
    }

    /** Starts the API for {@code host} on {@code bind} (port 0: any free one). */
    public static ManagementApi start(Host host, InetSocketAddress bind) throws IOException {
        return new ManagementApi(host, bind);
    }

    /** The bound address (the real port when 0 was asked). */
    public InetSocketAddress address() {
        return new InetSocketAddress(bindHost, server.actualPort());
    }

    /** {@code https://ADDR:PORT/api/v1}. */
    public URI baseUri() {
        InetSocketAddress a = address();
        String h = a.getHostString().contains(":") ? "[" + a.getHostString() + "]" : a.getHostString();
        return URI.create("https://" + h + ":" + a.getPort() + BASE);
    }

    public Path tokenFile() {
        return token.file();
    }

    /** Every route served, as {@code METHOD path} with OpenAPI-style {@code {param}}s (the coverage test reads it). */
    public List<String> routes() {
        List<String> out = new ArrayList<>();
        for (Route r : router.getRoutes()) {
            if (r.getPath() == null || r.methods() == null) {
                continue; // handlers for every route (body, auth)
            }
            String path = r.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
            r.methods().forEach(m -> out.add(m.name() + " " + path));
        }
        return out;
    }

    /** SSE streams open now. */
    public int eventReaders() {
        return events.readers();
    }

    /** Events not written to a stream because it had too many in flight. */
    public long eventsMissed() {
        return events.missed();
    }

    private Router buildRouter() {
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        r.route().handler(this::authorize);
        r.get(BASE + "/health").handler(ctx -> json(ctx, 200, JsonNodeFactory.instance.objectNode().put("status", "ok")));
        r.get(BASE + "/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(openApi)));
        r.get(BASE + "/host").handler(this::hostInfo);
        r.get(BASE + "/sessions").handler(this::listSessions);
        r.get(BASE + "/sessions/:id").handler(this::getSession);
        r.post(BASE + "/sessions/:id/stop").handler(this::stopSession);
        r.post(BASE + "/sessions/:id/keyframe").handler(this::keyframe);
        r.get(BASE + "/pairing").handler(this::pairingState);
        r.post(BASE + "/pairing").handler(this::armPairing);
        r.delete(BASE + "/pairing").handler(this::disarmPairing);
        r.get(BASE + "/gamestream/pin").handler(this::gameStreamPinState);
        r.post(BASE + "/gamestream/pin").handler(this::gameStreamPin);
        r.get(BASE + "/clients").handler(this::listClients);
        r.delete(BASE + "/clients/:id").blockingHandler(this::revokeClient, false);
        r.get(BASE + "/settings").handler(this::getSettings);
        r.patch(BASE + "/settings").blockingHandler(this::patchSettings, true);
        r.post(BASE + "/settings/validate").handler(this::validateSettings);
        r.post(BASE + "/settings/reload").blockingHandler(this::reloadSettings, true);
        r.get(BASE + "/events").handler(events::handle);
        r.get("/").handler(ctx -> ctx.response().setStatusCode(302).putHeader("Location", "/console/").end());
        r.get("/console/").handler(ctx -> console.serve(ctx, "index.html"));
        r.get("/console/:file").handler(ctx -> console.serve(ctx, ctx.pathParam("file")));
        r.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", OpenMetricsText.CONTENT_TYPE)
                .end(OpenMetricsText.render(host)));
        r.errorHandler(404, ctx -> Problem.send(ctx, 404, "Not Found", "no such resource: " + ctx.request().path()
                + " (the API is described at " + BASE + "/openapi.json)"));
        r.errorHandler(405, ctx -> Problem.send(ctx, 405, "Method Not Allowed", ctx.request().method() + " is not allowed on "
                + ctx.request().path()));
        r.errorHandler(413, ctx -> Problem.send(ctx, 413, "Content Too Large", "request bodies are limited to "
                + MAX_BODY_BYTES + " bytes"));
        r.errorHandler(500, ctx -> {
            LOG.warn("management API: {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            Problem.send(ctx, 500, "Internal Server Error", ctx.failure() == null ? "request failed" : ctx.failure().toString());
        });
        return r;
    }

    /** Writes need the admin token; reads do not. */
    private void authorize(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        // validating settings changes nothing, but it is part of editing them: same rule as PATCH
        String presented = bearer(ctx);
        if (presented == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"punktfunk\"");
            Problem.send(ctx, 401, "Unauthorized", "this request changes the host: send the admin token as "
                    + "'Authorization: Bearer TOKEN' (it is in " + token.file() + ")");
            return;
        }
        if (!token.matches(presented)) {
            Problem.send(ctx, 403, "Forbidden", "the admin token does not match");
            return;
        }
        ctx.next();
    }

    private static String bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).strip();
    }

    private boolean hasToken(RoutingContext ctx) {
        return token.matches(bearer(ctx));
    }

    private void hostInfo(RoutingContext ctx) {
        HostSettings s = host.settings();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", s.get(HostSettings.NAME).isBlank() ? hostName() : s.get(HostSettings.NAME));
        o.put("version", version());
        o.put("fingerprint", host.fingerprint().hex());
        o.put("control_port", host.controlAddress().getPort());
        o.put("protocols", JsonNodeFactory.instance.arrayNode().add("punktfunk/1"));
        ObjectNode caps = o.putObject("capabilities");
        ArrayNode codecs = caps.putArray("codecs");
        for (String c : s.get(HostSettings.CODECS).split(",")) {
            codecs.add(c.strip().toLowerCase(java.util.Locale.ROOT));
        }
        caps.put("max_mode", s.get(HostSettings.MAX_MODE));
        caps.put("max_bitrate_kbps", s.get(HostSettings.MAX_BITRATE_KBPS));
        caps.put("max_sessions", s.get(HostSettings.MAX_SESSIONS));
        caps.put("input", host.input().backend());
        caps.put("audio", s.get(HostSettings.AUDIO));
        caps.put("source", host.streaming().settings().source().name().toLowerCase(java.util.Locale.ROOT));
        caps.put("discovery", host.advertiser() != null);
        o.put("sessions", host.sessions().size());
        o.put("pairing_armed", host.pairingArmed());
        json(ctx, 200, o);
    }

    private void listSessions(RoutingContext ctx) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        host.sessions().forEach(s -> a.add(s.toJson()));
        json(ctx, 200, JsonNodeFactory.instance.objectNode().set("sessions", a));
    }

    private void getSession(RoutingContext ctx) {
        Long id = sessionId(ctx);
        if (id == null) {
            return;
        }
        for (SessionSnapshot s : host.sessions()) {
            if (s.id() == id) {
                json(ctx, 200, s.toJson());
                return;
            }
        }
        Problem.send(ctx, 404, "Not Found", "no session " + id + " is running");
    }

    private void stopSession(RoutingContext ctx) {
        Long id = sessionId(ctx);
        if (id == null) {
            return;
        }
        if (!host.stopSession(id, "stopped by the host's operator")) {
            Problem.send(ctx, 404, "Not Found", "no session " + id + " is running");
            return;
        }
        ctx.response().setStatusCode(204).end();
    }

    private void keyframe(RoutingContext ctx) {
        Long id = sessionId(ctx);
        if (id == null) {
            return;
        }
        if (!host.requestKeyframe(id)) {
            Problem.send(ctx, 404, "Not Found", "no session " + id + " is streaming");
            return;
        }
        ctx.response().setStatusCode(204).end();
    }

    private static Long sessionId(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            Problem.send(ctx, 400, "Bad Request", "a session id is a number, not '" + raw + "'");
            return null;
        }
    }

    private void pairingState(RoutingContext ctx) {
        json(ctx, 200, pairingJson(null));
    }

    private ObjectNode pairingJson(String pin) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("armed", host.pairingArmed());
        o.put("expires_in_ms", host.pairingExpiresInMs());
        String why = host.pairingClosedBecause();
        if (why != null) {
            o.put("closed_because", why);
        }
        if (pin != null) {
            o.put("pin", pin);
        }
        return o;
    }

    private void armPairing(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        Duration ttl = null;
        Integer digits = null;
        List<SettingsProblem> problems = new ArrayList<>();
        if (body.has("ttl")) {
            try {
                ttl = HostSettings.PAIR_TTL.fromJson(body.get("ttl"));
            } catch (IllegalArgumentException e) {
                problems.add(new SettingsProblem("ttl", 0, e.getMessage()));
            }
        }
        if (body.has("digits")) {
            try {
                digits = HostSettings.PIN_DIGITS.fromJson(body.get("digits"));
            } catch (IllegalArgumentException e) {
                problems.add(new SettingsProblem("digits", 0, e.getMessage()));
            }
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals("ttl") && !f.equals("digits")) {
                problems.add(new SettingsProblem(f, 0, "unknown field (ttl and digits are known)"));
            }
        });
        if (!problems.isEmpty()) {
            Problem.send(ctx, 422, "Unprocessable Content", "the pairing request has bad fields", problems);
            return;
        }
        String pin = host.armPairing(digits, ttl, "armed through the management API");
        json(ctx, 201, pairingJson(pin));
    }

    private void disarmPairing(RoutingContext ctx) {
        host.disarmPairing();
        ctx.response().setStatusCode(204).end();
    }

    private void gameStreamPinState(RoutingContext ctx) {
        PinEntry pins = host.gameStreamPins();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("enabled", pins != null);
        PinEntry.Waiting w = pins == null ? null : pins.waiting().orElse(null);
        o.put("waiting", w != null);
        if (w != null) {
            o.put("client", w.clientName());
            o.put("address", w.from() == null ? "" : w.from().getHostAddress());
            o.put("since", w.since().toString());
        }
        json(ctx, 200, o);
    }

    /** The PIN a waiting Moonlight client shows, typed in by the operator (what {@code host gamestream-pin} does). */
    private void gameStreamPin(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        List<SettingsProblem> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals("pin")) {
                problems.add(new SettingsProblem(f, 0, "unknown field (pin is known)"));
            }
        });
        JsonNode pin = body.get("pin");
        if (pin == null || !pin.isTextual() || !pin.asText().matches("[0-9]{4}")) {
            problems.add(new SettingsProblem("pin", 0, "the PIN Moonlight shows: a string of exactly 4 digits"));
        }
        if (!problems.isEmpty()) {
            Problem.send(ctx, 422, "Unprocessable Content", "the PIN request has bad fields", problems);
            return;
        }
        PinEntry pins = host.gameStreamPins();
        if (pins == null) {
            Problem.send(ctx, 409, "Conflict", "GameStream is off (gamestream.enabled, --gamestream)");
            return;
        }
        if (!pins.deliver(pin.asText())) {
            Problem.send(ctx, 409, "Conflict", "no Moonlight client is waiting for a PIN: start pairing in Moonlight first");
            return;
        }
        ctx.response().setStatusCode(204).end();
    }

    private void listClients(RoutingContext ctx) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (PairedClients r : host.pairedClients()) {
            for (PairedClients.Client c : r.list()) {
                a.addObject().put("protocol", c.protocol()).put("id", c.id()).put("name", c.name())
                        .put("paired_at", c.pairedAt().toString());
            }
        }
        json(ctx, 200, JsonNodeFactory.instance.objectNode().set("clients", a));
    }

    private void revokeClient(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        for (PairedClients r : host.pairedClients()) {
            if (r.list().stream().anyMatch(c -> c.id().equals(id)) && host.revoke(r.protocol(), id)) {
                ctx.response().setStatusCode(204).end();
                return;
            }
        }
        Problem.send(ctx, 404, "Not Found", "no paired client has the id " + id);
    }

    private void getSettings(RoutingContext ctx) {
        json(ctx, 200, settingsJson());
    }

    private ObjectNode settingsJson() {
        HostSettings s = host.settings();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("settings", s.toJson());
        ArrayNode catalog = o.putArray("catalog");
        for (Setting<?> setting : HostSettings.ALL) {
            ObjectNode c = catalog.addObject();
            c.put("key", setting.key());
            c.put("type", setting.kind().label());
            c.set("default", setting.toJson(setting.defaultValue()));
            c.put("apply", setting.apply().label());
            c.put("description", setting.description());
            if (setting.flag() != null) {
                c.put("flag", setting.flag());
            }
            c.put("overridden_by_flag", host.overrides().containsKey(setting));
        }
        ArrayNode pending = o.putArray("pending_restart");
        host.pendingRestart().forEach(p -> pending.add(p.key()));
        return o;
    }

    /** Parses a settings body; answers 422 (and returns null) with every problem. */
    private Map<Setting<?>, Object> settingsBody(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body == null) {
            return null;
        }
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        List<SettingsProblem> problems = new ArrayList<>();
        HostConfigFile.collect(body, key -> 0, values, problems);
        if (problems.isEmpty()) {
            problems.addAll(host.settings().with(values).crossCheck());
        }
        if (!problems.isEmpty()) {
            Problem.send(ctx, 422, "Unprocessable Content", problems.size() + " setting(s) cannot be used", problems);
            return null;
        }
        return values;
    }

    private void validateSettings(RoutingContext ctx) {
        Map<Setting<?>, Object> values = settingsBody(ctx);
        if (values != null) {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("valid", true);
            ArrayNode restart = o.putArray("restart");
            values.keySet().stream().filter(s -> s.apply() == io.punktfunk.host.settings.Apply.RESTART)
                    .forEach(s -> restart.add(s.key()));
            json(ctx, 200, o);
        }
    }

    private void patchSettings(RoutingContext ctx) {
        Map<Setting<?>, Object> values = settingsBody(ctx);
        if (values == null) {
            return;
        }
        try {
            changed(ctx, host.change(values, true));
        } catch (SettingsException e) {
            Problem.send(ctx, 422, "Unprocessable Content", e.getMessage(), e.problems());
        } catch (IOException e) {
            Problem.send(ctx, 500, "Internal Server Error", "cannot write " + HostConfigFile.FILE + ": " + e.getMessage());
        }
    }

    private void reloadSettings(RoutingContext ctx) {
        try {
            changed(ctx, host.reload());
        } catch (SettingsException e) {
            Problem.send(ctx, 422, "Unprocessable Content", e.getMessage(), e.problems());
        } catch (IOException e) {
            Problem.send(ctx, 500, "Internal Server Error", "cannot read " + HostConfigFile.FILE + ": " + e.getMessage());
        }
    }

    private void changed(RoutingContext ctx, SettingsChange change) {
        ObjectNode o = settingsJson();
        ArrayNode applied = o.putArray("applied");
        change.applied().forEach(s -> applied.add(s.key()));
        ArrayNode restart = o.putArray("restart");
        change.needRestart().forEach(s -> restart.add(s.key()));
        json(ctx, 200, o);
    }

    /** The JSON body (empty object when there is none); answers 400/415 and returns null when it is not JSON. */
    private static JsonNode body(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            Problem.send(ctx, 415, "Unsupported Media Type", "send the body as application/json, not " + type);
            return null;
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (!n.isObject()) {
                Problem.send(ctx, 400, "Bad Request", "the body must be a JSON object");
                return null;
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Problem.send(ctx, 400, "Bad Request", "the body is not valid JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "punktfunk";
        }
    }

    private static String version() {
        String v = ManagementApi.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    private static byte[] loadOpenApi() throws IOException {
        try (InputStream in = ManagementApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IOException("openapi.json is missing from the host's jar");
            }
            return in.readAllBytes();
        }
    }

    /** The identity's key and certificate as the TLS server's key manager. */
    private static KeyCertOptions keyCert(Identity id) throws Exception {
        char[] pass = new char[0];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("punktfunk", id.privateKey(), pass, new Certificate[] {id.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        return KeyCertOptions.wrap(kmf);
    }

    /** Stops listening, ends open event streams and the API's threads. */
    @Override
    public void close() {
        events.close();
        try {
            server.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing the API server: {}", e.toString());
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing Vert.x: {}", e.toString());
        }
    }
}
