package io.punktfunk.cli.control;

import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.pairing.PairingRequests;
import io.punktfunk.control.quic.AdmissionLimits;
import io.punktfunk.control.pairing.PairedClientStore.PairedClient;
import io.punktfunk.control.quic.ControlHost;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.control.quic.QuicSettings;
import io.punktfunk.control.session.SessionParameters;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.host.display.DesktopSettings;
import io.punktfunk.host.display.JoinPolicy;
import io.punktfunk.host.display.VirtualDesktops;
import io.punktfunk.host.display.XvfbBackend;
import io.punktfunk.host.input.HostInput;
import io.punktfunk.host.input.InputBackend;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.host.stream.DataPlaneWarmup;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.SourceKind;
import io.punktfunk.host.stream.StreamingHost;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code punktfunk host}: serves the punktfunk/1 control plane (QUIC, ALPN pkf1), shows a pairing PIN
 * and admits paired clients; every session it starts streams video and audio ({@link StreamingHost}).
 */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "Run a punktfunk/1 host: pairing, handshake, and a video + audio stream for each client.",
        subcommands = {HostCommand.Clients.class, HostCommand.Unpair.class, HostCommand.PairArm.class})
public final class HostCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(HostCommand.class);

    @Mixin
    ConfigDirOption configDir;

    @Option(names = "--bind", paramLabel = "ADDR", description = "address to listen on (default: all, ${DEFAULT-VALUE})",
            defaultValue = "0.0.0.0")
    String bind;

    @Option(names = "--port", description = "control-plane UDP port (default: ${DEFAULT-VALUE})", defaultValue = "9777")
    int port;

    @Option(names = "--data-port", description = "data-plane UDP port announced in Welcome (default: control port + 1)")
    Integer dataPort;

    @Option(names = "--pair", description = "open a pairing window at start: show a PIN, accept one pairing, then close")
    boolean pair;

    @Option(names = "--pair-ttl", paramLabel = "DURATION", converter = Durations.class,
            description = "how long the pairing window stays open (default: ${DEFAULT-VALUE})", defaultValue = "120s")
    Duration pairTtl;

    @Option(names = "--pin", description = "use this pairing PIN (4+ digits, single use) instead of a random one; implies --pair")
    String pin;

    @Option(names = "--pin-digits", description = "digits of a random PIN (default: ${DEFAULT-VALUE})", defaultValue = "6")
    int pinDigits;

    /** Kept so older command lines still parse: pairing is off unless asked for now. */
    @Option(names = "--no-pairing", hidden = true)
    boolean noPairing;

    @Option(names = "--max-mode", paramLabel = "WxH@HZ",
            description = "largest mode a client may ask for (default: ${DEFAULT-VALUE})", defaultValue = "3840x2160@240")
    String maxMode;

    @Option(names = "--max-connections", description = "QUIC connections held at once, sessions included (default: ${DEFAULT-VALUE})",
            defaultValue = "256")
    int maxConnections;

    @Option(names = "--max-connections-per-source",
            description = "connections from one address (IPv6: one /64) (default: ${DEFAULT-VALUE})", defaultValue = "32")
    int maxConnectionsPerSource;

    @Option(names = "--max-handshaking", description = "connections not yet past Hello, host-wide (default: ${DEFAULT-VALUE})",
            defaultValue = "64")
    int maxHandshaking;

    @Option(names = "--max-handshaking-per-source", description = "the same, per source (default: ${DEFAULT-VALUE})",
            defaultValue = "8")
    int maxHandshakingPerSource;

    @Option(names = "--hello-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "a new connection must send Hello or PairRequest within this (default: ${DEFAULT-VALUE})",
            defaultValue = "5s")
    Duration helloTimeout;

    @Option(names = "--open", description = "admit unpaired clients (trusted networks and tests only)")
    boolean open;

    @Option(names = "--max-sessions", description = "concurrent sessions (default: ${DEFAULT-VALUE})", defaultValue = "4")
    int maxSessions;

    @Option(names = "--idle-timeout-ms", description = "a silent client is dropped after this (default: ${DEFAULT-VALUE})",
            defaultValue = "8000")
    long idleTimeoutMs;

    @Option(names = "--codecs", description = "video codecs the host offers (default: ${DEFAULT-VALUE})", defaultValue = "h264,hevc")
    String codecs;

    @Option(names = "--seconds", description = "stop after this many seconds (default: run until interrupted)")
    Long seconds;

    @Option(names = "--source",
            description = "video source: synthetic, x11, file or virtual (a desktop per client at its mode; "
                    + "default: $PUNKTFUNK_VIDEO_SOURCE or synthetic)")
    String source;

    @Option(names = "--desktop-wm", paramLabel = "CMD",
            description = "window manager of each virtual desktop (default: openbox when installed; '' for none)")
    String desktopWm;

    @Option(names = "--desktop-app", paramLabel = "CMD",
            description = "app with arguments run on each virtual desktop (default: xterm when installed; '' for none)")
    String desktopApp;

    @Option(names = "--desktop-session", paramLabel = "SCRIPT",
            description = "a session script that starts each virtual desktop itself (replaces --desktop-wm and --desktop-app)")
    String desktopSession;

    @Option(names = "--desktop-join", paramLabel = "POLICY",
            description = "while a virtual desktop runs, later clients get: separate (their own), view or shared "
                    + "(the oldest one, watching or with input) (default: ${DEFAULT-VALUE})", defaultValue = "separate")
    String desktopJoin;

    @Option(names = "--desktop-ready-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "a virtual desktop must answer within this (default: ${DEFAULT-VALUE})", defaultValue = "15s")
    Duration desktopReadyTimeout;

    @Option(names = "--display", description = "X display for --source x11 (default: $DISPLAY)")
    String display;

    @Option(names = "--file", description = "video file for --source file (loops)")
    Path file;

    @Option(names = "--audio", description = "audio: tone, pulse or none (default: ${DEFAULT-VALUE})",
            defaultValue = "tone")
    String audio;

    @Option(names = "--audio-device", description = "PulseAudio source for --audio pulse (e.g. SINK.monitor)")
    String audioDevice;

    @Option(names = "--input", paramLabel = "BACKEND",
            description = "inject the owning client's input with auto, xtest, uinput or none (default: ${DEFAULT-VALUE})",
            defaultValue = "auto")
    String input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (pin != null && (pin.length() < 4 || !pin.chars().allMatch(Character::isDigit))) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--pin must be 4 or more digits");
        }
        SourceKind sourceKind = SourceKind.resolve(source);
        VirtualDesktops desktops = sourceKind == SourceKind.VIRTUAL ? virtualDesktops() : null;
        HostInput hostInput;
        try {
            // virtual desktops inject into their own displays: no input into the host's own desktop
            hostInput = desktops != null ? HostInput.none()
                    : HostInput.open(InputBackend.parse(input), display, HostInput.Limits.defaults());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--input " + input + ": " + e.getMessage());
        }
        HostStreamSettings streamSettings = HostStreamSettings.defaults()
                .withSource(sourceKind, display, file)
                .withAudio(AudioKind.parse(audio), audioDevice);
        Path dir = configDir.resolve();
        Identity identity = Identity.loadOrCreate(dir, Identity.HOST_FILES, "punktfunk");
        PairedClientStore store = PairedClientStore.load(dir);
        int data = dataPort != null ? dataPort : port + 1;
        Mode ceiling;
        try {
            ceiling = Mode.parse(maxMode);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-mode: " + e.getMessage());
        }
        HandshakePolicy policy = new HandshakePolicy(data, VideoCodecs.parseMask(codecs), ceiling.width(), ceiling.height(),
                ceiling.refreshHz(), 20_000, FecConfig.defaults());
        AdmissionLimits admission = AdmissionLimits.defaults()
                .withCaps(maxHandshaking, maxHandshakingPerSource, maxConnections, maxConnectionsPerSource)
                .withHelloTimeout(helloTimeout);
        StreamingHost streaming = new StreamingHost(streamSettings, new LoggingListener(), hostInput, desktops);
        ControlHost.Config config = ControlHost.Config.defaults(new InetSocketAddress(InetAddress.getByName(bind), port), identity,
                        store, data, streaming)
                .withOpen(open).withPolicy(policy).withMaxSessions(maxSessions).withAdmission(admission).withConfigDir(dir)
                .withSettings(QuicSettings.withIdleTimeout(Duration.ofMillis(idleTimeoutMs)));
        // JIT the FEC kernels before the first client, not during its first second
        DataPlaneWarmup.run(policy.fec(), HandshakePolicy.SHARD_PAYLOAD_V4);
        ControlHost host = ControlHost.start(config);
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            host.close();
            streaming.close();
            stop.countDown();
        }, "punktfunk-host-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        out.printf("punktfunk host listening on udp %s (ALPN pkf1), data plane port %d%n", host.localAddress(), data);
        out.printf("host fingerprint %s%n", host.fingerprint().hex());
        if (desktops != null) {
            out.printf("source: virtual, a desktop per client (Xvfb%s%s), input: xtest into each client's own desktop%n",
                    desktopSession != null ? ", session " + desktopSession : wmOrNone(), appOrNone());
        } else {
            out.printf("input: %s (the first session to start owns the desktop)%n", hostInput.backend());
        }
        out.printf("%d paired client(s)%s%n", store.list().size(), open ? "; --open: unpaired clients admitted too" : "");
        host.onNotice(n -> {
            out.println(n);
            out.flush();
        });
        // pairing is an explicit act: a window only when asked, closed after one pairing or its TTL, never re-armed
        if (pin != null) {
            host.armPairing(pin, pairTtl, "--pin");
        } else if (pair) {
            host.armPairing(pinDigits, pairTtl, "--pair");
        } else {
            out.println("pairing is closed; open a window with: punktfunk host pair-arm");
        }
        out.flush();
        try {
            if (seconds != null) {
                stop.await(seconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to stop: shut down cleanly below
        } finally {
            host.close();
            streaming.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        return 0;
    }

    /** The desktops of {@code --source virtual}, or a parameter error that says what is missing. */
    private VirtualDesktops virtualDesktops() {
        if (!XvfbBackend.installed()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--source virtual needs Xvfb: "
                    + "apt-get install xvfb (or mirror an existing display with --source x11)");
        }
        DesktopSettings settings;
        try {
            settings = DesktopSettings.of(wmOrDefault(), appOrDefault()).withSession(blankToNull(desktopSession))
                    .withJoin(JoinPolicy.parse(desktopJoin)).withReadyTimeout(desktopReadyTimeout);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return new VirtualDesktops(XvfbBackend.defaults(), settings);
    }

    private String wmOrDefault() {
        return desktopWm != null ? blankToNull(desktopWm) : DesktopSettings.defaultWindowManager();
    }

    private String appOrDefault() {
        return desktopApp != null ? blankToNull(desktopApp) : DesktopSettings.defaultApp();
    }

    private String wmOrNone() {
        String wm = wmOrDefault();
        return ", window manager " + (wm != null ? wm : "none");
    }

    private String appOrNone() {
        if (desktopSession != null) {
            return "";
        }
        String app = appOrDefault();
        return ", app " + (app != null ? app : "none");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Logs what clients ask for; the streaming itself is {@link StreamingHost}'s. */
    private static final class LoggingListener implements HostControlSessionListener {
        @Override
        public void onSessionStarted(HostControlSession s) {
            SessionParameters p = s.parameters();
            LOG.info("{}: {} {} at {} kbps, FEC {}% K={}, shard {} B, client data port {}", s, p.mode(),
                    VideoCodecs.name(p.codec()), p.bitrateKbps(), p.fec().fecPercent(), p.fec().maxDataPerBlock(), p.shardPayload(),
                    p.clientDataPort());
        }

        @Override
        public void onSessionEnded(HostControlSession s, int code, String reason) {
            LOG.info("{} ended: {} ({})", s, CloseCode.describe(code), reason);
        }

        @Override
        public void onKeyframeRequest(HostControlSession s) {
            LOG.info("{}: keyframe requested", s);
        }

        @Override
        public void onInvalidateRefs(HostControlSession s, int first, int last) {
            LOG.info("{}: frames {}..{} invalidated", s, first, last);
        }

        @Override
        public void onFecChanged(HostControlSession s, int percent) {
            LOG.info("{}: FEC now {}%", s, percent);
        }

        @Override
        public void onBitrateChanged(HostControlSession s, int kbps) {
            LOG.info("{}: bitrate now {} kbps", s, kbps);
        }

        @Override
        public void onClientPaired(PairedClient c) {
            LOG.info("paired {} ({})", c.name(), c.fingerprint().hex());
        }
    }

    /**
     * {@code punktfunk host pair-arm}: opens a pairing window on the host running with this config dir,
     * through a request file it watches, and prints the PIN it armed.
     */
    @Command(name = "pair-arm", mixinStandardHelpOptions = true,
            description = "Open a pairing window on the running host (same config dir) and print its PIN.")
    static final class PairArm implements Callable<Integer> {
        @Mixin
        ConfigDirOption configDir;

        @Option(names = "--ttl", paramLabel = "DURATION", converter = Durations.class,
                description = "how long the window stays open (default: ${DEFAULT-VALUE})", defaultValue = "120s")
        Duration ttl;

        @Option(names = "--pin-digits", description = "digits of the PIN (default: ${DEFAULT-VALUE})", defaultValue = "6")
        int digits;

        @Option(names = "--wait", paramLabel = "DURATION", converter = Durations.class,
                description = "how long to wait for the host to answer (default: ${DEFAULT-VALUE})", defaultValue = "5s")
        Duration wait;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (digits < 4 || digits > 12) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--pin-digits must be 4..12");
            }
            Path dir = configDir.resolve();
            PrintWriter out = spec.commandLine().getOut();
            var request = PairingRequests.write(dir, ttl, digits);
            var answer = PairingRequests.await(dir, request, wait);
            if (answer.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("punktfunk: no running host picked up the request within " + wait.toSeconds()
                        + " s (is `punktfunk host` running with config dir " + dir + "?)");
                err.flush();
                return ExitCodes.CONNECT;
            }
            out.printf("pairing PIN %s (single use, valid %d s)%n", answer.get().pin(), ttl.toSeconds());
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code punktfunk host clients}: lists paired clients. */
    @Command(name = "clients", mixinStandardHelpOptions = true, description = "List the clients paired with this host.")
    static final class Clients implements Callable<Integer> {
        @Mixin
        ConfigDirOption configDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            var clients = PairedClientStore.load(configDir.resolve()).list();
            if (clients.isEmpty()) {
                out.println("no paired clients");
            }
            for (PairedClient c : clients) {
                out.printf("%s  %-24s  paired %s%n", c.fingerprint().hex(), c.name(), c.pairedAt());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code punktfunk host unpair FP}: removes a paired client by fingerprint prefix. */
    @Command(name = "unpair", mixinStandardHelpOptions = true,
            description = "Remove a paired client (give 8 or more hex digits of its fingerprint); a running host ends its sessions at once.")
    static final class Unpair implements Callable<Integer> {
        @Mixin
        ConfigDirOption configDir;

        @picocli.CommandLine.Parameters(paramLabel = "FINGERPRINT")
        String fingerprint;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var removed = PairedClientStore.load(configDir.resolve()).remove(fingerprint);
            PrintWriter out = spec.commandLine().getOut();
            if (removed.isEmpty()) {
                out.println("no paired client matches " + fingerprint);
                out.flush();
                return 1;
            }
            removed.forEach(c -> out.println("unpaired " + c.name() + " " + c.fingerprint().hex()));
            out.flush();
            return 0;
        }
    }
}
