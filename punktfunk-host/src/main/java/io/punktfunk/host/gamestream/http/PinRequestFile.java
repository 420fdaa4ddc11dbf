package io.punktfunk.host.gamestream.http;

import io.punktfunk.control.identity.ConfigDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivering a Moonlight PIN to a running host from another process ({@code punktfunk host
 * gamestream-pin 1234}), through {@code gamestream-pin.request} in the config dir (mode 0600 in the
 * 0700 dir, so only the host's user can). The host takes (reads and deletes) the file while a client
 * waits; the command reports delivery when the file is gone, and withdraws it otherwise, so a PIN
 * never lingers for a later client. Works the same for a host run as a daemon.
 */
public final class PinRequestFile {
    public static final String FILE = "gamestream-pin.request";
    /** A request older than this is stale and ignored. */
    public static final Duration MAX_AGE = Duration.ofSeconds(30);

    private PinRequestFile() {
    }

    /** Writes a PIN request (4 digits, checked). */
    public static void write(Path dir, String pin) throws IOException {
        if (pin == null || !pin.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("a Moonlight PIN is exactly 4 digits");
        }
        ConfigDir.ensure(dir);
        Path tmp = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(dir, ".tmp-", ".part", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".tmp-", ".part");
        try {
            Files.writeString(tmp, pin + "\t" + Instant.now() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Takes a pending PIN: empty if none, stale or unreadable (the file is removed either way). */
    public static Optional<String> take(Path dir, Instant now) {
        Path f = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
            Files.deleteIfExists(f);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            String[] c = text.strip().split("\t");
            if (Duration.between(Instant.parse(c[1]), now).compareTo(MAX_AGE) > 0 || !c[0].matches("[0-9]{4}")) {
                return Optional.empty();
            }
            return Optional.of(c[0]);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Waits up to {@code timeout} for a host to take the request; withdraws it and returns false if none did. */
    public static boolean awaitTaken(Path dir, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path f = dir.resolve(FILE);
        while (System.nanoTime() - deadline < 0) {
            if (!Files.exists(f)) {
                return true;
            }
            Thread.sleep(50);
        }
        Files.deleteIfExists(f);
        return false;
    }
}
