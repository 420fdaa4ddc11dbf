package io.punktfunk.host.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The management API's admin token: 32 random bytes (base64url) in {@code api-token} in the config
 * dir, created on the host's first start with mode 0600 in the 0700 dir, so only the host's user can
 * read it. Loose permissions found on load are tightened again. Requests that change anything carry
 * it as {@code Authorization: Bearer TOKEN}.
 */
public final class AdminToken {
    /** File name inside the config dir. */
    public static final String FILE = "api-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] token;
    private final Path file;

    private AdminToken(String token, Path file) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.file = file;
    }

    /** Loads {@code dir/api-token}, creating it (0600) on first use. */
    public static AdminToken loadOrCreate(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        try {
            String t = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (t.length() < 32) {
                throw new IOException(file + " holds no usable token (delete it and restart the host for a new one)");
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return new AdminToken(t, file);
        } catch (NoSuchFileException e) {
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            String t = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".api-token-", ".part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, t + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new AdminToken(t, file);
        }
    }

    public Path file() {
        return file;
    }

    /** Whether {@code presented} is the token (constant time). */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.US_ASCII));
    }
}
