package io.punktfunk.host.display;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An X server's lock file ({@code /tmp/.X<n>-lock}, its pid in ASCII) and socket ({@code /tmp/.X11-unix/X<n>}).
 * A killed server leaves both; they are removed only when the pid in the lock is no longer alive, so a
 * live server's files are never touched.
 */
final class XLockFiles {
    private XLockFiles() {
    }

    static Path lock(int display) {
        return Path.of("/tmp", ".X" + display + "-lock");
    }

    static Path socket(int display) {
        return Path.of("/tmp", ".X11-unix", "X" + display);
    }

    /** Removes lock and socket of {@code display} when no live process holds the lock; true if they are gone. */
    static boolean removeIfDead(int display) {
        Path lock = lock(display);
        try {
            if (Files.exists(lock)) {
                String pid = Files.readString(lock, StandardCharsets.US_ASCII).strip();
                if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                    return false;
                }
                Files.deleteIfExists(lock);
            }
            Files.deleteIfExists(socket(display));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
