package io.punktfunk.host.gamestream.rtsp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RTSP answer: {@code RTSP/1.0 <status> <reason>}, {@code CSeq}, headers, body. No
 * Content-Length is needed: the client reads until the host closes (reference §3.1), but one is
 * sent with a body anyway for readers that want it.
 */
public final class RtspResponse {
    private final int status;
    private final String reason;
    private final String cseq;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body = "";

    public RtspResponse(int status, String reason, String cseq) {
        this.status = status;
        this.reason = reason;
        this.cseq = cseq;
    }

    public static RtspResponse ok(String cseq) {
        return new RtspResponse(200, "OK", cseq);
    }

    public RtspResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public RtspResponse body(String text) {
        this.body = text;
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] bytes() {
        StringBuilder sb = new StringBuilder("RTSP/1.0 ").append(status).append(' ').append(reason).append("\r\n");
        sb.append("CSeq: ").append(cseq).append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0) {
            sb.append("Content-Length: ").append(b.length).append("\r\n");
        }
        sb.append("\r\n").append(body);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
