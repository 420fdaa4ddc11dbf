package io.punktfunk.host.gamestream;

import io.punktfunk.host.gamestream.http.NvHttpServer;
import io.punktfunk.host.gamestream.http.PairedMoonlightClients;
import io.punktfunk.host.gamestream.http.PinEntry;
import io.punktfunk.host.gamestream.http.ServerCertificate;
import io.punktfunk.host.gamestream.rtsp.RtspServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.punktfunk.host.daemon.Host;
import io.punktfunk.host.discovery.DnsSdAdvertiser;
import io.punktfunk.host.discovery.ServiceAdvert;
import io.punktfunk.host.settings.HostSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The GameStream front door: nvhttp (HTTP + HTTPS), RTSP and the launch/session state machine,
 * with the UDP parts behind a {@link StreamLauncher}. Runs in the same process as the punktfunk/1
 * host and shares its session limit through {@link SessionSlots}.
 */
public final class GameStreamHost implements AutoCloseable {
    /** Printed when GameStream is switched on. */
    public static final String WARNING = "GameStream is on: its pairing (4-digit PIN over plain HTTP) and crypto are weaker "
            + "than punktfunk/1's; use it on trusted LANs only.";

    /** The UDP ports Moonlight expects (announced in RTSP SETUP, so others work too). */
    public static final int DEFAULT_VIDEO_PORT = 47998;
    public static final int DEFAULT_CONTROL_PORT = 47999;
    public static final int DEFAULT_AUDIO_PORT = 48000;

    /** The DNS-SD type Moonlight browses for; the port is nvhttp's HTTP port. */
    public static final String NVSTREAM_TYPE = "_nvstream._tcp.local.";

    private final Vertx vertx;
    private final ServerCertificate certificate;
    private final PairedMoonlightClients clients;
    private final PinEntry pins = new PinEntry();
    private final GameStreamSessions sessions;
    private final NvHttpServer nvhttp;
    private final RtspServer rtsp;
    private final StreamLauncher launcher;

    private GameStreamHost(GameStreamSettings settings, SessionSlots slots, StreamLauncher launcher, Consumer<String> notices)
            throws Exception {
        this.launcher = launcher;
        this.certificate = ServerCertificate.loadOrCreate(settings.configDir());
        this.clients = PairedMoonlightClients.open(settings.configDir());
        this.sessions = new GameStreamSessions(AppList.load(settings.configDir()), slots, launcher, settings.setupTimeout(), notices);
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2).setInternalBlockingPoolSize(2));
        NvHttpServer http = null;
        RtspServer rtspServer = null;
        try {
            http = new NvHttpServer(vertx, settings, certificate, clients, pins, sessions, notices);
            rtspServer = new RtspServer(settings.bind(), settings.rtspPort(), sessions, settings.fecPercent());
            http.rtspPort(rtspServer.port());
        } catch (Exception e) {
            if (http != null) {
                http.close();
            }
            sessions.close();
            vertx.close();
            throw e;
        }
        this.nvhttp = http;
        this.rtsp = rtspServer;
    }

    /**
     * Starts listening. {@code launcher} owns the UDP sockets and is closed with this host;
     * {@code notices} gets one-line messages for the operator (a client waits for its PIN, a session
     * started or ended).
     */
    public static GameStreamHost start(GameStreamSettings settings, SessionSlots slots, StreamLauncher launcher,
                                       Consumer<String> notices) throws IOException {
        try {
            return new GameStreamHost(settings, slots, launcher, notices);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("GameStream could not start: " + e.getMessage(), e);
        }
    }

    /**
     * GameStream beside the punktfunk/1 host daemon {@code host}, on the well-known ports: the same
     * sources, encoders and input backends; launches refused once punktfunk/1's sessions plus
     * GameStream's reach the host's session limit; the paired Moonlight clients listed and revocable
     * with the daemon's; PINs enterable and the ceremony's events published through it; advertised as
     * {@code _nvstream._tcp} when the daemon advertises itself.
     */
    public static GameStreamHost startBeside(Host host, Consumer<String> notices) throws IOException {
        String bind = host.settings().get(HostSettings.BIND);
        StreamLauncher launcher = new MediaStreamLauncher(InetAddress.getByName(bind), DEFAULT_VIDEO_PORT, DEFAULT_CONTROL_PORT,
                DEFAULT_AUDIO_PORT, host.streaming().settings(), host.input());
        return startBeside(host, GameStreamSettings.defaults(host.configDir()).withBind(bind), launcher, notices);
    }

    /** {@link #startBeside(Host, Consumer)} with explicit settings and launcher (tests: ephemeral ports). */
    static GameStreamHost startBeside(Host host, GameStreamSettings settings, StreamLauncher launcher, Consumer<String> notices)
            throws IOException {
        GameStreamHost gs = start(settings, SessionSlots.sharedWith(host.control()::reservedSessions,
                host.settings().get(HostSettings.MAX_SESSIONS)), launcher, notices);
        host.addPairedClients(new GameStreamPairedClients(gs.clients));
        gs.pins.listener(new GameStreamPairingEvents(host.events()));
        host.gameStreamPins(gs.pins);
        host.control().countOtherSessions(gs.sessions::held);
        DnsSdAdvertiser advertiser = host.advertiser();
        if (advertiser != null) {
            advertiser.advertise(new ServiceAdvert(NVSTREAM_TYPE, settings.hostName(), gs.httpPort(), Map.of()));
            notices.accept("discovery: advertising \"" + settings.hostName() + "\" as " + NVSTREAM_TYPE);
        }
        return gs;
    }

    /** One line for the operator: where GameStream listens and how many Moonlight clients are paired. */
    public String describe() {
        return "gamestream: nvhttp on tcp " + httpPort() + " (http) and " + httpsPort() + " (https), rtsp on tcp " + rtspPort()
                + "; " + clients.list().size() + " paired Moonlight client(s); PINs go in with: punktfunk host gamestream-pin NNNN";
    }

    public int httpPort() {
        return nvhttp.httpPort();
    }

    public int httpsPort() {
        return nvhttp.httpsPort();
    }

    public int rtspPort() {
        return rtsp.port();
    }

    /** Where the operator's PIN goes (the CLI's file request reaches it too). */
    public PinEntry pins() {
        return pins;
    }

    public PairedMoonlightClients pairedClients() {
        return clients;
    }

    public GameStreamSessions sessions() {
        return sessions;
    }

    public ServerCertificate certificate() {
        return certificate;
    }

    /** nvhttp counters (requests, malformed, unauthorized, pairing failures). */
    public NvHttpServer nvhttp() {
        return nvhttp;
    }

    /** RTSP counters. */
    public RtspServer rtsp() {
        return rtsp;
    }

    /** Ends the session, stops the app, closes every socket. */
    @Override
    public void close() {
        sessions.close();
        rtsp.close();
        nvhttp.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            // closing anyway
        }
        launcher.close();
    }
}
