package io.punktfunk.host.gamestream;

/** A /launch, /resume or RTSP step the host refuses: the status code and one plain sentence for the client. */
public final class LaunchRefusedException extends Exception {
    private final int status;

    public LaunchRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The {@code status_code} (nvhttp) or RTSP status to answer with. */
    public int status() {
        return status;
    }
}
