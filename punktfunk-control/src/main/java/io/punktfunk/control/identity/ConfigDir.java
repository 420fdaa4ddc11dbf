package io.punktfunk.control.identity;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where punktfunk keeps identities and trust stores: {@code ~/.config/punktfunk}, or {@code PUNKTFUNK_CONFIG_DIR}. */
public final class ConfigDir {
    /** Environment variable that overrides the default location (tests and multi-instance setups). */
    public static final String ENV = "PUNKTFUNK_CONFIG_DIR";

    private ConfigDir() {
    }

    /** The config dir this process should use; not created. */
    public static Path resolve() {
        String override = System.getenv(ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("punktfunk");
    }

    /** Creates {@code dir} (mode 0700 where POSIX) if missing and returns it. */
    public static Path ensure(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            // another process created it first: fine
        }
        return dir;
    }
}
