package io.punktfunk.host.stream;

import io.punktfunk.control.message.CloseCode;

/** A session could not be set up; the session ends with {@link #code()} and this message as the client's reason. */
public final class SessionSetupException extends RuntimeException {
    private final CloseCode code;

    public SessionSetupException(CloseCode code, String reason) {
        super(reason);
        this.code = code;
    }

    public CloseCode code() {
        return code;
    }
}
