package io.punktfunk.host.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.quic.AdmissionLimits;
import io.punktfunk.control.quic.ControlHost;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.control.quic.QuicSettings;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.host.api.ManagementApi;
import io.punktfunk.host.discovery.DnsSdAdvertiser;
import io.punktfunk.host.discovery.ServiceAdvert;
import io.punktfunk.host.gamestream.GameStreamHost;
import io.punktfunk.host.display.DesktopSettings;
import io.punktfunk.host.display.JoinPolicy;
import io.punktfunk.host.display.VirtualDesktops;
import io.punktfunk.host.display.XvfbBackend;
import io.punktfunk.host.input.HostInput;
import io.punktfunk.host.input.InputBackend;
import io.punktfunk.host.settings.Apply;
import io.punktfunk.host.settings.HostConfigFile;
import io.punktfunk.host.settings.HostSettings;
import io.punktfunk.host.settings.Setting;
import io.punktfunk.host.settings.SettingsException;
import io.punktfunk.host.settings.SettingsProblem;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.host.stream.DataPlaneWarmup;
import io.punktfunk.host.stream.HostCapacity;
import io.punktfunk.host.stream.HostStream;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.SourceKind;
import io.punktfunk.host.stream.StreamingHost;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The punktfunk host daemon as one object: identity, paired clients, pairing windows, settings, the
 * QUIC control plane with a stream per session, input injection, the management API, discovery and,
 * when enabled, GameStream's front door.
 *
 * <pre>
 *  start(configDir, flag overrides)                       stop()
 *   host.toml + flags ─► HostSettings ─► identity, stores ─► StreamingHost + ControlHost ─► API, mDNS
 *                           ▲
 *  reload() / change(…) ────┘  live settings apply at once (running sessions keep streaming),
 *                              new-session settings from the next Hello, the rest after a restart
 * </pre>
 *
 * Settings come from {@code host.toml} in the config dir, overridden by flags; {@link #reload} re-reads
 * the file (flags still win) and {@link #change} applies and writes changes made through the API.
 * Operator notices (listening address, PINs, windows closing) go to the notice sink; events go to
 * {@link #events()}. Thread-safe.
 */
public final class Host implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Host.class);
    /** Figures are sampled (and session.stats published) this often. */
    static final long SAMPLE_NS = 1_000_000_000L;

    private final Path configDir;
    private final Map<Setting<?>, Object> overrides;
    private final Consumer<String> notices;
    private final HostSettings startedWith;
    private volatile HostSettings settings;
    private final Identity identity;
    private final PairedClientStore store;
    private final HostEvents events = new HostEvents();
    private final SessionMonitor monitor;
    private final HostInput input;
    private final StreamingHost streaming;
    private final ControlHost control;
    private final List<PairedClients> clientRegistries = new CopyOnWriteArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile boolean wasArmed;
    private volatile ManagementApi api;
    private volatile DnsSdAdvertiser advertiser;
    private volatile GameStreamHost gameStream;
    private volatile io.punktfunk.host.gamestream.http.PinEntry gameStreamPins;

    private Host(Path configDir, Map<Setting<?>, Object> overrides, HostSettings settings, Consumer<String> notices)
            throws IOException, InterruptedException {
        this.configDir = configDir;
        this.overrides = Map.copyOf(overrides);
        this.notices = notices;
        this.startedWith = settings;
        this.settings = settings;
        this.identity = Identity.loadOrCreate(configDir, Identity.HOST_FILES, "punktfunk");
        this.store = PairedClientStore.load(configDir);
        this.monitor = new SessionMonitor(events);
        // stream.source virtual: a desktop per client, each with its own input; the host's own desktop gets none
        VirtualDesktops desktops = SourceKind.resolve(settings.orNull(HostSettings.SOURCE)) == SourceKind.VIRTUAL
                ? virtualDesktops(settings) : null;
        try {
            this.input = desktops != null ? HostInput.none() : HostInput.open(InputBackend.parse(settings.get(HostSettings.INPUT)),
                    settings.orNull(HostSettings.DISPLAY), inputLimits(settings));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(HostSettings.INPUT.key() + " " + settings.get(HostSettings.INPUT) + ": "
                    + e.getMessage(), e);
        }
        StreamingHost s = null;
        ControlHost c = null;
        try {
            s = new StreamingHost(streamSettings(settings), monitor, input, desktops);
            StreamingHost streams = s;
            s.capacity().budget(capacityBudget(settings));
            monitor.attach(() -> List.copyOf(streams.streams()), input::owner, streams::desktop);
            HandshakePolicy policy = policy(settings);
            AdmissionLimits admission = AdmissionLimits.defaults()
                    .withCaps(settings.get(HostSettings.MAX_HANDSHAKING), settings.get(HostSettings.MAX_HANDSHAKING_PER_SOURCE),
                            settings.get(HostSettings.MAX_CONNECTIONS), settings.get(HostSettings.MAX_CONNECTIONS_PER_SOURCE))
                    .withHelloTimeout(settings.get(HostSettings.HELLO_TIMEOUT));
            InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(settings.get(HostSettings.BIND)),
                    settings.get(HostSettings.PORT));
            ControlHost.Config config = ControlHost.Config.defaults(bind, identity, store, settings.dataPort(), s)
                    .withOpen(settings.get(HostSettings.OPEN)).withPolicy(policy)
                    .withMaxSessions(settings.get(HostSettings.MAX_SESSIONS)).withAdmission(admission).withConfigDir(configDir)
                    .withSettings(QuicSettings.withIdleTimeout(Duration.ofMillis(settings.get(HostSettings.IDLE_TIMEOUT_MS))));
            // JIT the FEC kernels before the first client, not during its first second
            DataPlaneWarmup.run(policy.fec(), HandshakePolicy.SHARD_PAYLOAD_V4);
            c = ControlHost.start(config);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (s != null) {
                s.close(); // the desktops too
            } else {
                input.close();
                if (desktops != null) {
                    desktops.close();
                }
            }
            throw e;
        }
        this.streaming = s;
        this.control = c;
        clientRegistries.add(new PunktfunkClients(store, control));
        control.onNotice(this::notice);
        this.sampler = Thread.ofPlatform().name("pkf-host-sampler").daemon().unstarted(this::sampleLoop);
    }

    /**
     * Starts a host: reads {@code configDir/host.toml}, applies {@code overrides} (the flags given) on
     * top, and brings every part up. Throws {@link SettingsException} naming every bad setting before
     * anything binds.
     */
    public static Host start(Path configDir, Map<Setting<?>, Object> overrides, Consumer<String> notices)
            throws SettingsException, IOException, InterruptedException {
        return start(configDir, overrides, PairingAtStart.none(), notices);
    }

    /** The same, opening a pairing window right after the control plane listens (before the API starts). */
    public static Host start(Path configDir, Map<Setting<?>, Object> overrides, PairingAtStart pairing,
                             Consumer<String> notices) throws SettingsException, IOException, InterruptedException {
        HostSettings settings = resolve(configDir, overrides);
        Host h = new Host(configDir, overrides, settings, notices);
        try {
            h.startServices(pairing);
        } catch (IOException | RuntimeException e) {
            h.close();
            throw e;
        }
        return h;
    }

    private static HostSettings resolve(Path configDir, Map<Setting<?>, Object> overrides)
            throws SettingsException, IOException {
        HostSettings s = HostSettings.defaults().with(HostConfigFile.read(configDir)).with(overrides);
        List<SettingsProblem> problems = s.crossCheck();
        if (!problems.isEmpty()) {
            throw new SettingsException("host settings", problems);
        }
        return s;
    }

    private void startServices(PairingAtStart pairing) throws IOException {
        HostSettings s = settings;
        notice(String.format("punktfunk host listening on udp %s (ALPN pkf1), data plane port %d", control.localAddress(),
                s.dataPort()));
        notice("host fingerprint " + identity.fingerprint().hex());
        notice(streaming.hasDesktops() ? "source: virtual, a desktop per client; input: xtest into each client's own desktop"
                : "input: " + input.backend() + " (the first session to start owns the desktop)");
        notice(store.list().size() + " paired client(s)" + (s.get(HostSettings.OPEN) ? "; --open: unpaired clients admitted too" : ""));
        if (pairing.open() && pairing.pin() != null) {
            armPairing(pairing.pin(), null, "--pin");
        } else if (pairing.open()) {
            armPairing((Integer) null, null, "--pair");
        } else {
            notice("pairing is closed; open a window with: punktfunk host pair-arm");
        }
        if (s.get(HostSettings.API_ENABLED)) {
            try {
                api = ManagementApi.start(this, new InetSocketAddress(InetAddress.getByName(s.get(HostSettings.API_BIND)),
                        s.get(HostSettings.API_PORT)));
                notice("management API on " + api.baseUri() + " (admin token in " + api.tokenFile() + ")");
            } catch (IOException | RuntimeException e) {
                // streaming does not depend on the API: say why it is missing and serve on
                LOG.warn("management API not started", e);
                notice("management API not started: " + e.getMessage() + " (set " + HostSettings.API_PORT.key() + " or --api-port)");
            }
        }
        if (s.get(HostSettings.MDNS)) {
            try {
                advertiser = DnsSdAdvertiser.start(InetAddress.getByName(s.get(HostSettings.BIND)));
                advertiser.advertise(advert(s));
                notice("discovery: advertising \"" + instanceName(s) + "\" as " + ServiceAdvert.PUNKTFUNK_TYPE + " on "
                        + advertiser.interfaces());
            } catch (IOException | RuntimeException e) {
                LOG.warn("mDNS advertising not started", e);
                notice("discovery off: " + e.getMessage());
            }
        }
        if (s.get(HostSettings.GAMESTREAM)) {
            // after discovery: GameStream advertises _nvstream._tcp through the same advertiser
            notice(GameStreamHost.WARNING);
            gameStream = GameStreamHost.startBeside(this, this::notice);
            notice(gameStream.describe());
        }
        wasArmed = control.pairingWindow().isArmed();
        sampler.start();
    }

    private ServiceAdvert advert(HostSettings s) {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put("proto", "punktfunk/1");
        txt.put("fp", identity.fingerprint().hex());
        txt.put("pair", s.get(HostSettings.OPEN) ? "optional" : "required");
        if (api != null && !api.address().getAddress().isLoopbackAddress()) {
            txt.put("mgmt", String.valueOf(api.address().getPort()));
        }
        return new ServiceAdvert(ServiceAdvert.PUNKTFUNK_TYPE, instanceName(s), control.localAddress().getPort(), txt);
    }

    private static String instanceName(HostSettings s) {
        String n = s.get(HostSettings.NAME);
        if (!n.isBlank()) {
            return n;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "punktfunk";
        }
    }

    private void notice(String line) {
        LOG.debug("notice: {}", line);
        notices.accept(line);
    }

    // --- settings -------------------------------------------------------------------------------

    /** The settings in force. */
    public HostSettings settings() {
        return settings;
    }

    /** The flags given at start; they override the file on every reload. */
    public Map<Setting<?>, Object> overrides() {
        return overrides;
    }

    /** Settings changed since start that only a restart applies, with the value waiting. */
    public Set<Setting<?>> pendingRestart() {
        Set<Setting<?>> p = new LinkedHashSet<>();
        for (Setting<?> s : settings.differencesFrom(startedWith)) {
            if (s.apply() == Apply.RESTART) {
                p.add(s);
            }
        }
        return p;
    }

    /** Re-reads {@code host.toml} (flags still override it) and applies what changed. */
    public synchronized SettingsChange reload() throws SettingsException, IOException {
        return apply(resolve(configDir, overrides));
    }

    /**
     * Checks {@code changes}, applies them and, if {@code persist}, writes them into {@code host.toml}
     * first (so a restart keeps them; a flag given at start still overrides the file then).
     */
    public synchronized SettingsChange change(Map<Setting<?>, Object> changes, boolean persist)
            throws SettingsException, IOException {
        HostSettings next = settings.with(changes);
        List<SettingsProblem> problems = next.crossCheck();
        if (!problems.isEmpty()) {
            throw new SettingsException("settings", problems);
        }
        if (persist && !changes.isEmpty()) {
            HostConfigFile.update(configDir, changes);
        }
        return apply(next);
    }

    private SettingsChange apply(HostSettings next) {
        HostSettings old = settings;
        List<Setting<?>> changed = next.differencesFrom(old);
        if (changed.isEmpty()) {
            return new SettingsChange(List.of(), List.of());
        }
        settings = next;
        List<Setting<?>> applied = new ArrayList<>();
        List<Setting<?>> restart = new ArrayList<>();
        for (Setting<?> s : changed) {
            (s.apply() == Apply.RESTART ? restart : applied).add(s);
        }
        control.reconfigure(c -> c.withOpen(next.get(HostSettings.OPEN)).withPolicy(policy(next))
                .withMaxSessions(next.get(HostSettings.MAX_SESSIONS)));
        streaming.settings(streamSettings(next));
        streaming.capacity().budget(capacityBudget(next));
        HostInput.Limits limits = inputLimits(next);
        if (!limits.equals(input.limits())) {
            input.limits(limits);
        }
        if (changed.contains(HostSettings.MAX_BITRATE_KBPS)) {
            int ceiling = next.get(HostSettings.MAX_BITRATE_KBPS);
            for (HostStream st : streaming.streams()) {
                st.bitrate(Math.min(st.control().bitrateKbps(), ceiling)); // the encoder follows within a frame
            }
        }
        if (advertiser != null && changed.contains(HostSettings.OPEN)) {
            advertiser.advertise(advert(next)); // the TXT record says whether pairing is required
        }
        LOG.info("settings changed: {} applied, {} wait for a restart", applied, restart);
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        applied.forEach(s -> d.withArray("applied").add(s.key()));
        restart.forEach(s -> d.withArray("restart").add(s.key()));
        events.publish(HostEvent.SETTINGS_CHANGED, d);
        return new SettingsChange(applied, restart);
    }

    private static HandshakePolicy policy(HostSettings s) {
        Mode ceiling = s.maxMode();
        return new HandshakePolicy(s.dataPort(), VideoCodecs.parseMask(s.get(HostSettings.CODECS)), ceiling.width(),
                ceiling.height(), ceiling.refreshHz(), s.get(HostSettings.DEFAULT_BITRATE_KBPS), FecConfig.defaults(),
                s.get(HostSettings.MAX_BITRATE_KBPS));
    }

    /** The admission budget in pixels per second: the setting, or 125 Mpx/s per core when it is 0 (docs/fleet.md). */
    private static long capacityBudget(HostSettings s) {
        int mpx = s.get(HostSettings.CAPACITY_MPX);
        return mpx == 0 ? HostCapacity.defaultBudget(Runtime.getRuntime().availableProcessors()) : mpx * 1_000_000L;
    }

    private static HostStreamSettings streamSettings(HostSettings s) {
        String file = s.orNull(HostSettings.FILE);
        return HostStreamSettings.defaults()
                .withSource(SourceKind.resolve(s.orNull(HostSettings.SOURCE)), s.orNull(HostSettings.DISPLAY),
                        file == null ? null : Path.of(file))
                .withAudio(AudioKind.parse(s.get(HostSettings.AUDIO)), s.orNull(HostSettings.AUDIO_DEVICE));
    }

    /** The desktops of {@code stream.source virtual} (Xvfb up to the mode ceiling), or why they cannot run here. */
    private static VirtualDesktops virtualDesktops(HostSettings s) {
        if (!XvfbBackend.installed()) {
            throw new IllegalArgumentException("--source virtual needs Xvfb: apt-get install xvfb "
                    + "(or mirror an existing display with --source x11)");
        }
        DesktopSettings d = DesktopSettings.of(command(s, HostSettings.DESKTOP_WM, DesktopSettings.defaultWindowManager()),
                        command(s, HostSettings.DESKTOP_APP, DesktopSettings.defaultApp()))
                .withSession(s.orNull(HostSettings.DESKTOP_SESSION))
                .withJoin(JoinPolicy.parse(s.get(HostSettings.DESKTOP_JOIN)))
                .withReadyTimeout(s.get(HostSettings.DESKTOP_READY_TIMEOUT));
        LOG.info("virtual desktops: Xvfb up to {}, {}", s.maxMode(), d.session() != null ? "session " + d.session()
                : "window manager " + d.windowManager() + ", app " + d.app());
        return new VirtualDesktops(new XvfbBackend(s.maxMode(), Duration.ofSeconds(10)), d);
    }

    /** A desktop command setting: empty = {@code auto} (what is installed), {@code none} = nothing. */
    private static String command(HostSettings s, Setting<String> setting, String auto) {
        String v = s.get(setting).strip();
        return v.isEmpty() ? auto : "none".equals(v) ? null : v;
    }

    private static HostInput.Limits inputLimits(HostSettings s) {
        return new HostInput.Limits(s.get(HostSettings.INPUT_RATE), s.get(HostSettings.INPUT_BURST));
    }

    // --- pairing and clients --------------------------------------------------------------------

    /** Opens a pairing window with a random PIN (digits and TTL from the settings when null); returns the PIN. */
    public String armPairing(Integer digits, Duration ttl, String why) {
        HostSettings s = settings;
        Duration t = ttl != null ? ttl : s.get(HostSettings.PAIR_TTL);
        String pin = control.armPairing(digits != null ? digits : s.get(HostSettings.PIN_DIGITS), t, why);
        pairingArmed(t, why);
        return pin;
    }

    /** Opens a pairing window with a given PIN ({@code --pin}, tests). */
    public String armPairing(String pin, Duration ttl, String why) {
        Duration t = ttl != null ? ttl : settings.get(HostSettings.PAIR_TTL);
        control.armPairing(pin, t, why);
        pairingArmed(t, why);
        return pin;
    }

    private synchronized void pairingArmed(Duration ttl, String why) {
        wasArmed = true;
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("ttl_seconds", ttl.toSeconds());
        d.put("by", why);
        events.publish(HostEvent.PAIRING_ARMED, d); // never the PIN: event readers need no token
    }

    /** Closes the pairing window, if one is open. */
    public void disarmPairing() {
        control.pairingWindow().disarm();
        checkPairing();
    }

    /** True while a pairing window is open; {@link #pairingExpiresInMs} says for how long. */
    public boolean pairingArmed() {
        return control.pairingWindow().isArmed();
    }

    public long pairingExpiresInMs() {
        long at = control.pairingWindow().expiresAtNs();
        return at == 0 ? 0 : Math.max(0, (at - System.nanoTime()) / 1_000_000);
    }

    /** Why the last window closed ("a client paired", "expired", …), or null while one is open or none ever was. */
    public String pairingClosedBecause() {
        String why = control.pairingWindow().closedBecause();
        return "never armed".equals(why) ? null : why;
    }

    /** Adds another protocol's paired clients (GameStream) to what the operator lists and revokes. */
    public void addPairedClients(PairedClients registry) {
        clientRegistries.add(registry);
    }

    /** Every protocol's paired-client registry, punktfunk/1 first. */
    public List<PairedClients> pairedClients() {
        return List.copyOf(clientRegistries);
    }

    /** Revokes a client of {@code protocol} by id; false when there is none. Blocking I/O. */
    public boolean revoke(String protocol, String id) {
        for (PairedClients r : clientRegistries) {
            if (r.protocol().equals(protocol) && r.revoke(id)) {
                ObjectNode d = JsonNodeFactory.instance.objectNode();
                d.put("protocol", protocol);
                d.put("id", id);
                events.publish(HostEvent.CLIENT_REVOKED, d);
                return true;
            }
        }
        return false;
    }

    // --- sessions ---------------------------------------------------------------------------------

    /** Running sessions with their figures, oldest first. */
    public List<SessionSnapshot> sessions() {
        return monitor.snapshots();
    }

    /** Ends a session (the client is told why); false when no such session runs. */
    public boolean stopSession(long id, String reason) {
        HostControlSession s = monitor.session(id);
        if (s == null) {
            return false;
        }
        s.close(CloseCode.NORMAL, reason);
        return true;
    }

    /** Asks a session's encoder for an IDR; false when no such session streams. */
    public boolean requestKeyframe(long id) {
        for (HostStream st : streaming.streams()) {
            if (st.control().id() == id) {
                st.requestKeyframe();
                return true;
            }
        }
        return false;
    }

    // --- parts ------------------------------------------------------------------------------------

    public HostEvents events() {
        return events;
    }

    public Fingerprint fingerprint() {
        return identity.fingerprint();
    }

    /** The identity the control plane and the management API present. */
    public Identity identity() {
        return identity;
    }

    public Path configDir() {
        return configDir;
    }

    /** The control plane's bound address (the real port when 0 was asked). */
    public InetSocketAddress controlAddress() {
        return control.localAddress();
    }

    /** The management API, or null when it is off or could not start. */
    public ManagementApi api() {
        return api;
    }

    /**
     * Where the operator's GameStream PINs go (management API), once GameStream runs beside this host;
     * null while it does not.
     */
    public io.punktfunk.host.gamestream.http.PinEntry gameStreamPins() {
        return gameStreamPins;
    }

    /** GameStream started beside this host: its PIN entry, for the management API. */
    public void gameStreamPins(io.punktfunk.host.gamestream.http.PinEntry pins) {
        this.gameStreamPins = pins;
    }

    /** GameStream's front door, or null when {@code gamestream.enabled} is off. */
    public GameStreamHost gameStream() {
        return gameStream;
    }

    /** The mDNS advertiser, or null when discovery is off. */
    public DnsSdAdvertiser advertiser() {
        return advertiser;
    }

    public HostInput input() {
        return input;
    }

    /** The control plane (admission counters, tests). */
    public ControlHost control() {
        return control;
    }

    public StreamingHost streaming() {
        return streaming;
    }

    private void sampleLoop() {
        long next = System.nanoTime();
        while (running) {
            next += SAMPLE_NS;
            LockSupport.parkNanos(next - System.nanoTime());
            if (!running) {
                return;
            }
            try {
                monitor.sample(System.nanoTime());
                checkPairing();
            } catch (RuntimeException e) {
                LOG.warn("sampling failed: {}", e.toString()); // next second may work; never take the host down
            }
        }
    }

    /**
     * Publishes pairing.armed for a window opened elsewhere ({@code host pair-arm} through the config
     * dir) and pairing.closed once when an open window closed (paired, expired, burnt, disarmed).
     */
    private synchronized void checkPairing() {
        boolean armed = control.pairingWindow().isArmed();
        if (!wasArmed && armed) {
            wasArmed = true;
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("ttl_seconds", pairingExpiresInMs() / 1000);
            d.put("by", "host pair-arm");
            events.publish(HostEvent.PAIRING_ARMED, d);
        } else if (wasArmed && !armed) {
            wasArmed = false;
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("reason", String.valueOf(pairingClosedBecause()));
            events.publish(HostEvent.PAIRING_CLOSED, d);
        }
    }

    /** Stops everything: GameStream, API and discovery first (nobody new arrives), then sessions, streams and input. */
    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        if (gameStream != null) {
            gameStream.close();
        }
        if (api != null) {
            api.close();
        }
        if (advertiser != null) {
            advertiser.close();
        }
        control.close();
        streaming.close();
        try {
            sampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
