package io.punktfunk.host.gamestream.rtsp;

import io.punktfunk.host.gamestream.GameStreamSessions;
import io.punktfunk.host.gamestream.LaunchRefusedException;
import io.punktfunk.host.gamestream.LaunchSession;
import io.punktfunk.host.gamestream.StreamLauncher;
import io.punktfunk.host.gamestream.StreamParameters;

/**
 * Answers the RTSP requests of a launched session (reference §3.3):
 * <pre>
 * OPTIONS ─▶ 200          DESCRIBE ─▶ codec, encryption and audio lines
 * SETUP streamid=audio|video ─▶ Session, Transport: server_port, X-SS-Ping-Payload
 * SETUP streamid=control     ─▶ Session, Transport: server_port, X-SS-Connect-Data
 * ANNOUNCE (SDP) ─▶ StreamParameters     PLAY ─▶ control, video and audio start
 * </pre>
 */
final class RtspHandler {
    /** The session token and its timeout, as Moonlight reads it (it keeps what precedes ';'). */
    private static final String SESSION_TIMEOUT = ";timeout = 90";

    private final GameStreamSessions sessions;
    private final int defaultFecPercent;

    RtspHandler(GameStreamSessions sessions, int defaultFecPercent) {
        this.sessions = sessions;
        this.defaultFecPercent = defaultFecPercent;
    }

    /** The answer to {@code r}; a refusal ends the session where the request was authentic but unusable. */
    RtspResponse handle(RtspRequest r, LaunchSession s) {
        StreamLauncher launcher = sessions.launcher();
        String cseq = r.cseq();
        try {
            switch (r.method()) {
                case "OPTIONS":
                    return RtspResponse.ok(cseq);
                case "DESCRIBE":
                    return RtspResponse.ok(cseq).body(DescribeBody.build(launcher.codecModeSupport(),
                            launcher.encryptionSupported(), StreamParameters.ENC_CONTROL_V2));
                case "SETUP":
                    return setup(r, s, cseq);
                case "ANNOUNCE":
                    checkSession(r, s);
                    StreamParameters p;
                    try {
                        String host = r.header("Host");
                        p = AnnounceParser.parse(r.body(), defaultFecPercent, host != null && host.contains("0.0.0.0"));
                    } catch (IllegalArgumentException e) {
                        sessions.end(s, "bad RTSP ANNOUNCE: " + e.getMessage());
                        return new RtspResponse(400, "Bad Request", cseq).header("X-Punktfunk-Reason", e.getMessage());
                    }
                    int unsupported = p.encryptionEnabled() & ~launcher.encryptionSupported()
                            | (p.audioEncrypted() && (launcher.encryptionSupported() & StreamParameters.ENC_AUDIO) == 0
                            ? StreamParameters.ENC_AUDIO : 0);
                    if (unsupported != 0) {
                        String why = "client enabled encryption 0x" + Integer.toHexString(unsupported) + " the host does not offer";
                        sessions.end(s, "bad RTSP ANNOUNCE: " + why);
                        return new RtspResponse(400, "Bad Request", cseq).header("X-Punktfunk-Reason", why);
                    }
                    if ((launcher.codecModeSupport() & codecBits(p.codec())) == 0) {
                        String why = "client chose bitStreamFormat " + p.codec() + ", which the host does not offer";
                        sessions.end(s, "bad RTSP ANNOUNCE: " + why);
                        return new RtspResponse(400, "Bad Request", cseq).header("X-Punktfunk-Reason", why);
                    }
                    sessions.announce(s, p);
                    return RtspResponse.ok(cseq);
                case "PLAY":
                    checkSession(r, s);
                    sessions.play(s);
                    return RtspResponse.ok(cseq);
                default:
                    return new RtspResponse(501, "Not Implemented", cseq);
            }
        } catch (LaunchRefusedException e) {
            return new RtspResponse(e.status(), reason(e.status()), cseq).header("X-Punktfunk-Reason", e.getMessage());
        }
    }

    /** The {@code ServerCodecModeSupport} bits that offer {@code bitStreamFormat} (any profile of it). */
    private static int codecBits(int bitStreamFormat) {
        return switch (bitStreamFormat) {
            case StreamParameters.CODEC_H264 -> 0x1;
            case StreamParameters.CODEC_HEVC -> 0x100 | 0x200;
            case StreamParameters.CODEC_AV1 -> 0x10000 | 0x20000;
            default -> 0;
        };
    }

    private RtspResponse setup(RtspRequest r, LaunchSession s, String cseq) throws LaunchRefusedException {
        String target = r.target();
        StreamLauncher.Streams streams = s.streams();
        RtspResponse ok = RtspResponse.ok(cseq).header("Session", s.rtspSessionId() + SESSION_TIMEOUT);
        if (target.contains("streamid=audio")) {
            return ok.header("Transport", "server_port=" + streams.audioPort()).header("X-SS-Ping-Payload", s.pingPayload());
        }
        checkSession(r, s);
        if (target.contains("streamid=video")) {
            return ok.header("Transport", "server_port=" + streams.videoPort()).header("X-SS-Ping-Payload", s.pingPayload());
        }
        if (target.contains("streamid=control")) {
            return ok.header("Transport", "server_port=" + streams.controlPort())
                    .header("X-SS-Connect-Data", Integer.toUnsignedString(s.connectData()));
        }
        return new RtspResponse(404, "Stream Not Found", cseq);
    }

    /** A Session header, when sent, must name this session. */
    private static void checkSession(RtspRequest r, LaunchSession s) throws LaunchRefusedException {
        String token = r.header("Session");
        if (token != null && !token.split(";", 2)[0].strip().equals(s.rtspSessionId())) {
            throw new LaunchRefusedException(454, "Session not found");
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 454 -> "Session Not Found";
            case 455 -> "Method Not Valid in This State";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
