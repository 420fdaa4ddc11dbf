package io.punktfunk.control.pairing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.security.SecureRandom;

/**
 * Arming pairing on a running host from another process, through two files in the config dir
 * (mode 0600, inside the 0700 dir, so only the host's user can arm or read a PIN):
 * <pre>
 * punktfunk host pair-arm                          running punktfunk host (watches the dir)
 *   writes pair-arm.request  {id, ttl, digits, at} ──▶  deletes it, arms a PIN
 *   waits for pairing-pin with the same id        ◀──  writes pairing-pin {id, PIN, expires-at}
 *   prints the PIN                                      deletes pairing-pin when the window closes
 * </pre>
 * A request older than {@link #MAX_REQUEST_AGE} is ignored, so a request nobody answered can never
 * arm a host started later.
 */
public final class PairingRequests {
    public static final String REQUEST_FILE = "pair-arm.request";
    public static final String PIN_FILE = "pairing-pin";
    /** A request the host has not picked up within this is stale. */
    public static final Duration MAX_REQUEST_AGE = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private PairingRequests() {
    }

    /** An arm request. */
    public record Request(String id, Duration ttl, int digits, Instant at) {
    }

    /** The host's answer: the armed PIN. */
    public record Answer(String id, String pin, Instant expiresAt) {
    }

    /** Writes a request for a window of {@code ttl} with a {@code digits}-digit PIN; returns it. */
    public static Request write(Path dir, Duration ttl, int digits) throws IOException {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        Request r = new Request(HexFormat.of().formatHex(id), ttl, digits, Instant.now());
        String line = r.id() + "\t" + ttl.toSeconds() + "\t" + digits + "\t" + r.at() + "\n";
        TsvFile.writeDurably(dir.resolve(REQUEST_FILE), line.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** Takes (reads and deletes) a pending request; empty if none, or if it is stale or unreadable. */
    public static Optional<Request> take(Path dir, Instant now) throws IOException {
        Path f = dir.resolve(REQUEST_FILE);
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Files.deleteIfExists(f);
        try {
            String[] c = text.strip().split("\t");
            Request r = new Request(c[0], Duration.ofSeconds(Long.parseLong(c[1])), Integer.parseInt(c[2]), Instant.parse(c[3]));
            if (Duration.between(r.at(), now).compareTo(MAX_REQUEST_AGE) > 0) {
                return Optional.empty();
            }
            return Optional.of(r);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The host publishes the PIN it armed for request {@code id}. */
    public static void answer(Path dir, Answer a) throws IOException {
        String line = a.id() + "\t" + a.pin() + "\t" + a.expiresAt() + "\n";
        TsvFile.writeDurably(dir.resolve(PIN_FILE), line.getBytes(StandardCharsets.UTF_8));
    }

    /** The window closed: the PIN is no longer of use to anyone. */
    public static void withdraw(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(PIN_FILE));
    }

    /** The published answer, if any. */
    public static Optional<Answer> readAnswer(Path dir) throws IOException {
        try {
            String[] c = Files.readString(dir.resolve(PIN_FILE), StandardCharsets.UTF_8).strip().split("\t");
            return Optional.of(new Answer(c[0], c[1], Instant.parse(c[2])));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // half-written by an old host version, or garbage: treat as absent
        }
    }

    /** Waits up to {@code timeout} for the answer to {@code request}; withdraws the request if none comes. */
    public static Optional<Answer> await(Path dir, Request request, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<Answer> a = readAnswer(dir);
            if (a.isPresent() && a.get().id().equals(request.id())) {
                return a;
            }
            Thread.sleep(50);
        }
        Files.deleteIfExists(dir.resolve(REQUEST_FILE)); // nobody took it: it must not arm a later host
        return Optional.empty();
    }
}
