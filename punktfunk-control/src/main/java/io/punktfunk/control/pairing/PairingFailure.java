package io.punktfunk.control.pairing;

import io.punktfunk.control.message.CloseCode;

/** A pairing attempt did not succeed; {@link #code()} says why (denied, rate limited, not armed, …). */
public final class PairingFailure extends Exception {
    private final CloseCode code;

    public PairingFailure(CloseCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public CloseCode code() {
        return code;
    }
}
