package io.punktfunk.host.gamestream.video;

import io.punktfunk.core.pacing.PacingConfig;
import io.punktfunk.host.stream.SourceKind;
import io.punktfunk.media.video.VideoCodec;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What one GameStream video stream is opened with: the client's ANNOUNCE values (mode, bitrate,
 * packet size, FEC percentage, minimum parity, encryption), the launch's ping payload, and which
 * host source and encoder to use. Fluent setters; {@link #conclude()} validates before the stream
 * starts.
 */
public final class GameStreamVideoSettings {
    /** moonlight-qt's default {@code packetSize} on a LAN. */
    public static final int DEFAULT_PACKET_SIZE = 1392;
    /** Sunshine's default {@code fec_percentage}. */
    public static final int DEFAULT_FEC_PERCENT = 20;
    /** What clients send as {@code minRequiredFecPackets}. */
    public static final int DEFAULT_MIN_PARITY = 2;
    /** Sunshine's {@code ping_timeout}: no ping for this long ends the stream (and bounds the wait for the first). */
    public static final long DEFAULT_PING_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /** Shortest time between two requested IDRs, as for punktfunk/1 clients. */
    public static final long DEFAULT_IDR_MIN_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private int width = 1280;
    private int height = 720;
    private int fps = 60;
    private int bitrateKbps = 20_000;
    private VideoCodec codec = VideoCodec.H264;
    private String encoderName;
    private int packetSize = DEFAULT_PACKET_SIZE;
    private int fecPercent = DEFAULT_FEC_PERCENT;
    private int minParity = DEFAULT_MIN_PARITY;
    private byte[] encryptionKey;
    private byte[] pingPayload;
    private InetAddress legacyPingFrom;
    private SourceKind source = SourceKind.SYNTHETIC;
    private String display;
    private Path file;
    private long pingTimeoutNs = DEFAULT_PING_TIMEOUT_NS;
    private long idrMinIntervalNs = DEFAULT_IDR_MIN_INTERVAL_NS;
    private PacingConfig pacing = new PacingConfig().maxSpread(1.0, 100_000_000L);
    private String name = "gs-video";

    /** Picture size and frame rate ({@code clientViewportWd/Ht}, {@code maxFPS}). */
    public GameStreamVideoSettings mode(int width, int height, int fps) {
        this.width = width;
        this.height = height;
        this.fps = fps;
        return this;
    }

    /** Encoder bitrate ({@code maximumBitrateKbps}, less what the host keeps for FEC and audio). */
    public GameStreamVideoSettings bitrateKbps(int kbps) {
        this.bitrateKbps = kbps;
        return this;
    }

    /** Codec ({@code bitStreamFormat}: 0 H.264, 1 HEVC, 2 AV1) and optionally a specific FFmpeg encoder. */
    public GameStreamVideoSettings codec(VideoCodec codec, String encoderName) {
        this.codec = Objects.requireNonNull(codec);
        this.encoderName = encoderName;
        return this;
    }

    /** The client's {@code packetSize}: datagrams are this + 16 bytes. */
    public GameStreamVideoSettings packetSize(int bytes) {
        this.packetSize = bytes;
        return this;
    }

    /** Parity percentage per FEC block and the client's {@code minRequiredFecPackets}. */
    public GameStreamVideoSettings fec(int percent, int minParityShards) {
        this.fecPercent = percent;
        this.minParity = minParityShards;
        return this;
    }

    /** The launch's {@code rikey} when the client enabled video encryption ({@code SS_ENC_VIDEO}), else null. */
    public GameStreamVideoSettings encryptionKey(byte[] rikey) {
        this.encryptionKey = rikey == null ? null : rikey.clone();
        return this;
    }

    /**
     * Whom to stream to: the launch's 16-byte ping payload ({@code X-SS-Ping-Payload}), and for clients
     * without session ids ({@code ML_FF_SESSION_ID_V1} unset) the address whose {@code "PING"} counts.
     */
    public GameStreamVideoSettings ping(byte[] payload, InetAddress legacyFrom) {
        this.pingPayload = payload == null ? null : payload.clone();
        this.legacyPingFrom = legacyFrom;
        return this;
    }

    /** The host's video source ({@code display} for X11, {@code file} for FILE). */
    public GameStreamVideoSettings source(SourceKind kind, String display, Path file) {
        this.source = Objects.requireNonNull(kind);
        this.display = display;
        this.file = file;
        return this;
    }

    public GameStreamVideoSettings pingTimeoutNs(long ns) {
        this.pingTimeoutNs = ns;
        return this;
    }

    public GameStreamVideoSettings idrMinIntervalNs(long ns) {
        this.idrMinIntervalNs = ns;
        return this;
    }

    /** How each frame's datagrams are spread (default: the core pacer, spread capped at one frame interval). */
    public GameStreamVideoSettings pacing(PacingConfig config) {
        this.pacing = Objects.requireNonNull(config);
        return this;
    }

    /** Thread name and log prefix. */
    public GameStreamVideoSettings name(String name) {
        this.name = Objects.requireNonNull(name);
        return this;
    }

    /** Checks every value; returns this. */
    public GameStreamVideoSettings conclude() {
        if (width <= 0 || height <= 0 || ((width | height) & 1) != 0 || fps <= 0 || fps > 1000) {
            throw new IllegalArgumentException("bad mode " + width + "x" + height + "@" + fps);
        }
        if (bitrateKbps < 10) {
            throw new IllegalArgumentException("bitrate too low: " + bitrateKbps + " kbps");
        }
        if (packetSize < 64 || packetSize > 9000 || packetSize % 16 != 0) {
            throw new IllegalArgumentException("packet size must be a multiple of 16 in 64..9000: " + packetSize);
        }
        if (fecPercent < 0 || fecPercent > 255 || minParity < 0 || minParity > 64) {
            throw new IllegalArgumentException("fec percent 0..255, min parity 0..64: " + fecPercent + ", " + minParity);
        }
        if (encryptionKey != null && encryptionKey.length != 16) {
            throw new IllegalArgumentException("encryption key must be 16 bytes");
        }
        if (pingPayload == null && legacyPingFrom == null) {
            throw new IllegalArgumentException("a ping payload or a legacy client address is required");
        }
        if (pingTimeoutNs <= 0 || idrMinIntervalNs < 0) {
            throw new IllegalArgumentException("ping timeout must be > 0 and IDR interval ≥ 0");
        }
        return this;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int fps() {
        return fps;
    }

    public int bitrateKbps() {
        return bitrateKbps;
    }

    public VideoCodec codec() {
        return codec;
    }

    public String encoderName() {
        return encoderName;
    }

    public int packetSize() {
        return packetSize;
    }

    public int fecPercent() {
        return fecPercent;
    }

    public int minParity() {
        return minParity;
    }

    byte[] encryptionKey() {
        return encryptionKey;
    }

    public boolean encrypted() {
        return encryptionKey != null;
    }

    byte[] pingPayload() {
        return pingPayload;
    }

    public InetAddress legacyPingFrom() {
        return legacyPingFrom;
    }

    public SourceKind source() {
        return source;
    }

    public String display() {
        return display;
    }

    public Path file() {
        return file;
    }

    public long pingTimeoutNs() {
        return pingTimeoutNs;
    }

    public long idrMinIntervalNs() {
        return idrMinIntervalNs;
    }

    public PacingConfig pacing() {
        return pacing;
    }

    public String name() {
        return name;
    }
}
