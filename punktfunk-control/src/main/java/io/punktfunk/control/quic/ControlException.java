package io.punktfunk.control.quic;

import io.punktfunk.control.message.CloseCode;

/**
 * A control-plane operation failed for a reason the user should see: a refusal from the host
 * (with its code), a pinning failure, a timeout, or a closed connection.
 */
public final class ControlException extends Exception {
    private final int code;

    public ControlException(int code, String reason) {
        super(reason);
        this.code = code;
    }

    public ControlException(int code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    /** The application close code (see {@link CloseCode}); -1 when the failure was local (TLS, timeout). */
    public int code() {
        return code;
    }

    /** The known code, or {@code null}. */
    public CloseCode closeCode() {
        return CloseCode.fromCode(code);
    }
}
