package io.punktfunk.cli.control;

import io.punktfunk.control.identity.ConfigDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config-dir}, defaulting to {@code PUNKTFUNK_CONFIG_DIR} or {@code ~/.config/punktfunk}. */
public final class ConfigDirOption {
    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "identity and trust files (default: $PUNKTFUNK_CONFIG_DIR or ~/.config/punktfunk)")
    Path dir;

    public Path resolve() {
        return dir != null ? dir : ConfigDir.resolve();
    }
}
