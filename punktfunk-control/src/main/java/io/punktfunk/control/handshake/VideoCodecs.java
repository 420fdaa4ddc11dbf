package io.punktfunk.control.handshake;

/** Video codec bits as carried in Hello/Welcome (reference §2.5) and the host's pick between them. */
public final class VideoCodecs {
    public static final int H264 = 0x01;
    public static final int HEVC = 0x02;
    public static final int AV1 = 0x04;
    public static final int PYROWAVE = 0x08;

    private VideoCodecs() {
    }

    /**
     * The codec to use: {@code preferred} if both sides have it, else the ladder HEVC > AV1 > H.264;
     * PyroWave only when preferred. A client mask of 0 means HEVC only (old clients). Returns 0 when
     * nothing is shared.
     */
    public static int resolve(int clientMask, int hostMask, int preferred) {
        int client = clientMask == 0 ? HEVC : clientMask;
        int shared = client & hostMask;
        if (preferred != 0 && Integer.bitCount(preferred) == 1 && (shared & preferred) != 0) {
            return preferred;
        }
        for (int c : new int[] {HEVC, AV1, H264}) {
            if ((shared & c) != 0) {
                return c;
            }
        }
        return 0;
    }

    /** {@code "h264"}, {@code "hevc"}, … for one bit; hex otherwise. */
    public static String name(int codec) {
        return switch (codec) {
            case H264 -> "h264";
            case HEVC -> "hevc";
            case AV1 -> "av1";
            case PYROWAVE -> "pyrowave";
            default -> String.format("0x%02x", codec);
        };
    }

    /** Parses a comma list of names to a mask. */
    public static int parseMask(String list) {
        int mask = 0;
        for (String n : list.split(",")) {
            mask |= switch (n.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "h264", "avc" -> H264;
                case "hevc", "h265" -> HEVC;
                case "av1" -> AV1;
                case "pyrowave" -> PYROWAVE;
                default -> throw new IllegalArgumentException("unknown codec '" + n + "' (h264, hevc, av1, pyrowave)");
            };
        }
        return mask;
    }
}
