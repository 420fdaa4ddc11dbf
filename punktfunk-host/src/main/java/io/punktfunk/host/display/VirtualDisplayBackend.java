package io.punktfunk.host.display;

import io.punktfunk.control.handshake.Mode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Creates {@link VirtualDisplay}s: one implementation per kind of server (Xvfb; later gamescope, KWin). */
public interface VirtualDisplayBackend {

    /** Short name for logs: {@code xvfb}. */
    String name();

    /** Why {@code mode} cannot be created, or empty when it can. */
    Optional<String> refusal(Mode mode);

    /** The modes this backend creates, in one line for a refused client. */
    String modesOffered();

    /**
     * Starts a display at {@code mode} and returns once X clients can connect. {@code environment} is added
     * to the server's environment (the desktop's tag, see {@link DesktopProcesses}); its output goes to
     * {@code log}. Throws {@link DesktopStartException} with the reason and the log's tail.
     */
    VirtualDisplay create(Mode mode, Map<String, String> environment, Path log);
}
