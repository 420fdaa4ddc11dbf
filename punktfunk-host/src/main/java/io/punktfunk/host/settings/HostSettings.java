package io.punktfunk.host.settings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.host.display.JoinPolicy;
import io.punktfunk.host.input.InputBackend;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.host.stream.SourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of a host, and one immutable set of values for them. The catalog ({@link #ALL}) is
 * the single place a setting is declared: {@code host.toml}, the {@code host} flags, the management
 * API and the docs all follow it. Keys are {@code table.name}, the table being the part of the host
 * the setting belongs to.
 */
public final class HostSettings {
    // control plane (QUIC): sockets and caps are set up at start
    public static final Setting<String> BIND = Setting.text("control.bind", "--bind", "0.0.0.0", Apply.RESTART,
            "address the control plane listens on; discovery advertises on the same interface", HostSettings::checkAddress);
    public static final Setting<Integer> PORT = Setting.integer("control.port", "--port", 9777, 0, 65535, Apply.RESTART,
            "control-plane UDP port (0: any free port)");
    public static final Setting<Integer> DATA_PORT = Setting.integer("control.data-port", "--data-port", 0, 0, 65535,
            Apply.RESTART, "data-plane port announced by a listener that binds none (0: control port + 1)");
    public static final Setting<Boolean> OPEN = Setting.bool("control.open", "--open", false, Apply.LIVE,
            "admit unpaired clients (trusted networks and tests only)");
    public static final Setting<Integer> MAX_SESSIONS = Setting.integer("control.max-sessions", "--max-sessions", 4, 1, 64,
            Apply.LIVE, "concurrent sessions; a lower value refuses new Hellos and leaves running sessions alone");
    public static final Setting<String> MAX_MODE = Setting.text("control.max-mode", "--max-mode",
            HandshakePolicy.DEFAULT_MAX_MODE.toString(), Apply.NEW_SESSIONS, "largest mode a client may ask for (WxH@HZ)",
            HostSettings::checkMode);
    public static final Setting<String> CODECS = Setting.text("control.codecs", "--codecs", "h264,hevc", Apply.NEW_SESSIONS,
            "video codecs the host offers (h264, hevc, av1)", HostSettings::checkCodecs);
    public static final Setting<Integer> IDLE_TIMEOUT_MS = Setting.integer("control.idle-timeout-ms", "--idle-timeout-ms",
            8000, 1000, 600_000, Apply.RESTART, "a silent client is dropped after this many milliseconds");
    public static final Setting<Integer> MAX_CONNECTIONS = Setting.integer("control.max-connections", "--max-connections",
            256, 1, 65_536, Apply.RESTART, "QUIC connections held at once, sessions included");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_SOURCE = Setting.integer("control.max-connections-per-source",
            "--max-connections-per-source", 32, 1, 65_536, Apply.RESTART, "connections from one address (IPv6: one /64)");
    public static final Setting<Integer> MAX_HANDSHAKING = Setting.integer("control.max-handshaking", "--max-handshaking",
            64, 1, 65_536, Apply.RESTART, "connections not yet past Hello, host-wide");
    public static final Setting<Integer> MAX_HANDSHAKING_PER_SOURCE = Setting.integer("control.max-handshaking-per-source",
            "--max-handshaking-per-source", 8, 1, 65_536, Apply.RESTART, "the same, per source");
    public static final Setting<Duration> HELLO_TIMEOUT = Setting.duration("control.hello-timeout", "--hello-timeout",
            Duration.ofSeconds(5), Duration.ofMinutes(1), Apply.RESTART,
            "a new connection must send Hello or PairRequest within this");

    // what each session streams
    public static final Setting<String> SOURCE = Setting.text("stream.source", "--source", "", Apply.NEW_SESSIONS,
            "video source: synthetic, x11, file or virtual (empty: $PUNKTFUNK_VIDEO_SOURCE or synthetic)",
            HostSettings::checkSource);
    public static final Setting<String> DISPLAY = Setting.text("stream.display", "--display", "", Apply.NEW_SESSIONS,
            "X display for the x11 source (empty: $DISPLAY)", v -> null);
    public static final Setting<String> FILE = Setting.text("stream.file", "--file", "", Apply.NEW_SESSIONS,
            "video file for the file source (loops)", v -> null);
    public static final Setting<String> AUDIO = Setting.text("stream.audio", "--audio", "tone", Apply.NEW_SESSIONS,
            "audio: tone, pulse or none", HostSettings::checkAudio);
    public static final Setting<String> AUDIO_DEVICE = Setting.text("stream.audio-device", "--audio-device", "",
            Apply.NEW_SESSIONS, "PulseAudio source for pulse audio (e.g. SINK.monitor; empty: the default)", v -> null);
    public static final Setting<Integer> MAX_BITRATE_KBPS = Setting.integer("stream.max-bitrate-kbps", "--max-bitrate-kbps",
            HandshakePolicy.MAX_BITRATE_KBPS, HandshakePolicy.MIN_BITRATE_KBPS, HandshakePolicy.MAX_BITRATE_KBPS, Apply.LIVE,
            "video bitrate ceiling; lowering it slows running sessions down at once");
    public static final Setting<Integer> DEFAULT_BITRATE_KBPS = Setting.integer("stream.default-bitrate-kbps", null, 20_000,
            HandshakePolicy.MIN_BITRATE_KBPS, HandshakePolicy.MAX_BITRATE_KBPS, Apply.NEW_SESSIONS,
            "bitrate of a session whose client asks for none (held under the ceiling)");
    public static final Setting<Integer> CAPACITY_MPX = Setting.integer("stream.capacity-mpx", "--capacity-mpx", 0, 0,
            1_000_000, Apply.LIVE, "pixel rate (megapixels per second, width × height × Hz) of all sessions together; "
                    + "a session past it is refused BUSY (0: 125 per core)");

    // a desktop per client (stream.source virtual, docs/virtual-displays.md); read when the host starts
    public static final Setting<String> DESKTOP_WM = Setting.text("desktop.window-manager", "--desktop-wm", "",
            Apply.RESTART, "window manager of each virtual desktop (empty: openbox when installed; none: no window manager)",
            v -> null);
    public static final Setting<String> DESKTOP_APP = Setting.text("desktop.app", "--desktop-app", "", Apply.RESTART,
            "app with arguments run on each virtual desktop (empty: xterm when installed; none: no app)", v -> null);
    public static final Setting<String> DESKTOP_SESSION = Setting.text("desktop.session", "--desktop-session", "",
            Apply.RESTART, "a script that starts each virtual desktop itself, instead of window manager and app", v -> null);
    public static final Setting<String> DESKTOP_JOIN = Setting.text("desktop.join", "--desktop-join", "separate",
            Apply.RESTART, "while a virtual desktop runs, later clients get: separate, view or shared",
            HostSettings::checkJoin);
    public static final Setting<Duration> DESKTOP_READY_TIMEOUT = Setting.duration("desktop.ready-timeout",
            "--desktop-ready-timeout", Duration.ofSeconds(15), Duration.ofMinutes(5), Apply.RESTART,
            "a virtual desktop must answer within this");

    // input injection
    public static final Setting<String> INPUT = Setting.text("input.backend", "--input", "auto", Apply.RESTART,
            "inject the owning client's input with auto, xtest, uinput or none", HostSettings::checkInput);
    public static final Setting<Integer> INPUT_RATE = Setting.integer("input.rate-per-second", null, 4000, 1, 1_000_000,
            Apply.LIVE, "input events per second the owning session may inject, sustained");
    public static final Setting<Integer> INPUT_BURST = Setting.integer("input.burst", null, 1000, 1, 1_000_000, Apply.LIVE,
            "input events allowed at once after a quiet spell");

    // pairing windows
    public static final Setting<Duration> PAIR_TTL = Setting.duration("pairing.ttl", "--pair-ttl", Duration.ofSeconds(120),
            Duration.ofHours(1), Apply.LIVE, "how long a pairing window stays open unless a client pairs first");
    public static final Setting<Integer> PIN_DIGITS = Setting.integer("pairing.pin-digits", "--pin-digits", 6, 4, 12,
            Apply.LIVE, "digits of a random pairing PIN");

    // management API (HTTPS)
    public static final Setting<Boolean> API_ENABLED = Setting.bool("api.enabled", "--api", true, Apply.RESTART,
            "serve the management API");
    public static final Setting<String> API_BIND = Setting.text("api.bind", "--api-bind", "127.0.0.1", Apply.RESTART,
            "address of the management API (loopback: only this machine)", HostSettings::checkAddress);
    public static final Setting<Integer> API_PORT = Setting.integer("api.port", "--api-port", 9790, 0, 65535, Apply.RESTART,
            "management API TCP port (0: any free port)");

    // discovery (mDNS / DNS-SD)
    public static final Setting<Boolean> MDNS = Setting.bool("discovery.mdns", "--mdns", true, Apply.RESTART,
            "advertise _punktfunk._udp on the LAN (on the control plane's interface)");
    public static final Setting<String> NAME = Setting.text("discovery.name", "--name", "", Apply.RESTART,
            "instance name clients see (empty: this machine's host name)", v -> v.length() > 63 ? "at most 63 characters" : null);

    // GameStream (Moonlight clients): a second front door beside punktfunk/1 (docs/gamestream.md)
    public static final Setting<Boolean> GAMESTREAM = Setting.bool("gamestream.enabled", "--gamestream", false, Apply.RESTART,
            "also serve Moonlight clients over GameStream (trusted LANs only: weak pairing and crypto)");

    /** Every setting, in file order. */
    public static final List<Setting<?>> ALL = List.of(BIND, PORT, DATA_PORT, OPEN, MAX_SESSIONS, MAX_MODE, CODECS,
            IDLE_TIMEOUT_MS, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_SOURCE, MAX_HANDSHAKING, MAX_HANDSHAKING_PER_SOURCE,
            HELLO_TIMEOUT, SOURCE, DISPLAY, FILE, AUDIO, AUDIO_DEVICE, MAX_BITRATE_KBPS, DEFAULT_BITRATE_KBPS,
            CAPACITY_MPX, DESKTOP_WM, DESKTOP_APP, DESKTOP_SESSION, DESKTOP_JOIN, DESKTOP_READY_TIMEOUT, INPUT,
            INPUT_RATE, INPUT_BURST, PAIR_TTL, PIN_DIGITS, API_ENABLED, API_BIND, API_PORT, MDNS, NAME, GAMESTREAM);

    private static final Map<String, Setting<?>> BY_KEY;

    static {
        Map<String, Setting<?>> m = new LinkedHashMap<>();
        ALL.forEach(s -> m.put(s.key(), s));
        BY_KEY = Collections.unmodifiableMap(m);
    }

    private final Map<Setting<?>, Object> values;

    private HostSettings(Map<Setting<?>, Object> values) {
        this.values = values;
    }

    /** Every setting at its default. */
    public static HostSettings defaults() {
        Map<Setting<?>, Object> m = new LinkedHashMap<>();
        ALL.forEach(s -> m.put(s, s.defaultValue()));
        return new HostSettings(Collections.unmodifiableMap(m));
    }

    /** The setting with this key ({@code control.port}), if there is one. */
    public static Optional<Setting<?>> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The setting overridden by this flag ({@code --port}), if there is one. */
    public static Optional<Setting<?>> byFlag(String flag) {
        return ALL.stream().filter(s -> flag.equals(s.flag())).findFirst();
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /** These settings with {@code changes} applied (values already checked by their setting). */
    public HostSettings with(Map<Setting<?>, Object> changes) {
        Map<Setting<?>, Object> m = new LinkedHashMap<>(values);
        m.putAll(changes);
        return new HostSettings(Collections.unmodifiableMap(m));
    }

    public <T> HostSettings with(Setting<T> setting, T value) {
        return with(Map.of(setting, value));
    }

    /** The settings whose values differ from {@code other}'s, in catalog order. */
    public List<Setting<?>> differencesFrom(HostSettings other) {
        List<Setting<?>> d = new ArrayList<>();
        for (Setting<?> s : ALL) {
            if (!values.get(s).equals(other.values.get(s))) {
                d.add(s);
            }
        }
        return d;
    }

    /** Problems between settings (each one alone was already checked). */
    public List<SettingsProblem> crossCheck() {
        List<SettingsProblem> p = new ArrayList<>();
        if ("file".equalsIgnoreCase(get(SOURCE).strip()) && get(FILE).isBlank()) {
            p.add(new SettingsProblem(FILE.key(), 0, "the file source needs a file"));
        }
        return p;
    }

    /** Nested JSON in the file's layout: {@code {"control": {"port": 9777, …}, …}}. */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Setting<?> s : ALL) {
            String[] parts = s.key().split("\\.", 2);
            ObjectNode table = root.has(parts[0]) ? (ObjectNode) root.get(parts[0]) : root.putObject(parts[0]);
            table.set(parts[1], s.toJson(values.get(s)));
        }
        return root;
    }

    /** The negotiated-mode ceiling. */
    public Mode maxMode() {
        return Mode.parse(get(MAX_MODE));
    }

    /** The data port a listener announces when it binds none: the setting, else control port + 1 (0 with port 0). */
    public int dataPort() {
        if (get(DATA_PORT) != 0) {
            return get(DATA_PORT);
        }
        return get(PORT) == 0 ? 0 : Math.min(get(PORT) + 1, 65535);
    }

    /** Null for an empty text setting (unset). */
    public String orNull(Setting<String> s) {
        String v = get(s);
        return v == null || v.isBlank() ? null : v;
    }

    private static String checkMode(String v) {
        try {
            Mode.parse(v);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String checkCodecs(String v) {
        try {
            return VideoCodecs.parseMask(v) == 0 ? "names no codec" : null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String checkSource(String v) {
        return v.isBlank() ? null : reason(() -> SourceKind.parse(v));
    }

    private static String checkJoin(String v) {
        return reason(() -> JoinPolicy.parse(v));
    }

    private static String checkAudio(String v) {
        return reason(() -> AudioKind.parse(v));
    }

    private static String checkInput(String v) {
        return reason(() -> InputBackend.parse(v));
    }

    private static String checkAddress(String v) {
        if (v.isBlank()) {
            return "needs an address";
        }
        // an IP literal only: resolving a name here could block, and a service binds addresses
        boolean literal = v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        return literal ? null : "must be an IP address such as 0.0.0.0 or 127.0.0.1, not '" + v + "'";
    }

    private static String reason(Runnable parse) {
        try {
            parse.run();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
