package io.punktfunk.host.gamestream.audio;

import io.punktfunk.host.stream.AudioKind;
import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What one GameStream audio stream is opened with: packet duration ({@code x-nv-aqos.packetDuration}),
 * Opus bitrate, encryption (the launch's {@code rikey} and {@code rikeyid} when the client turned it
 * on: {@code featureFlags & 0x20} or {@code encryptionEnabled & SS_ENC_AUDIO}), the ping payload
 * and the host's audio source. Stereo only. Fluent setters; {@link #conclude()} validates.
 */
public final class GameStreamAudioSettings {
    /** Sunshine's stereo bitrate at normal quality; its high quality is 512 kbit/s. */
    public static final int DEFAULT_BITRATE_BPS = 96_000;
    public static final long DEFAULT_PING_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private int packetDurationMs = 5;
    private int bitrateBps = DEFAULT_BITRATE_BPS;
    private byte[] encryptionKey;
    private int rikeyId;
    private byte[] pingPayload;
    private InetAddress legacyPingFrom;
    private AudioKind source = AudioKind.TONE;
    private String device;
    private long pingTimeoutNs = DEFAULT_PING_TIMEOUT_NS;
    private String name = "gs-audio";

    /** 5 ms (the default) or 10 ms Opus packets. */
    public GameStreamAudioSettings packetDurationMs(int ms) {
        this.packetDurationMs = ms;
        return this;
    }

    /** Opus CBR bitrate for the stereo stream. */
    public GameStreamAudioSettings bitrateBps(int bps) {
        this.bitrateBps = bps;
        return this;
    }

    /** Turns AES-128-CBC on with the launch's {@code rikey} and {@code rikeyid}; a null key turns it off. */
    public GameStreamAudioSettings encryption(byte[] rikey, int rikeyId) {
        this.encryptionKey = rikey == null ? null : rikey.clone();
        this.rikeyId = rikeyId;
        return this;
    }

    /** The launch's 16-byte ping payload, and the RTSP client's address for legacy {@code "PING"}s (or null). */
    public GameStreamAudioSettings ping(byte[] payload, InetAddress legacyFrom) {
        this.pingPayload = payload == null ? null : payload.clone();
        this.legacyPingFrom = legacyFrom;
        return this;
    }

    /** Where PCM comes from: a tone, a PulseAudio source ({@code device}, null = default), or none (silence). */
    public GameStreamAudioSettings source(AudioKind kind, String device) {
        this.source = Objects.requireNonNull(kind);
        this.device = device;
        return this;
    }

    public GameStreamAudioSettings pingTimeoutNs(long ns) {
        this.pingTimeoutNs = ns;
        return this;
    }

    public GameStreamAudioSettings name(String name) {
        this.name = Objects.requireNonNull(name);
        return this;
    }

    /** Checks every value; returns this. */
    public GameStreamAudioSettings conclude() {
        if (packetDurationMs != 5 && packetDurationMs != 10) {
            throw new IllegalArgumentException("audio packets are 5 or 10 ms: " + packetDurationMs);
        }
        if (bitrateBps < 6_000 || bitrateBps > 1_024_000) {
            throw new IllegalArgumentException("Opus bitrate out of range: " + bitrateBps);
        }
        if (encryptionKey != null && encryptionKey.length != 16) {
            throw new IllegalArgumentException("encryption key must be 16 bytes");
        }
        if (pingPayload == null && legacyPingFrom == null) {
            throw new IllegalArgumentException("a ping payload or a legacy client address is required");
        }
        if (pingTimeoutNs <= 0) {
            throw new IllegalArgumentException("ping timeout must be > 0");
        }
        return this;
    }

    public int packetDurationMs() {
        return packetDurationMs;
    }

    public int bitrateBps() {
        return bitrateBps;
    }

    byte[] encryptionKey() {
        return encryptionKey;
    }

    public boolean encrypted() {
        return encryptionKey != null;
    }

    public int rikeyId() {
        return rikeyId;
    }

    byte[] pingPayload() {
        return pingPayload;
    }

    public InetAddress legacyPingFrom() {
        return legacyPingFrom;
    }

    public AudioKind source() {
        return source;
    }

    public String device() {
        return device;
    }

    public long pingTimeoutNs() {
        return pingTimeoutNs;
    }

    public String name() {
        return name;
    }
}
