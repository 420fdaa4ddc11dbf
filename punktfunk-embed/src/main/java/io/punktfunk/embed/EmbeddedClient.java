package io.punktfunk.embed;

import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.stream.ClientStreamOptions;
import io.punktfunk.client.stream.StreamStats;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.message.AudioFrame;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.pairing.KnownHostStore;
import io.punktfunk.control.quic.ClientControlSessionListener;
import io.punktfunk.control.quic.ControlClient;
import io.punktfunk.control.quic.ControlConnection;
import io.punktfunk.control.quic.ControlException;
import io.punktfunk.control.quic.QuicSettings;
import io.punktfunk.control.session.SessionParameters;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.core.session.SessionStats;
import io.punktfunk.host.stream.DataPlaneWarmup;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One {@code PunktfunkClient}: options, pairing, and at most one running {@link ClientStream} with
 * its exchanges. State changes (pair, connect, disconnect, destroy) are serialised on this object;
 * polls, input and stats run beside them on whatever threads the app uses.
 *
 * <pre>
 *  create ──▶ IDLE ──connect──▶ STREAMING ──disconnect──▶ IDLE ──destroy──▶ DESTROYED
 *              │ pair                │ host closes / idle timeout: polls answer CLOSED
 * </pre>
 */
final class EmbeddedClient {
    /**
     * The data-plane warm-up (DataPlaneWarmup, docs/streaming.md), started once per JVM when the first
     * client is created, so it overlaps the app's own start-up and pairing instead of delaying connect.
     */
    private static final Object WARMUP_LOCK = new Object();
    private static Thread warmup;

    private final EmbedOptions options;
    private ControlClient control;
    private volatile Connected connected;
    private volatile boolean destroyed;
    private NativeCallback frameCallback;
    private NativeCallback audioCallback;
    private NativeCallback rumbleCallback;

    /** What exists only while streaming. */
    private record Connected(ClientStream stream, FrameExchange frames, AudioExchange audio, RumbleExchange rumble,
                             AtomicLong explicitKeyframes, long[] lastBytesAndNs) {
    }

    EmbeddedClient(EmbedOptions options) {
        this.options = options;
        synchronized (WARMUP_LOCK) {
            if (warmup == null) {
                warmup = Thread.ofPlatform().name("pkf-embed-warmup").daemon()
                        .start(() -> DataPlaneWarmup.run(FecConfig.defaults(), HandshakePolicy.SHARD_PAYLOAD_V4));
            }
        }
    }

    private InetSocketAddress address() throws EmbedException {
        InetSocketAddress a = new InetSocketAddress(options.host(), options.port());
        if (a.isUnresolved()) {
            throw new EmbedException(EmbedStatus.CONNECT, "cannot resolve host '" + options.host() + "'");
        }
        return a;
    }

    private ControlClient controlClient() throws EmbedException {
        if (control == null) {
            try {
                Identity identity = Identity.loadOrCreate(options.configDir(), Identity.CLIENT_FILES, "punktfunk-client");
                control = new ControlClient(identity, QuicSettings.defaults());
            } catch (IOException e) {
                throw new EmbedException(EmbedStatus.IO, "client identity in " + options.configDir() + ": " + e.getMessage());
            }
        }
        return control;
    }

    synchronized void pair(String pin) throws EmbedException, InterruptedException {
        live();
        if (connected != null) {
            throw new EmbedException(EmbedStatus.STATE, "pair while connected: disconnect first");
        }
        if (pin == null || pin.length() < 4 || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new EmbedException(EmbedStatus.INVALID_ARGUMENT, "a PIN is 4 or more digits");
        }
        ControlConnection conn = open(null);
        try {
            Fingerprint hostFp = conn.pair(pin, options.clientName()).get(30, TimeUnit.SECONDS);
            KnownHostStore.load(options.configDir()).pin(options.hostKey(), hostFp);
        } catch (ExecutionException e) {
            throw failure("pairing failed", e.getCause());
        } catch (TimeoutException e) {
            throw new EmbedException(EmbedStatus.CONNECT, "pairing: no answer from the host within 30 s");
        } catch (IOException e) {
            throw new EmbedException(EmbedStatus.IO, "known hosts in " + options.configDir() + ": " + e.getMessage());
        } finally {
            conn.quit("paired");
        }
    }

    synchronized void connect() throws EmbedException, InterruptedException {
        live();
        if (connected != null) {
            throw new EmbedException(EmbedStatus.STATE, "already connected: disconnect first");
        }
        Optional<Fingerprint> pin;
        try {
            pin = KnownHostStore.load(options.configDir()).lookup(options.hostKey());
        } catch (IOException e) {
            throw new EmbedException(EmbedStatus.IO, "known hosts in " + options.configDir() + ": " + e.getMessage());
        }
        if (pin.isEmpty()) {
            throw new EmbedException(EmbedStatus.NOT_PAIRED, "host " + options.hostKey() + " is not paired in "
                    + options.configDir() + ": call punktfunk_pair with the PIN the host shows");
        }
        Thread w;
        synchronized (WARMUP_LOCK) {
            w = warmup;
        }
        w.join(); // the receive path compiled before the first burst, as `punktfunk connect` does
        long t0 = System.nanoTime();
        ControlConnection conn = open(pin.get());
        FrameExchange frames = new FrameExchange(options.pixelFormat());
        AudioExchange audio = options.audioFormat() == EmbedOptions.AUDIO_NONE ? null
                : new AudioExchange(options.audioFormat());
        RumbleExchange rumble = new RumbleExchange();
        frames.callback(frameCallback);
        if (audio != null) {
            audio.callback(audioCallback);
        }
        rumble.callback(rumbleCallback);
        ClientStreamOptions o = new ClientStreamOptions(options.mode(), options.bitrateKbps(), options.codecs(),
                options.preferredCodec(), options.clientName(), null, frames, null, null, null);
        if (audio != null && options.audioFormat() == EmbedOptions.AUDIO_PCM_S16) {
            o = o.withAudio(() -> audio);
        }
        ClientControlSessionListener events = new ClientControlSessionListener() {
            @Override
            public void onAudio(AudioFrame frame) {
                if (audio != null && options.audioFormat() == EmbedOptions.AUDIO_OPUS) {
                    audio.onOpus(frame);
                }
            }

            @Override
            public void onRumble(int pad, int low, int high, int leftTrigger, int rightTrigger) {
                rumble.onRumble(pad, low, high, leftTrigger, rightTrigger);
            }
        };
        try {
            ClientStream stream = ClientStream.start(conn, o, t0, options.connectTimeoutMs(), events);
            connected = new Connected(stream, frames, audio, rumble, new AtomicLong(), new long[] {0, t0});
        } catch (ExecutionException e) {
            conn.quit("setup failed");
            freeExchanges(frames, audio, rumble);
            throw failure("session setup failed", e.getCause());
        } catch (TimeoutException e) {
            conn.quit("setup timed out");
            freeExchanges(frames, audio, rumble);
            throw new EmbedException(EmbedStatus.CONNECT, "no Welcome from the host within " + options.connectTimeoutMs() + " ms");
        }
    }

    /** QUIC + TLS to the host, pinned (connect) or not (pair). */
    private ControlConnection open(Fingerprint pin) throws EmbedException, InterruptedException {
        InetSocketAddress a = address();
        try {
            return controlClient().connect(a, pin).get(options.connectTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure("cannot connect to " + options.hostKey(), e.getCause());
        } catch (TimeoutException e) {
            throw new EmbedException(EmbedStatus.CONNECT, "cannot connect to " + options.hostKey() + ": no answer within "
                    + options.connectTimeoutMs() + " ms");
        }
    }

    /** A host's refusal (a close code it sent) is REFUSED; everything else on the way there is CONNECT. */
    private static EmbedException failure(String what, Throwable cause) {
        if (cause instanceof ControlException ce && ce.closeCode() != null) {
            CloseCode c = ce.closeCode();
            int status = switch (c) {
                case BUSY, PAIRING_NOT_ARMED, RATE_LIMITED, IDENTITY_REQUIRED, DENIED, NO_SHARED_CODEC, BAD_MODE -> EmbedStatus.REFUSED;
                default -> EmbedStatus.CONNECT;
            };
            return new EmbedException(status, what + ": " + ce.getMessage() + " [" + c.label() + "]");
        }
        return new EmbedException(EmbedStatus.CONNECT, what + ": " + (cause == null ? "unknown" : cause.getMessage() != null
                ? cause.getMessage() : cause.toString()));
    }

    private Connected streaming() throws EmbedException {
        live();
        Connected c = connected;
        if (c == null) {
            throw new EmbedException(EmbedStatus.STATE, "not connected: call punktfunk_connect first");
        }
        return c;
    }

    private void live() throws EmbedException {
        if (destroyed) {
            throw new EmbedException(EmbedStatus.INVALID_ARGUMENT, "client was destroyed");
        }
    }

    int pollFrame(long address, int timeoutMs) throws EmbedException, InterruptedException {
        Connected c = streaming();
        if (c.frames.hasCallback()) {
            throw new EmbedException(EmbedStatus.STATE, "a frame callback is set: frames go there, not to poll");
        }
        return c.frames.poll(address, timeoutMs, c.stream::isRunning);
    }

    int pollAudio(long address, int timeoutMs) throws EmbedException, InterruptedException {
        Connected c = streaming();
        if (c.audio == null) {
            throw new EmbedException(EmbedStatus.STATE, "audio_format is PUNKTFUNK_AUDIO_NONE");
        }
        return c.audio.poll(address, timeoutMs, c.stream::isRunning);
    }

    int pollRumble(long address) throws EmbedException {
        return streaming().rumble.poll(address);
    }

    synchronized void frameCallback(NativeCallback cb) throws EmbedException {
        live();
        frameCallback = cb;
        if (connected != null) {
            connected.frames.callback(cb);
        }
    }

    synchronized void audioCallback(NativeCallback cb) throws EmbedException {
        live();
        audioCallback = cb;
        if (connected != null && connected.audio != null) {
            connected.audio.callback(cb);
        }
    }

    synchronized void rumbleCallback(NativeCallback cb) throws EmbedException {
        live();
        rumbleCallback = cb;
        if (connected != null) {
            connected.rumble.callback(cb);
        }
    }

    void sendInput(int kind, int code, int x, int y, int flags) throws EmbedException {
        Connected c = streaming();
        if (kind < 0 || kind > InputEvent.MAX_KIND) {
            throw new EmbedException(EmbedStatus.INVALID_ARGUMENT, "input kind " + Integer.toUnsignedString(kind)
                    + " outside 0.." + InputEvent.MAX_KIND);
        }
        InputEvent e = new InputEvent(kind, code, x, y, flags);
        String bad = e.invalidReason();
        if (bad != null) {
            throw new EmbedException(EmbedStatus.INVALID_ARGUMENT, "input kind " + kind + ": " + bad);
        }
        if (!c.stream.isRunning()) {
            throw new EmbedException(EmbedStatus.CLOSED, "the stream has ended");
        }
        c.stream.control().sendInput(e);
    }

    void requestKeyframe() throws EmbedException {
        Connected c = streaming();
        if (!c.stream.isRunning()) {
            throw new EmbedException(EmbedStatus.CLOSED, "the stream has ended");
        }
        c.stream.control().requestKeyframe();
        c.explicitKeyframes.incrementAndGet();
    }

    void stats(long address) throws EmbedException {
        Connected c = streaming();
        StreamStats s = c.stream.stats();
        SessionStats d = c.stream.dataPlaneStats();
        Histogram latency = c.stream.totalLatency();
        SessionParameters p = c.stream.parameters();
        long now = System.nanoTime();
        double kbps;
        synchronized (c.lastBytesAndNs) { // the bitrate window runs from one get_stats to the next
            long bytes = s.mediaBytes() - c.lastBytesAndNs[0];
            long ns = now - c.lastBytesAndNs[1];
            kbps = ns <= 0 ? 0 : bytes * 8.0 * 1e6 / ns;
            c.lastBytesAndNs[0] = s.mediaBytes();
            c.lastBytesAndNs[1] = now;
        }
        MemorySegment m = AbiLayouts.at(address, AbiLayouts.STATS);
        var l = AbiLayouts.STATS;
        AbiLayouts.putLong(m, l, "frames_received", s.framesReceived());
        AbiLayouts.putLong(m, l, "frames_decoded", s.framesDecoded());
        AbiLayouts.putLong(m, l, "frames_delivered", c.frames.delivered());
        AbiLayouts.putLong(m, l, "frames_replaced", c.frames.framesDropped());
        AbiLayouts.putLong(m, l, "frames_lost", s.framesLost());
        AbiLayouts.putLong(m, l, "frames_damaged", s.framesDamaged());
        AbiLayouts.putLong(m, l, "fec_recovered_shards", d.fecRecoveredShards());
        AbiLayouts.putLong(m, l, "packets_received", d.packetsReceived());
        AbiLayouts.putLong(m, l, "packets_recv_dropped", d.packetsDropped());
        AbiLayouts.putLong(m, l, "packets_send_dropped", d.packetsSendDropped());
        AbiLayouts.putLong(m, l, "keyframe_requests", s.keyframeRequests() + c.explicitKeyframes.get());
        AbiLayouts.putLong(m, l, "audio_frames_received", c.audio == null ? 0 : c.audio.received());
        AbiLayouts.putLong(m, l, "audio_frames_delivered", c.audio == null ? 0 : c.audio.delivered());
        AbiLayouts.putLong(m, l, "stamps_read", s.stampsRead());
        AbiLayouts.putLong(m, l, "stamps_missing", s.stampsMissing());
        AbiLayouts.putDouble(m, l, "latency_p50_ms", percentileMs(latency, 50));
        AbiLayouts.putDouble(m, l, "latency_p99_ms", percentileMs(latency, 99));
        AbiLayouts.putDouble(m, l, "bitrate_kbps", kbps);
        AbiLayouts.putInt(m, l, "negotiated_kbps", p.bitrateKbps());
        AbiLayouts.putInt(m, l, "codec", p.codec());
        AbiLayouts.putInt(m, l, "width", p.mode().width());
        AbiLayouts.putInt(m, l, "height", p.mode().height());
        AbiLayouts.putInt(m, l, "refresh_hz", p.mode().refreshHz());
        AbiLayouts.putInt(m, l, "reserved", 0);
    }

    private static double percentileMs(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1000.0;
    }

    synchronized void disconnect(String reason) throws EmbedException {
        Connected c = streaming();
        connected = null;
        try {
            c.stream.close(reason == null || reason.isBlank() ? "client done" : reason);
        } finally {
            freeExchanges(c.frames, c.audio, c.rumble);
        }
    }

    private static void freeExchanges(FrameExchange frames, AudioExchange audio, RumbleExchange rumble) {
        frames.close();
        if (audio != null) {
            audio.free();
        }
        rumble.close();
    }

    synchronized void destroy() throws EmbedException {
        live();
        try {
            if (connected != null) {
                disconnect("client destroyed");
            }
        } finally {
            destroyed = true;
            if (control != null) {
                control.close();
            }
        }
    }
}
