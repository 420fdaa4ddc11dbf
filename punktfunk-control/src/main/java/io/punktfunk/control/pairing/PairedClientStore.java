package io.punktfunk.control.pairing;

import io.punktfunk.control.identity.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's paired clients, persisted as {@code paired-clients.tsv} in the config dir
 * ({@code fingerprint ‖ TAB ‖ name ‖ TAB ‖ paired-at ISO-8601}). Thread-safe; every change is written through.
 */
public final class PairedClientStore {
    /** File name inside the config dir. */
    public static final String FILE = "paired-clients.tsv";

    /** One paired client. */
    public record PairedClient(Fingerprint fingerprint, String name, Instant pairedAt) {
    }

    private final Path file;
    private final Map<Fingerprint, PairedClient> clients = new LinkedHashMap<>();

    private PairedClientStore(Path file) {
        this.file = file;
    }

    /** Loads the store in {@code configDir} (empty if the file doesn't exist yet). */
    public static PairedClientStore load(Path configDir) throws IOException {
        PairedClientStore s = new PairedClientStore(configDir.resolve(FILE));
        for (String[] row : TsvFile.read(s.file, 3)) {
            try {
                Fingerprint fp = Fingerprint.parse(row[0]);
                s.clients.put(fp, new PairedClient(fp, row[1], Instant.parse(row[2])));
            } catch (RuntimeException e) {
                throw new IOException(s.file + ": bad entry '" + String.join(" ", row) + "': " + e.getMessage(), e);
            }
        }
        return s;
    }

    /** True if {@code fp} is paired. */
    public synchronized boolean isPaired(Fingerprint fp) {
        return clients.containsKey(fp);
    }

    /** Adds (or renames) a client and saves. */
    public synchronized PairedClient add(Fingerprint fp, String name) {
        PairedClient c = new PairedClient(fp, TsvFile.clean(name), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        clients.put(fp, c);
        save();
        return c;
    }

    /**
     * Removes the clients whose fingerprint starts with {@code hexPrefix} (at least 8 digits, so a
     * typo can't unpair everyone) and saves; returns what was removed.
     */
    public synchronized List<PairedClient> remove(String hexPrefix) {
        String p = hexPrefix.strip().toLowerCase(java.util.Locale.ROOT);
        if (p.length() < 8) {
            throw new IllegalArgumentException("give at least 8 hex digits of the fingerprint");
        }
        List<PairedClient> removed = new ArrayList<>();
        clients.values().removeIf(c -> {
            boolean hit = c.fingerprint().hex().startsWith(p);
            if (hit) {
                removed.add(c);
            }
            return hit;
        });
        if (!removed.isEmpty()) {
            save();
        }
        return removed;
    }

    /** All paired clients in pairing order. */
    public synchronized List<PairedClient> list() {
        return List.copyOf(clients.values());
    }

    private void save() {
        List<String[]> rows = new ArrayList<>();
        for (PairedClient c : clients.values()) {
            rows.add(new String[] {c.fingerprint().hex(), c.name(), c.pairedAt().toString()});
        }
        try {
            TsvFile.write(file, "punktfunk paired clients: fingerprint, name, paired-at", rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }
}
