package io.punktfunk.control.message;

/** A peer broke the control protocol; the session ends with {@link #code()} and this message as the reason. */
public final class ControlProtocolException extends Exception {
    private final CloseCode code;

    public ControlProtocolException(CloseCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /** Close code to send to the peer. */
    public CloseCode code() {
        return code;
    }
}
