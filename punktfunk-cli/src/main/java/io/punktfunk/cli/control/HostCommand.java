package io.punktfunk.cli.control;

import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.pairing.PairingRequests;
import io.punktfunk.control.pairing.PairedClientStore.PairedClient;
import io.punktfunk.host.daemon.Host;
import io.punktfunk.host.daemon.PairingAtStart;
import io.punktfunk.host.settings.HostConfigFile;
import io.punktfunk.host.settings.HostSettings;
import io.punktfunk.host.settings.Setting;
import io.punktfunk.host.settings.SettingsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code punktfunk host}: runs the host daemon ({@link Host}). Every option that is a host setting
 * overrides {@code host.toml} in the config dir (docs/host-config.md); the defaults shown are the
 * built-in ones the file can change. {@code --pair}/{@code --pin} open a pairing window at start.
 */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "Run a punktfunk/1 host: pairing, handshake, a video + audio stream for each client, the "
                + "management API and discovery. Settings come from host.toml in the config dir; options override it.",
        subcommands = {HostCommand.Clients.class, HostCommand.Unpair.class, HostCommand.PairArm.class,
                GameStreamPinCommand.class, GameStreamClientsCommand.class})
public final class HostCommand implements Callable<Integer> {
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
            description = "how long a pairing window stays open (default: ${DEFAULT-VALUE})", defaultValue = "120s")
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

    @Option(names = "--capacity-mpx", paramLabel = "MPX",
            description = "pixel rate of all sessions together, megapixels per second (W × H × Hz); a session past it "
                    + "is refused BUSY (default: 0 = 125 per core; docs/fleet.md)", defaultValue = "0")
    int capacityMpx;

    @Option(names = "--idle-timeout-ms", description = "a silent client is dropped after this (default: ${DEFAULT-VALUE})",
            defaultValue = "8000")
    long idleTimeoutMs;

    @Option(names = "--codecs", description = "video codecs the host offers (default: ${DEFAULT-VALUE})", defaultValue = "h264,hevc")
    String codecs;

    @Option(names = "--max-bitrate-kbps", description = "video bitrate ceiling, changeable live (default: 2000000)")
    Integer maxBitrateKbps;

    @Option(names = "--seconds", description = "stop after this many seconds (default: run until interrupted)")
    Long seconds;

    @Option(names = "--source",
            description = "video source: synthetic, x11, file or virtual (a desktop per client at its mode; "
                    + "default: $PUNKTFUNK_VIDEO_SOURCE or synthetic)")
    String source;

    @Option(names = "--desktop-wm", paramLabel = "CMD",
            description = "window manager of each virtual desktop (default: openbox when installed; none for none)")
    String desktopWm;

    @Option(names = "--desktop-app", paramLabel = "CMD",
            description = "app with arguments run on each virtual desktop (default: xterm when installed; none for none)")
    String desktopApp;

    @Option(names = "--desktop-session", paramLabel = "SCRIPT",
            description = "a session script that starts each virtual desktop itself (replaces --desktop-wm and --desktop-app)")
    String desktopSession;

    @Option(names = "--desktop-join", paramLabel = "POLICY",
            description = "while a virtual desktop runs, later clients get: separate (their own), view or shared "
                    + "(the oldest one, watching or with input) (default: separate)")
    String desktopJoin;

    @Option(names = "--desktop-ready-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "a virtual desktop must answer within this (default: 15s)")
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

    @Option(names = "--api", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "serve the management API over HTTPS (default: on; --no-api turns it off)")
    boolean api;

    @Option(names = "--api-bind", paramLabel = "ADDR", description = "management API address (default: ${DEFAULT-VALUE}, this machine only)",
            defaultValue = "127.0.0.1")
    String apiBind;

    @Option(names = "--api-port", description = "management API TCP port, 0 for any (default: ${DEFAULT-VALUE})",
            defaultValue = "9790")
    int apiPort;

    @Option(names = "--mdns", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "advertise the host by mDNS on the --bind interface (default: on; --no-mdns turns it off)")
    boolean mdns;

    @Option(names = "--name", description = "name clients see in discovery (default: this machine's host name)")
    String name;

    @Option(names = "--gamestream", description = "also serve Moonlight clients over GameStream (trusted LANs only; docs/gamestream.md)")
    boolean gamestream;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (pin != null && (pin.length() < 4 || !pin.chars().allMatch(Character::isDigit))) {
            throw new ParameterException(spec.commandLine(), "--pin must be 4 or more digits");
        }
        Path dir = configDir.resolve();
        Host host;
        try {
            PairingAtStart pairing = pin != null ? PairingAtStart.withPin(pin) : pair ? PairingAtStart.randomPin()
                    : PairingAtStart.none();
            host = Host.start(dir, overrides(), pairing, line -> {
                out.println(line);
                out.flush();
            });
        } catch (SettingsException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("punktfunk: " + e.getMessage());
            err.println("punktfunk: fix " + dir.resolve(HostConfigFile.FILE) + " or override the setting with its option");
            err.flush();
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            host.close();
            stop.countDown();
        }, "punktfunk-host-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
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
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        return 0;
    }

    /** The options given on this command line that are host settings, each checked by its setting. */
    private Map<Setting<?>, Object> overrides() {
        Map<Setting<?>, Object> m = new LinkedHashMap<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            var setting = HostSettings.byFlag(o.longestName());
            if (setting.isEmpty()) {
                continue; // --pair, --pin, --seconds, --config-dir: actions, not settings
            }
            Object v = o.getValue();
            String text = v instanceof Duration d ? Setting.format(d) : String.valueOf(v);
            try {
                m.put(setting.get(), setting.get().parseText(text));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), o.longestName() + ": " + e.getMessage());
            }
        }
        return m;
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
