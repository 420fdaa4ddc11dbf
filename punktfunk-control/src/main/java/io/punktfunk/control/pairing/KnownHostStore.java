package io.punktfunk.control.pairing;

import io.punktfunk.control.identity.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client's pinned hosts, persisted as {@code known-hosts.tsv} in the config dir
 * ({@code host:port ‖ TAB ‖ fingerprint}). Written after a pairing verified the host's confirmation.
 */
public final class KnownHostStore {
    /** File name inside the config dir. */
    public static final String FILE = "known-hosts.tsv";

    private final Path file;
    private final Map<String, Fingerprint> hosts = new LinkedHashMap<>();

    private KnownHostStore(Path file) {
        this.file = file;
    }

    /** Loads the store in {@code configDir}. */
    public static KnownHostStore load(Path configDir) throws IOException {
        KnownHostStore s = new KnownHostStore(configDir.resolve(FILE));
        for (String[] row : TsvFile.read(s.file, 2)) {
            try {
                s.hosts.put(row[0], Fingerprint.parse(row[1]));
            } catch (IllegalArgumentException e) {
                throw new IOException(s.file + ": bad fingerprint for " + row[0], e);
            }
        }
        return s;
    }

    /** The pinned fingerprint for {@code hostKey} ({@code host:port}), if any. */
    public synchronized Optional<Fingerprint> lookup(String hostKey) {
        return Optional.ofNullable(hosts.get(hostKey));
    }

    /** Pins {@code fp} for {@code hostKey} and saves. */
    public synchronized void pin(String hostKey, Fingerprint fp) throws IOException {
        hosts.put(TsvFile.clean(hostKey), fp);
        List<String[]> rows = new ArrayList<>();
        hosts.forEach((k, v) -> rows.add(new String[] {k, v.hex()}));
        TsvFile.write(file, "punktfunk pinned hosts: host:port, fingerprint", rows);
    }
}
