package io.punktfunk.control.handshake;

import io.punktfunk.control.message.CloseCode;
import io.punktfunk.core.frame.FecConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.SecureRandom;

/**
 * What the host accepts and how it answers a Hello: mode bounds, codecs, bitrate clamp and the FEC
 * and shard geometry it announces. Pure: the caller has already checked version and pairing.
 */
public record HandshakePolicy(int dataPort, int hostCodecs, int maxWidth, int maxHeight, int maxRefreshHz,
                              int defaultBitrateKbps, FecConfig fec, int maxBitrateKbps) {
    /** Ceiling of any video bitrate: 2 Gbps (reference §1.15, design "Limits"). */
    public static final int MAX_BITRATE_KBPS = 2_000_000;
    /** Floor below which a video stream is useless. */
    public static final int MIN_BITRATE_KBPS = 500;
    /** Shard payload for a 1500-byte MTU over IPv4: 1500 − 20 − 8 − 46 − 18 (reference §1.8). */
    public static final int SHARD_PAYLOAD_V4 = 1408;
    /** Same over IPv6 (40-byte IP header). */
    public static final int SHARD_PAYLOAD_V6 = 1388;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Default mode ceiling: 3840×2160 at 240 Hz. Above that no encoder a host is likely to have keeps
     * up in real time, and a client asking for more only makes the host allocate huge pictures;
     * {@code --max-mode} raises it.
     */
    public static final Mode DEFAULT_MAX_MODE = new Mode(3840, 2160, 240);

    /** A policy whose bitrate ceiling is the protocol's, {@link #MAX_BITRATE_KBPS}. */
    public HandshakePolicy(int dataPort, int hostCodecs, int maxWidth, int maxHeight, int maxRefreshHz, int defaultBitrateKbps,
                           FecConfig fec) {
        this(dataPort, hostCodecs, maxWidth, maxHeight, maxRefreshHz, defaultBitrateKbps, fec, MAX_BITRATE_KBPS);
    }

    /** Defaults: H.264 + HEVC, up to {@link #DEFAULT_MAX_MODE}, 20 Mbps when the client doesn't ask. */
    public static HandshakePolicy defaults(int dataPort) {
        return new HandshakePolicy(dataPort, VideoCodecs.H264 | VideoCodecs.HEVC, DEFAULT_MAX_MODE.width(),
                DEFAULT_MAX_MODE.height(), DEFAULT_MAX_MODE.refreshHz(), 20_000, FecConfig.defaults());
    }

    /** The same policy with another mode ceiling. */
    public HandshakePolicy withMaxMode(Mode max) {
        return new HandshakePolicy(dataPort, hostCodecs, max.width(), max.height(), max.refreshHz(), defaultBitrateKbps, fec,
                maxBitrateKbps);
    }

    /** The same policy with another bitrate ceiling (the host operator's; clients' asks are clamped under it). */
    public HandshakePolicy withMaxBitrate(int kbps) {
        return new HandshakePolicy(dataPort, hostCodecs, maxWidth, maxHeight, maxRefreshHz,
                Math.min(defaultBitrateKbps, kbps), fec, Math.clamp(kbps, MIN_BITRATE_KBPS, MAX_BITRATE_KBPS));
    }

    /** The outcome of negotiating one Hello. */
    public sealed interface Outcome {
        /** Accepted: send this Welcome. */
        record Accepted(Welcome welcome) implements Outcome {
        }

        /** Refused with a code and a human-readable reason. */
        record Refused(CloseCode code, String reason) implements Outcome {
        }
    }

    /** Negotiates {@code hello} from a client at {@code peer}; fresh media key and salt on acceptance. */
    public Outcome negotiate(Hello hello, InetAddress peer) {
        Mode m = hello.mode();
        if (m.width() < 64 || m.height() < 64 || m.refreshHz() < 1) {
            return new Outcome.Refused(CloseCode.BAD_MODE, "mode " + m + " is below the smallest mode, 64x64@1");
        }
        if (m.width() > maxWidth || m.height() > maxHeight || m.refreshHz() > maxRefreshHz) {
            return new Outcome.Refused(CloseCode.BAD_MODE, "mode " + m + " is above this host's ceiling of " + maxWidth + "x"
                    + maxHeight + "@" + maxRefreshHz + " (the host can raise it with --max-mode)");
        }
        int codec = VideoCodecs.resolve(hello.videoCodecs(), hostCodecs, hello.preferredCodec());
        if (codec == 0) {
            return new Outcome.Refused(CloseCode.NO_SHARED_CODEC, String.format(
                    "no shared video codec (client 0x%02x, host 0x%02x)", hello.videoCodecs(), hostCodecs));
        }
        byte[] key = new byte[Welcome.KEY_BYTES];
        byte[] salt = new byte[Welcome.SALT_BYTES];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(salt);
        salt[0] &= 0x7F; // direction bit belongs to SessionParameters
        Welcome w = new Welcome(HandshakeMessage.PROTOCOL_VERSION, dataPort, m, fec, shardPayloadFor(peer), key, salt,
                clampBitrate(hello.bitrateKbps()), codec, hello.audioChannels() == 0 ? 2 : Math.min(hello.audioChannels(), 8), 0);
        return new Outcome.Accepted(w);
    }

    /** 0 → the default; otherwise clamped into [{@link #MIN_BITRATE_KBPS}, {@link #maxBitrateKbps}]. */
    public int clampBitrate(int askedKbps) {
        if (askedKbps <= 0) {
            return Math.min(defaultBitrateKbps, maxBitrateKbps);
        }
        return Math.clamp(askedKbps, MIN_BITRATE_KBPS, Math.max(MIN_BITRATE_KBPS, maxBitrateKbps));
    }

    /** 1408 for IPv4 (and v4-mapped IPv6) peers, 1388 for IPv6. */
    public static int shardPayloadFor(InetAddress peer) {
        if (peer instanceof Inet6Address v6 && !isV4Mapped(v6)) {
            return SHARD_PAYLOAD_V6;
        }
        return SHARD_PAYLOAD_V4;
    }

    private static boolean isV4Mapped(Inet6Address a) {
        byte[] b = a.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    }
}
