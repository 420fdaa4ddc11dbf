package io.punktfunk.host.gamestream.rtsp;

/**
 * The DESCRIBE answer (reference §3.4): Moonlight searches it for substrings. HEVC is offered by
 * the {@code sprop-parameter-sets} marker, AV1 by its rtpmap line; stereo Opus by the
 * {@code surround-params} line (normal quality first, then high quality).
 */
public final class DescribeBody {
    private DescribeBody() {
    }

    /**
     * @param codecModeSupport   /serverinfo's codec bits (0x100 HEVC, 0x10000 AV1)
     * @param encryptionSupported what the host can encrypt ({@code SS_ENC_*})
     * @param encryptionRequested what the host asks for
     */
    public static String build(int codecModeSupport, int encryptionSupported, int encryptionRequested) {
        StringBuilder sb = new StringBuilder();
        sb.append("a=x-ss-general.featureFlags:0\r\n");
        sb.append("a=x-ss-general.encryptionSupported:").append(encryptionSupported).append("\r\n");
        sb.append("a=x-ss-general.encryptionRequested:").append(encryptionRequested).append("\r\n");
        if ((codecModeSupport & 0x100) != 0) {
            sb.append("sprop-parameter-sets=AAAAAU\r\n");
        }
        if ((codecModeSupport & 0x10000) != 0) {
            sb.append("a=rtpmap:98 AV1/90000\r\n");
        }
        // stereo: 2 channels, 1 stream, 1 coupled, mapping 0 1 — once for normal, once for high quality
        sb.append("a=fmtp:97 surround-params=21101\r\n");
        sb.append("a=fmtp:97 surround-params=21101\r\n");
        return sb.toString();
    }
}
