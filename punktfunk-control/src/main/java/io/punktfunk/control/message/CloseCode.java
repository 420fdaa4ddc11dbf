package io.punktfunk.control.message;

/**
 * Application codes carried by {@code Refused}/{@code Close} messages and by the QUIC
 * CONNECTION_CLOSE that follows them. Values 0x42–0x71 are the Rust host's (reference §2.3);
 * 0x72 and up are this implementation's additions for framing and negotiation failures.
 */
public enum CloseCode {
    /** Orderly end of a session, nothing went wrong. */
    NORMAL(0x00, "closed"),
    /** Host is at its session limit. */
    BUSY(0x42, "host busy"),
    /** Client quit on purpose; the host tears its session down at once. */
    CLIENT_QUIT(0x51, "client quit"),
    /** Pairing attempted while no PIN is armed (none, expired or used up). */
    PAIRING_NOT_ARMED(0x60, "pairing not armed"),
    /** Too many failed pairing attempts; wait and retry. */
    RATE_LIMITED(0x62, "rate limited"),
    /** Client certificate is not paired with this host. */
    IDENTITY_REQUIRED(0x63, "not paired"),
    /** Pairing proof did not verify (wrong PIN or a relay in the middle). */
    DENIED(0x64, "denied"),
    /** Client speaks another control protocol version. */
    WIRE_VERSION(0x67, "wire version mismatch"),
    /** Host could not set the session up. */
    SETUP_FAILED(0x68, "setup failed"),
    /** A control frame or message was malformed or arrived in the wrong state. */
    PROTOCOL_VIOLATION(0x72, "protocol violation"),
    /** A control frame exceeded its size bound. */
    MESSAGE_TOO_LARGE(0x73, "message too large"),
    /** Requested display mode is out of range. */
    BAD_MODE(0x74, "unsupported mode"),
    /** Client and host share no video codec. */
    NO_SHARED_CODEC(0x75, "no shared codec"),
    /** Peer went silent for longer than the idle timeout. */
    IDLE_TIMEOUT(0x76, "idle timeout"),
    /** Host is shutting down. */
    HOST_SHUTDOWN(0x77, "host shutting down"),
    /**
     * A session thread on the sending end failed (data plane, encoder, decoder): that session ends, the
     * reason says which thread and why; other sessions are untouched.
     */
    INTERNAL_ERROR(0x78, "internal error");

    private final int code;
    private final String label;

    CloseCode(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** Wire value (u32 in messages, the QUIC application error code on close). */
    public int code() {
        return code;
    }

    /** Short lowercase description. */
    public String label() {
        return label;
    }

    /** The code with this wire value, or {@code null} when it is not one we know. */
    public static CloseCode fromCode(int code) {
        for (CloseCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }

    /** {@code "label (0xNN)"}, or the bare hex for an unknown value. */
    public static String describe(int code) {
        CloseCode c = fromCode(code);
        return (c != null ? c.label + " " : "code ") + String.format("(0x%02x)", code);
    }
}
