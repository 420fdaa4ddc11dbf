package io.punktfunk.embed;

import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.ConfigDir;
import io.punktfunk.control.quic.QuicSettings;
import io.punktfunk.media.video.PixelFormat;
import java.nio.file.Path;

/**
 * {@code PunktfunkOptions} after defaults and validation ({@link #of} is the one place that decides
 * what 0 means).
 */
record EmbedOptions(String host, int port, Path configDir, String clientName, Mode mode, int bitrateKbps,
                    int codecs, int preferredCodec, PixelFormat pixelFormat, int audioFormat, int connectTimeoutMs) {
    static final int PIXFMT_BGRA = 1;
    static final int PIXFMT_I420 = 2;
    static final int AUDIO_NONE = 0;
    static final int AUDIO_PCM_S16 = 1;
    static final int AUDIO_OPUS = 2;
    /** What the client decodes: H.264 and HEVC (and AV1 where FFmpeg has a decoder). */
    static final int DECODABLE = VideoCodecs.H264 | VideoCodecs.HEVC | VideoCodecs.AV1;

    static EmbedOptions of(String host, int port, String configDir, String clientName, int width, int height,
                           int refreshHz, int bitrateKbps, int codecs, int preferred, int pixelFormat,
                           int audioFormat, int connectTimeoutMs) throws EmbedException {
        if (host == null || host.isBlank()) {
            throw bad("host is required");
        }
        if (port < 0 || port > 65535) {
            throw bad("port " + port + " outside 0..65535");
        }
        Mode mode = new Mode(width == 0 ? 1280 : width, height == 0 ? 720 : height, refreshHz == 0 ? 60 : refreshHz);
        if (mode.width() < 16 || mode.height() < 16 || mode.width() > 7680 || mode.height() > 4320
                || ((mode.width() | mode.height()) & 1) != 0 || mode.refreshHz() < 1 || mode.refreshHz() > 1000) {
            throw bad("mode " + mode.width() + "x" + mode.height() + "@" + mode.refreshHz()
                    + " not even, or outside 16x16..7680x4320, ≤ 1000 Hz");
        }
        if (bitrateKbps < 0) {
            throw bad("bitrate_kbps " + bitrateKbps + " is negative");
        }
        int mask = codecs == 0 ? VideoCodecs.H264 : codecs;
        if ((mask & ~DECODABLE) != 0) {
            throw bad(String.format("codecs 0x%x: this client decodes 0x%x", mask, DECODABLE));
        }
        int pref = preferred == 0 ? VideoCodecs.H264 : preferred;
        if (Integer.bitCount(pref) != 1 || (pref & DECODABLE) == 0) {
            throw bad(String.format("preferred_codec 0x%x is not one codec", pref));
        }
        PixelFormat pf = switch (pixelFormat) {
            case 0, PIXFMT_BGRA -> PixelFormat.BGRA;
            case PIXFMT_I420 -> PixelFormat.I420;
            default -> throw bad("pixel_format " + pixelFormat);
        };
        if (audioFormat < AUDIO_NONE || audioFormat > AUDIO_OPUS) {
            throw bad("audio_format " + audioFormat);
        }
        if (connectTimeoutMs < 0) {
            throw bad("connect_timeout_ms " + connectTimeoutMs + " is negative");
        }
        Path dir = configDir == null || configDir.isEmpty() ? ConfigDir.resolve() : Path.of(configDir);
        return new EmbedOptions(host.strip(), port == 0 ? QuicSettings.DEFAULT_PORT : port, dir,
                clientName == null || clientName.isBlank() ? "punktfunk embed" : clientName, mode,
                bitrateKbps == 0 ? 20_000 : bitrateKbps, mask, pref, pf, audioFormat,
                connectTimeoutMs == 0 ? 15_000 : connectTimeoutMs);
    }

    private static EmbedException bad(String why) {
        return new EmbedException(EmbedStatus.INVALID_ARGUMENT, why);
    }

    /** The key of known-hosts.tsv, as {@code punktfunk pair} writes it (cli HostTarget.key): so both share pairings. */
    String hostKey() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
