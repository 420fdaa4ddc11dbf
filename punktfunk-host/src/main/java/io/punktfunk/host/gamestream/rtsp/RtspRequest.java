package io.punktfunk.host.gamestream.rtsp;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One RTSP request: {@code METHOD target RTSP/1.0}, headers, an optional body whose length
 * {@code Content-Length} gives (reference §3.1).
 *
 * @param headers keys in lower case
 */
public record RtspRequest(String method, String target, Map<String, String> headers, String body) {
    /** Largest request accepted: an ANNOUNCE is about 2 KB. */
    public static final int MAX_BYTES = 64 * 1024;

    public RtspRequest {
        headers = Map.copyOf(headers);
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** {@code CSeq} as sent (echoed in the answer); "0" when absent. */
    public String cseq() {
        String c = header("CSeq");
        return c == null ? "0" : c;
    }

    /** Index just past the blank line that ends the headers in {@code buf[0..len)}, or -1 while incomplete. */
    public static int headerEnd(byte[] buf, int len) {
        for (int i = 3; i < len; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Parses a complete request (headers and body). */
    public static RtspRequest parse(byte[] message) throws RtspProtocolException {
        int end = headerEnd(message, message.length);
        if (end < 0) {
            throw new RtspProtocolException("request has no blank line after its headers");
        }
        String head = new String(message, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].equals("RTSP/1.0") || !requestLine[0].matches("[A-Z_]{1,32}")) {
            throw new RtspProtocolException("bad request line '" + printable(lines[0]) + "'");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new RtspProtocolException("bad header line '" + printable(lines[i]) + "'");
            }
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        int bodyLength = contentLength(headers);
        if (message.length - end != bodyLength) {
            throw new RtspProtocolException("body is " + (message.length - end) + " bytes, Content-Length says " + bodyLength);
        }
        return new RtspRequest(requestLine[0], requestLine[1], headers, new String(message, end, bodyLength, StandardCharsets.UTF_8));
    }

    /** The announced body length; 0 when absent. */
    static int contentLength(Map<String, String> headers) throws RtspProtocolException {
        String v = headers.get("content-length");
        if (v == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0 || n > MAX_BYTES) {
                throw new RtspProtocolException("Content-Length out of range: " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new RtspProtocolException("Content-Length is not a number");
        }
    }

    private static String printable(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
