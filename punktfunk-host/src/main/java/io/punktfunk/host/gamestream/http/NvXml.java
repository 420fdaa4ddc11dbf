package io.punktfunk.host.gamestream.http;

/**
 * An nvhttp answer: {@code <root status_code="200">…</root>}. Moonlight reads the {@code
 * status_code} attribute, not the HTTP status (reference §2.1).
 */
final class NvXml {
    private final StringBuilder body = new StringBuilder();
    private final int status;
    private final String message;
    private String query;

    private NvXml(int status, String message) {
        this.status = status;
        this.message = message;
    }

    static NvXml ok() {
        return new NvXml(200, null);
    }

    /** A refusal with a status and one sentence for the user. */
    static NvXml error(int status, String message) {
        return new NvXml(status, message);
    }

    /** The {@code query} attribute: which path was refused. */
    NvXml query(String path) {
        this.query = path;
        return this;
    }

    NvXml add(String tag, Object value) {
        body.append('<').append(tag).append('>').append(escape(String.valueOf(value))).append("</").append(tag).append('>');
        return this;
    }

    /** Appends pre-built elements (an app entry). */
    NvXml raw(String xml) {
        body.append(xml);
        return this;
    }

    int status() {
        return status;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root status_code=\"").append(status).append('"');
        if (query != null) {
            sb.append(" query=\"").append(escape(query)).append('"');
        }
        if (message != null) {
            sb.append(" status_message=\"").append(escape(message)).append('"');
        }
        return sb.append('>').append(body).append("</root>\n").toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
