package io.punktfunk.host.gamestream.rtsp;

import io.punktfunk.host.gamestream.StreamParameters;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the client's ANNOUNCE body (an SDP-like list of {@code a=name:value} lines; reference
 * §3.5) into {@link StreamParameters}. Size, frame rate, packet size and bitrate are required;
 * everything else has the default Sunshine uses when it is absent.
 */
public final class AnnounceParser {
    private AnnounceParser() {
    }

    /** The {@code a=} attributes by name (values stripped of the trailing space Moonlight adds). */
    static Map<String, String> attributes(String body) {
        Map<String, String> attrs = new HashMap<>();
        for (String line : body.split("\r?\n")) {
            if (!line.startsWith("a=")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 2) {
                attrs.put(line.substring(2, colon), line.substring(colon + 1).strip());
            }
        }
        return attrs;
    }

    /**
     * Parses {@code body}. {@code defaultFecPercent} applies when the client sends no FEC percent;
     * {@code lowQualityAudio} is true when the client addressed RTSP to 0.0.0.0.
     * Throws {@link IllegalArgumentException} naming the missing or bad attribute.
     */
    public static StreamParameters parse(String body, int defaultFecPercent, boolean lowQualityAudio) {
        Map<String, String> a = attributes(body);
        int width = required(a, "x-nv-video[0].clientViewportWd", 16, 16384);
        int height = required(a, "x-nv-video[0].clientViewportHt", 16, 16384);
        int fps = required(a, "x-nv-video[0].maxFPS", 1, 1000);
        int packetSize = required(a, "x-nv-video[0].packetSize", 256, 16384);
        int bitrate = required(a, "x-nv-vqos[0].bw.maximumBitrateKbps", 100, 10_000_000);
        int codec = optional(a, "x-nv-vqos[0].bitStreamFormat", 0, 0, 2);
        int fecPercent = optional(a, "x-nv-vqos[0].fec.repairPercent", defaultFecPercent, 0, 255);
        int minFec = optional(a, "x-nv-vqos[0].fec.minRequiredFecPackets", 0, 0, 64);
        int channels = optional(a, "x-nv-audio.surround.numChannels", 2, 1, 8);
        return new StreamParameters(width, height, fps,
                optional(a, "x-nv-video[0].clientRefreshRateX100", 0, 0, 100_000), packetSize, bitrate,
                optional(a, "x-ml-video.configuredBitrateKbps", 0, 0, 10_000_000), codec, fecPercent, minFec,
                optional(a, "x-nv-video[0].videoEncoderSlicesPerFrame", 1, 1, 64),
                optional(a, "x-nv-video[0].maxNumReferenceFrames", 0, 0, 16),
                optional(a, "x-nv-video[0].dynamicRangeMode", 0, 0, 1),
                optional(a, "x-ss-video[0].chromaSamplingType", 0, 0, 1) == 1,
                channels, optional(a, "x-nv-audio.surround.channelMask", 3, 0, 0xFFFF),
                optional(a, "x-nv-audio.surround.AudioQuality", 0, 0, 1) == 1,
                optional(a, "x-nv-aqos.packetDuration", 5, 5, 10),
                optional(a, "x-nv-general.useReliableUdp", 0, 0, Integer.MAX_VALUE),
                optional(a, "x-nv-general.featureFlags", 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
                optional(a, "x-ss-general.encryptionEnabled", 0, 0, 0xFF),
                optional(a, "x-ml-general.featureFlags", 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
                lowQualityAudio);
    }

    private static int required(Map<String, String> a, String name, int min, int max) {
        String v = a.get(name);
        if (v == null) {
            throw new IllegalArgumentException("ANNOUNCE lacks " + name);
        }
        return number(name, v, min, max);
    }

    private static int optional(Map<String, String> a, String name, int dflt, int min, int max) {
        String v = a.get(name);
        return v == null ? dflt : number(name, v, min, max);
    }

    private static int number(String name, String v, int min, int max) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ANNOUNCE " + name + " is not a number: '" + v + "'");
        }
        if (min == Integer.MIN_VALUE && n >= 0 && n <= 0xFFFF_FFFFL) {
            return (int) n; // flag words: any 32-bit pattern
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("ANNOUNCE " + name + " out of range: " + v);
        }
        return (int) n;
    }
}
