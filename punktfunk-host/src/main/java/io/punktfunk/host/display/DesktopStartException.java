package io.punktfunk.host.display;

/** A desktop could not start: the reason (with the log's tail) is what the client is told. */
public final class DesktopStartException extends RuntimeException {
    public DesktopStartException(String reason) {
        super(reason);
    }
}
