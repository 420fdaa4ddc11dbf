package io.punktfunk.host.display;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An X server's socket ({@code /tmp/.X11-unix/X<n>}) and, where the server writes one, its lock file
 * ({@code /tmp/.X<n>-lock}, its pid in ASCII; Debian's Xvfb started with {@code -displayfd} writes none). A
 * SIGKILLed server leaves them. They are removed only when nothing holds them: the lock's pid is not alive and
 * nobody accepts on the socket, so a live server that took the number since is never touched.
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

    /** Removes lock and socket of {@code display} when no live server holds them; true if they are gone. */
    static boolean removeIfDead(int display) {
        Path lock = lock(display);
        Path socket = socket(display);
        try {
            if (Files.exists(lock)) {
                String pid = Files.readString(lock, StandardCharsets.US_ASCII).strip();
                if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                    return false;
                }
            }
            if (Files.exists(socket) && accepts(socket)) {
                return false;
            }
            Files.deleteIfExists(lock);
            Files.deleteIfExists(socket);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean accepts(Path socket) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
