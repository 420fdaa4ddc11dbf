package io.punktfunk.host.gamestream.http;

import io.punktfunk.host.gamestream.AppList;
import io.punktfunk.host.gamestream.GameStreamSessions;
import io.punktfunk.host.gamestream.GameStreamSettings;
import io.punktfunk.host.gamestream.LaunchRefusedException;
import io.punktfunk.host.gamestream.LaunchRequest;
import io.punktfunk.host.gamestream.LaunchSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nvhttp on Vert.x: HTTP (serverinfo, pair) and HTTPS (everything, client certificate required and
 * checked against the paired Moonlight clients). Every answer closes its connection, as Moonlight
 * expects one request per connection (reference §2.1). Blocking work (pairing, launching) runs on
 * virtual threads, never on the event loop.
 */
public final class NvHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NvHttpServer.class);
    /** {@code 7.1.431.-1}: Gen 7 with the encrypted control stream; the negative 4th field says "Sunshine-compatible". */
    public static final String APP_VERSION = "7.1.431.-1";
    public static final String GFE_VERSION = "3.23.0.74";

    private final GameStreamSettings settings;
    private final ServerCertificate cert;
    private final PairedMoonlightClients clients;
    private final NvPairing pairing;
    private final GameStreamSessions sessions;
    private final String uniqueId;
    private final int codecModeSupport;
    private final byte[] boxArt;
    private final HttpServer http;
    private final HttpServer https;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final AtomicLong connectionFailures = new AtomicLong();
    private volatile int rtspPort = GameStreamSettings.DEFAULT_RTSP_PORT;

    /** Binds both servers (ports 0 pick ephemeral ones). */
    public NvHttpServer(Vertx vertx, GameStreamSettings settings, ServerCertificate cert, PairedMoonlightClients clients,
                        PinEntry pins, GameStreamSessions sessions, Consumer<String> notices) throws Exception {
        this.settings = settings;
        this.cert = cert;
        this.clients = clients;
        this.sessions = sessions;
        this.pairing = new NvPairing(cert, clients, pins, settings.configDir(), settings.pinTimeout(), notices);
        this.uniqueId = hostUniqueId(cert);
        this.codecModeSupport = sessions.launcher().codecModeSupport();
        this.boxArt = BoxArt.png();
        HttpServerOptions plain = new HttpServerOptions().setHost(settings.bind()).setPort(settings.httpPort())
                .setIdleTimeout(30);
        HttpServerOptions tls = new HttpServerOptions().setHost(settings.bind()).setPort(settings.httpsPort()).setIdleTimeout(30)
                .setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(cert.keyManagerFactory()))
                .setClientAuth(ClientAuth.REQUEST).setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()));
        this.http = vertx.createHttpServer(plain).requestHandler(r -> handle(r, false)).invalidRequestHandler(this::invalid);
        this.https = vertx.createHttpServer(tls).requestHandler(r -> handle(r, true)).invalidRequestHandler(this::invalid)
                .exceptionHandler(e -> connectionFailures.incrementAndGet());
        http.exceptionHandler(e -> connectionFailures.incrementAndGet());
        try {
            await(http.listen());
            await(https.listen());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    public int httpPort() {
        return http.actualPort();
    }

    public int httpsPort() {
        return https.actualPort();
    }

    /** Requests answered. */
    public long requests() {
        return requests.get();
    }

    /** Requests that were not valid HTTP. */
    public long malformed() {
        return malformed.get();
    }

    /** HTTPS requests refused for an unknown or missing client certificate. */
    public long unauthorized() {
        return unauthorized.get();
    }

    /** Connections that failed below HTTP: TLS handshakes that did not complete, resets. */
    public long connectionFailures() {
        return connectionFailures.get();
    }

    /** Pairing ceremonies that failed (wrong PIN, out of order, timed out). */
    public long pairingFailures() {
        return pairing.failures.get();
    }

    private void invalid(HttpServerRequest r) {
        malformed.incrementAndGet();
        r.response().setStatusCode(400).putHeader("Connection", "close").end("malformed HTTP request\n");
    }

    private void handle(HttpServerRequest r, boolean tls) {
        requests.incrementAndGet();
        r.response().putHeader("Connection", "close");
        Map<String, String> args = new HashMap<>();
        try {
            r.params().forEach(e -> args.put(e.getKey(), e.getValue()));
        } catch (RuntimeException e) {
            malformed.incrementAndGet();
            reply(r, NvXml.error(400, "malformed query"));
            return;
        }
        String path = r.path();
        X509Certificate client = null;
        if (tls) {
            client = pairedClient(r);
            boolean pairingPhase = "/pair".equals(path) && !"pairchallenge".equals(args.get("phrase"));
            if (client == null && !pairingPhase) {
                unauthorized.incrementAndGet();
                reply(r, NvXml.error(401, "The client is not authorized. Certificate verification failed.").query(path));
                return;
            }
        }
        InetAddress from = address(r.remoteAddress().host());
        X509Certificate verified = client;
        switch (path) {
            case "/serverinfo" -> reply(r, serverInfo(r, tls, verified != null));
            case "/pair" -> Thread.ofVirtual().name("gamestream-pair").start(() -> reply(r, pairing.handle(args, from, tls, verified)));
            case "/applist" -> whenTls(r, tls, this::appList);
            case "/appasset" -> {
                if (tls) {
                    r.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(boxArt));
                } else {
                    reply(r, NvXml.error(404, "not found"));
                }
            }
            case "/launch", "/resume" -> {
                if (!tls) {
                    reply(r, NvXml.error(404, "not found"));
                    return;
                }
                boolean resume = path.equals("/resume");
                String local = r.localAddress().host();
                Thread.ofVirtual().name("gamestream-launch").start(() -> reply(r, launch(args, resume, verified, from, local)));
            }
            case "/cancel" -> {
                if (!tls) {
                    reply(r, NvXml.error(404, "not found"));
                    return;
                }
                Thread.ofVirtual().name("gamestream-cancel").start(() -> {
                    sessions.cancel("cancelled by the client (/cancel)");
                    reply(r, NvXml.ok().add("cancel", 1));
                });
            }
            default -> reply(r, NvXml.error(404, "not found"));
        }
    }

    private void whenTls(HttpServerRequest r, boolean tls, java.util.function.Supplier<NvXml> answer) {
        reply(r, tls ? answer.get() : NvXml.error(404, "not found"));
    }

    private NvXml serverInfo(HttpServerRequest r, boolean tls, boolean paired) {
        var app = sessions.runningApp();
        String local = r.localAddress().host();
        return NvXml.ok().add("hostname", settings.hostName()).add("appversion", APP_VERSION).add("GfeVersion", GFE_VERSION)
                .add("uniqueid", uniqueId).add("HttpsPort", httpsPort()).add("ExternalPort", httpPort())
                .add("MaxLumaPixelsHEVC", (codecModeSupport & 0x100) != 0 ? 1869449984 : 0)
                .add("mac", "00:00:00:00:00:00").add("LocalIP", local.contains(":") ? "127.0.0.1" : local)
                .add("ServerCodecModeSupport", codecModeSupport)
                .add("PairStatus", tls && paired ? 1 : 0)
                .add("currentgame", app.map(AppList.App::id).orElse(0))
                .add("state", app.isPresent() ? "SUNSHINE_SERVER_BUSY" : "SUNSHINE_SERVER_FREE");
    }

    private NvXml appList() {
        NvXml x = NvXml.ok();
        for (AppList.App a : sessions.apps().apps()) {
            x.raw("<App><IsHdrSupported>0</IsHdrSupported><AppTitle>" + NvXml.escape(a.title()) + "</AppTitle><ID>" + a.id()
                    + "</ID></App>");
        }
        return x;
    }

    private NvXml launch(Map<String, String> args, boolean resume, X509Certificate client, InetAddress from, String localHost) {
        try {
            LaunchRequest req = LaunchRequest.parse(args, !resume);
            boolean enc = settings.encryptedRtsp() && req.coreVersion() >= 1;
            String fp = PairedMoonlightClients.fingerprint(client);
            LaunchSession s = resume ? sessions.resume(req, fp, from, enc) : sessions.launch(req, fp, from, enc);
            String host = localHost.contains(":") ? "[" + localHost + "]" : localHost;
            String url = (s.rtspEncrypted() ? "rtspenc://" : "rtsp://") + host + ":" + rtspPort;
            return NvXml.ok().add("sessionUrl0", url).add(resume ? "resume" : "gamesession", 1);
        } catch (IllegalArgumentException e) {
            malformed.incrementAndGet();
            return NvXml.error(400, e.getMessage()).add(resume ? "resume" : "gamesession", 0);
        } catch (LaunchRefusedException e) {
            return NvXml.error(e.status(), e.getMessage()).add(resume ? "resume" : "gamesession", 0);
        }
    }

    /** The RTSP port /launch announces (known once the RTSP server is bound). */
    public void rtspPort(int port) {
        this.rtspPort = port;
    }

    private X509Certificate pairedClient(HttpServerRequest r) {
        try {
            List<Certificate> chain = r.connection().peerCertificates();
            if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate c && clients.isPaired(c)) {
                return c;
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate: not paired
        }
        return null;
    }

    private static void reply(HttpServerRequest r, NvXml x) {
        String body = x.toString();
        // Moonlight reads status_code from the XML; the HTTP status stays 200 like GFE's and Sunshine's
        r.response().putHeader("Content-Type", "application/xml").end(body);
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /** A stable id for Moonlight to recognise this host: from the GameStream certificate, so it survives restarts. */
    private static String hostUniqueId(ServerCertificate cert) {
        String fp = PairedMoonlightClients.fingerprint(cert.certificate());
        return fp.substring(0, 8) + "-" + fp.substring(8, 12) + "-" + fp.substring(12, 16) + "-" + fp.substring(16, 20) + "-"
                + fp.substring(20, 32);
    }

    @Override
    public void close() {
        try {
            await(http.close());
        } catch (Exception e) {
            LOG.debug("closing nvhttp", e);
        }
        try {
            await(https.close());
        } catch (Exception e) {
            LOG.debug("closing nvhttps", e);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    /**
     * Accepts any client certificate during the TLS handshake; whether it is paired is checked per
     * request, so an unknown certificate gets a readable 401 instead of a failed handshake
     * (reference §2.2).
     */
    private static final class AnyClientCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a server-side trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a server-side trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a server-side trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
