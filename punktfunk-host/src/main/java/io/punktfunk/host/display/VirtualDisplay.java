package io.punktfunk.host.display;

import io.punktfunk.control.handshake.Mode;
import java.util.Optional;

/**
 * A display that exists only for one desktop: an X server without hardware today (Xvfb), a
 * compositor's headless output (gamescope, KWin) later. Clients of the desktop connect to {@link #name()}.
 */
public interface VirtualDisplay extends AutoCloseable {

    /** What X clients put in {@code DISPLAY}, such as {@code :7}. */
    String name();

    /** The mode it shows now. */
    Mode mode();

    /** The server process (for accounting and cleanup). */
    ProcessHandle server();

    /**
     * Switches to {@code mode} in place; empty on success, else why the backend cannot (the session then
     * needs a new display).
     */
    Optional<String> changeMode(Mode mode);

    /** Stops the server and removes what it left (lock file, socket). Safe to call twice. */
    @Override
    void close();
}
