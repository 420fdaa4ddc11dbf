package io.punktfunk.host.gamestream;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the GameStream front door listens and behaves. The UDP ports belong to the
 * {@link StreamLauncher}; RTSP SETUP announces whatever it bound.
 *
 * @param configDir     where the GameStream certificate, paired Moonlight clients and the app list live
 * @param bind          address the TCP servers listen on
 * @param httpPort      nvhttp over HTTP; 47989 is what every Moonlight client tries (0 = ephemeral, tests)
 * @param httpsPort     nvhttp over HTTPS; 47984 (announced in /serverinfo)
 * @param rtspPort      RTSP; 48010 (announced in /launch's sessionUrl0)
 * @param hostName      the name Moonlight shows
 * @param pinTimeout    how long pairing phase 1 waits for the PIN to be entered on the host; Moonlight
 *                      itself gives up after about 2 minutes
 * @param setupTimeout  a launch that reaches no RTSP PLAY within this ends and frees its slot
 * @param encryptedRtsp answer {@code rtspenc://} to clients that can (corever ≥ 1); plaintext RTSP otherwise
 * @param fecPercent    video FEC parity percent when the client does not announce one (Sunshine's default, 20)
 */
public record GameStreamSettings(Path configDir, String bind, int httpPort, int httpsPort, int rtspPort, String hostName,
                                 Duration pinTimeout, Duration setupTimeout, boolean encryptedRtsp, int fecPercent) {
    public static final int DEFAULT_HTTP_PORT = 47989;
    public static final int DEFAULT_HTTPS_PORT = 47984;
    public static final int DEFAULT_RTSP_PORT = 48010;

    public GameStreamSettings {
        if (fecPercent < 0 || fecPercent > 255) {
            throw new IllegalArgumentException("fecPercent must be 0..255");
        }
    }

    /** The well-known ports on all addresses, named after this machine. */
    public static GameStreamSettings defaults(Path configDir) {
        return new GameStreamSettings(configDir, "0.0.0.0", DEFAULT_HTTP_PORT, DEFAULT_HTTPS_PORT, DEFAULT_RTSP_PORT,
                localHostName(), Duration.ofSeconds(120), Duration.ofSeconds(60), true, 20);
    }

    public GameStreamSettings withPorts(int http, int https, int rtsp) {
        return new GameStreamSettings(configDir, bind, http, https, rtsp, hostName, pinTimeout, setupTimeout, encryptedRtsp, fecPercent);
    }

    public GameStreamSettings withBind(String address) {
        return new GameStreamSettings(configDir, address, httpPort, httpsPort, rtspPort, hostName, pinTimeout, setupTimeout,
                encryptedRtsp, fecPercent);
    }

    public GameStreamSettings withPinTimeout(Duration d) {
        return new GameStreamSettings(configDir, bind, httpPort, httpsPort, rtspPort, hostName, d, setupTimeout, encryptedRtsp,
                fecPercent);
    }

    public GameStreamSettings withSetupTimeout(Duration d) {
        return new GameStreamSettings(configDir, bind, httpPort, httpsPort, rtspPort, hostName, pinTimeout, d, encryptedRtsp,
                fecPercent);
    }

    public GameStreamSettings withEncryptedRtsp(boolean on) {
        return new GameStreamSettings(configDir, bind, httpPort, httpsPort, rtspPort, hostName, pinTimeout, setupTimeout, on,
                fecPercent);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "punktfunk";
        }
    }
}
