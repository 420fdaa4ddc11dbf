package io.punktfunk.host.gamestream;

import java.util.HexFormat;
import java.util.Map;

/**
 * The arguments of {@code /launch} and {@code /resume} (reference §2.7).
 *
 * @param appId          the app to start (0 for /resume)
 * @param width          asked width from {@code mode=WxHxFPS} (0 when absent)
 * @param height         asked height
 * @param fps            asked frame rate
 * @param rikey          the 16-byte AES key of everything that follows (RTSP, control, video, audio)
 * @param rikeyId        {@code rikeyid}: signed decimal int32, the audio CBC IV base
 * @param coreVersion    {@code corever}; 1 or more lets the host use encrypted RTSP
 * @param surroundAudioInfo {@code (channelMask << 16) | channelCount}; stereo is 0x30002
 * @param localAudioPlayMode 1 when the host should keep playing audio locally
 */
public record LaunchRequest(int appId, int width, int height, int fps, byte[] rikey, int rikeyId, int coreVersion,
                            int surroundAudioInfo, int localAudioPlayMode) {

    /**
     * Parses the query arguments; {@code requireApp} for /launch (appid and localAudioPlayMode
     * required), not for /resume. Throws {@link IllegalArgumentException} naming the bad argument.
     */
    public static LaunchRequest parse(Map<String, String> args, boolean requireApp) {
        byte[] key = hex16(required(args, "rikey"), "rikey");
        int keyId = parseInt(required(args, "rikeyid"), "rikeyid");
        int app = 0;
        int localAudio = 0;
        if (requireApp) {
            app = parseInt(required(args, "appid"), "appid");
            localAudio = parseInt(required(args, "localAudioPlayMode"), "localAudioPlayMode");
        }
        int w = 0;
        int h = 0;
        int f = 0;
        String mode = args.get("mode");
        if (mode != null && !mode.isEmpty()) {
            String[] p = mode.split("x");
            if (p.length != 3) {
                throw new IllegalArgumentException("mode must be WxHxFPS, got '" + mode + "'");
            }
            w = parseInt(p[0], "mode width");
            h = parseInt(p[1], "mode height");
            f = parseInt(p[2], "mode fps");
            if (w <= 0 || h <= 0 || f <= 0 || w > 16384 || h > 16384 || f > 1000) {
                throw new IllegalArgumentException("mode out of range: " + mode);
            }
        }
        int core = args.containsKey("corever") ? parseInt(args.get("corever"), "corever") : 0;
        int surround = args.containsKey("surroundAudioInfo") ? parseInt(args.get("surroundAudioInfo"), "surroundAudioInfo") : 0x30002;
        return new LaunchRequest(app, w, h, f, key, keyId, core, surround, localAudio);
    }

    private static String required(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private static int parseInt(String v, String name) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < Integer.MIN_VALUE || n > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(name + " out of range: " + v);
            }
            return (int) n; // rikeyid is signed on the wire, surroundAudioInfo may be sent unsigned
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: '" + v + "'");
        }
    }

    private static byte[] hex16(String v, String name) {
        if (v.length() != 32) {
            throw new IllegalArgumentException(name + " must be 32 hex digits");
        }
        try {
            return HexFormat.of().parseHex(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not hex");
        }
    }
}
