package io.punktfunk.control.pairing;

import io.punktfunk.control.identity.ConfigDir;
import io.punktfunk.control.identity.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The host's paired clients, persisted as {@code paired-clients.tsv} in the config dir
 * ({@code fingerprint ‖ TAB ‖ name ‖ TAB ‖ paired-at ISO-8601}).
 *
 * <p>Several processes share the file (a running host, {@code host unpair}, {@code host clients}),
 * so every change is a read-modify-write of the file under an exclusive lock on
 * {@code paired-clients.lock}: a pairing on the host never undoes an unpair made elsewhere. Writes
 * are durable and atomic (see {@link TsvFile#writeDurably}). {@link #isPaired} reads an in-memory
 * snapshot and never touches the disk, so it is safe on an event loop; {@link #add}, {@link #remove}
 * and {@link #reload} do file I/O and must not run there. Thread-safe.
 */
public final class PairedClientStore {
    /** File name inside the config dir. */
    public static final String FILE = "paired-clients.tsv";
    /** Lock file beside it; its content is irrelevant, only the OS lock on it counts. */
    public static final String LOCK_FILE = "paired-clients.lock";
    private static final String HEADER = "punktfunk paired clients: fingerprint, name, paired-at";
    /** FileChannel locks are per process: threads of one JVM are ordered by this lock per file first. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    /** One paired client. */
    public record PairedClient(Fingerprint fingerprint, String name, Instant pairedAt) {
    }

    /** What a {@link #reload} found changed on disk. */
    public record Change(List<PairedClient> added, List<PairedClient> removed) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    /** Identifies one version of the file cheaply: inode (a rename makes a new one), mtime and size. */
    private record Stamp(Object fileKey, long modifiedNs, long size) {
        static final Stamp ABSENT = new Stamp(null, -1, -1);
    }

    private final Path file;
    private final Path lockFile;
    private final ReentrantLock jvmLock;
    private volatile Map<Fingerprint, PairedClient> clients = Map.of();
    private Stamp stamp = Stamp.ABSENT; // guarded by jvmLock
    /** The state the last {@link #reload} reported; changes are reported relative to it. Guarded by jvmLock. */
    private Map<Fingerprint, PairedClient> reported = Map.of();

    private PairedClientStore(Path configDir) {
        this.file = configDir.resolve(FILE).toAbsolutePath().normalize();
        this.lockFile = configDir.resolve(LOCK_FILE).toAbsolutePath().normalize();
        this.jvmLock = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
    }

    /** Loads the store in {@code configDir} (empty if the file doesn't exist yet). */
    public static PairedClientStore load(Path configDir) throws IOException {
        PairedClientStore s = new PairedClientStore(configDir);
        s.jvmLock.lock();
        try {
            s.stamp = stampOf(s.file);
            s.clients = java.util.Collections.unmodifiableMap(s.readFile());
            s.reported = s.clients;
        } finally {
            s.jvmLock.unlock();
        }
        return s;
    }

    /** True if {@code fp} is paired, as of the last load, change or {@link #reload}. No I/O. */
    public boolean isPaired(Fingerprint fp) {
        return clients.containsKey(fp);
    }

    /** All paired clients in pairing order. */
    public List<PairedClient> list() {
        return List.copyOf(clients.values());
    }

    /** Adds (or renames) a client: re-reads the file under the lock, adds, writes it back. Blocking I/O. */
    public PairedClient add(Fingerprint fp, String name) {
        PairedClient c = new PairedClient(fp, TsvFile.clean(name), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        modify(m -> m.put(fp, c));
        return c;
    }

    /**
     * Removes the clients whose fingerprint starts with {@code hexPrefix} (at least 8 digits, so a
     * typo can't unpair everyone) and saves; returns what was removed. Blocking I/O.
     */
    public List<PairedClient> remove(String hexPrefix) {
        String p = hexPrefix.strip().toLowerCase(Locale.ROOT);
        if (p.length() < 8) {
            throw new IllegalArgumentException("give at least 8 hex digits of the fingerprint");
        }
        List<PairedClient> removed = new ArrayList<>();
        modify(m -> m.values().removeIf(c -> {
            boolean hit = c.fingerprint().hex().startsWith(p);
            if (hit) {
                removed.add(c);
            }
            return hit;
        }));
        return removed;
    }

    /**
     * Re-reads the file if another process (or store) changed it since this one last saw it, and
     * returns who was added and removed since the previous reload, including changes this store's
     * own {@link #add} picked up from the file on the way. Cheap when nothing changed (one stat).
     * Blocking I/O.
     */
    public Change reload() throws IOException {
        jvmLock.lock();
        try {
            Stamp now = stampOf(file);
            if (!now.equals(stamp)) {
                Map<Fingerprint, PairedClient> fresh = readFile();
                stamp = now;
                clients = java.util.Collections.unmodifiableMap(fresh);
            }
            Map<Fingerprint, PairedClient> old = reported;
            Map<Fingerprint, PairedClient> cur = clients;
            reported = cur;
            if (old == cur) {
                return new Change(List.of(), List.of());
            }
            return new Change(cur.values().stream().filter(c -> !old.containsKey(c.fingerprint())).toList(),
                    old.values().stream().filter(c -> !cur.containsKey(c.fingerprint())).toList());
        } finally {
            jvmLock.unlock();
        }
    }

    private void modify(Consumer<Map<Fingerprint, PairedClient>> change) {
        jvmLock.lock();
        try {
            ConfigDir.ensure(file.getParent());
            try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                Map<Fingerprint, PairedClient> m = readFile(); // the file, not our snapshot: others may have changed it
                Map<Fingerprint, PairedClient> before = new LinkedHashMap<>(m);
                change.accept(m);
                // our own change is no news for reload(); what others changed meanwhile still is
                Map<Fingerprint, PairedClient> mine = new LinkedHashMap<>(reported);
                m.forEach((k, v) -> {
                    if (!before.containsKey(k)) {
                        mine.put(k, v);
                    }
                });
                before.keySet().stream().filter(k -> !m.containsKey(k)).forEach(mine::remove);
                reported = mine;
                List<String[]> rows = new ArrayList<>();
                for (PairedClient c : m.values()) {
                    rows.add(new String[] {c.fingerprint().hex(), c.name(), c.pairedAt().toString()});
                }
                TsvFile.write(file, HEADER, rows);
                stamp = stampOf(file);
                clients = java.util.Collections.unmodifiableMap(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        } finally {
            jvmLock.unlock();
        }
    }

    private Map<Fingerprint, PairedClient> readFile() throws IOException {
        Map<Fingerprint, PairedClient> m = new LinkedHashMap<>();
        for (String[] row : TsvFile.read(file, 3)) {
            try {
                Fingerprint fp = Fingerprint.parse(row[0]);
                m.put(fp, new PairedClient(fp, row[1], Instant.parse(row[2])));
            } catch (RuntimeException e) {
                throw new IOException(file + ": bad entry '" + String.join(" ", row) + "': " + e.getMessage(), e);
            }
        }
        return m;
    }

    private static Stamp stampOf(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(Objects.requireNonNullElse(a.fileKey(), ""), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    a.size());
        } catch (NoSuchFileException e) {
            return Stamp.ABSENT;
        }
    }
}
