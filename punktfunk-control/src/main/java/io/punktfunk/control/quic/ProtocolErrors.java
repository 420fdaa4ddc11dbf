package io.punktfunk.control.quic;

import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlProtocolException;
import java.util.function.BiConsumer;

/** Maps an exception from a pipeline (Netty wraps decoder failures) to a close code and reason. */
final class ProtocolErrors {
    private ProtocolErrors() {
    }

    static void failWith(Throwable cause, BiConsumer<CloseCode, String> fail) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ControlProtocolException e) {
                fail.accept(e.code(), e.getMessage());
                return;
            }
        }
        fail.accept(CloseCode.PROTOCOL_VIOLATION, "control stream error: " + cause);
    }
}
