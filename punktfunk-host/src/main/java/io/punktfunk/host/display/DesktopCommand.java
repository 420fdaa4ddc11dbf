package io.punktfunk.host.display;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A command the desktop runs (window manager, app, session script): one shell line ({@code /bin/sh -c}, so
 * arguments and quoting work as in a terminal), started in the desktop's directory with {@code DISPLAY}
 * and the desktop's tag in its environment, its output appended to the desktop's log.
 */
public record DesktopCommand(String role, String line) {

    /** A started command. */
    record Running(DesktopCommand command, Process process) {
    }

    Running start(Path dir, Map<String, String> environment, Path log) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", line).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(environment);
        try {
            return new Running(this, pb.start());
        } catch (IOException e) {
            throw new DesktopStartException("cannot start " + role + " '" + line + "': " + e.getMessage());
        }
    }
}
