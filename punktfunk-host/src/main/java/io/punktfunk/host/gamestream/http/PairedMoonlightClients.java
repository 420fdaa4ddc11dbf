package io.punktfunk.host.gamestream.http;

import io.punktfunk.control.identity.ConfigDir;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Moonlight certificates paired with this host, in {@code gamestream-clients.tsv} in the config
 * dir: {@code fingerprint<TAB>name<TAB>paired-at<TAB>base64 DER} per line. The running host, {@code
 * host gamestream-clients} and {@code host gamestream-clients revoke} share the file: every change is
 * read-modify-write under an OS lock and replaced atomically; the host re-reads it when it changes,
 * so a revoked client is refused (401) on its next request.
 */
public final class PairedMoonlightClients {
    /** The file in the config dir. */
    public static final String FILE = "gamestream-clients.tsv";
    private static final String LOCK_FILE = "gamestream-clients.lock";

    /** One paired certificate. */
    public record Client(String fingerprint, String name, Instant pairedAt, X509Certificate certificate) {
    }

    private final Path dir;
    private final ReentrantLock localLock = new ReentrantLock();
    private volatile Snapshot snapshot = new Snapshot(List.of(), null);

    private record Snapshot(List<Client> clients, Object fileKey) {
    }

    private PairedMoonlightClients(Path dir) {
        this.dir = dir;
    }

    /** Opens the store of {@code dir} (the file need not exist). */
    public static PairedMoonlightClients open(Path dir) throws IOException {
        PairedMoonlightClients store = new PairedMoonlightClients(dir);
        store.refresh();
        return store;
    }

    /** SHA-256 of the certificate's DER, lowercase hex. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(PairingCrypto.sha256(cert.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** True when {@code cert} is paired (re-reads the file if another process changed it). */
    public boolean isPaired(X509Certificate cert) {
        String fp = fingerprint(cert);
        return list().stream().anyMatch(c -> c.fingerprint().equals(fp));
    }

    /** The paired clients, fresh from the file when it changed. */
    public List<Client> list() {
        try {
            refresh();
        } catch (IOException e) {
            // unreadable now (being replaced, disk trouble): the last good snapshot stays in force
        }
        return snapshot.clients();
    }

    /** Adds (or renames) a paired certificate. */
    public Client add(X509Certificate cert, String name) throws IOException {
        Client c = new Client(fingerprint(cert), clean(name), Instant.now(), cert);
        update(list -> {
            list.removeIf(x -> x.fingerprint().equals(c.fingerprint()));
            list.add(c);
        });
        return c;
    }

    /** Removes every client whose fingerprint starts with {@code prefix} (8 or more hex digits); returns them. */
    public List<Client> revoke(String prefix) throws IOException {
        String p = prefix.toLowerCase(Locale.ROOT);
        if (p.length() < 8 || !p.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new IllegalArgumentException("give 8 or more hex digits of the fingerprint");
        }
        List<Client> removed = new ArrayList<>();
        update(list -> list.removeIf(c -> {
            boolean match = c.fingerprint().startsWith(p);
            if (match) {
                removed.add(c);
            }
            return match;
        }));
        return removed;
    }

    private interface Change {
        void apply(List<Client> clients);
    }

    private void update(Change change) throws IOException {
        ConfigDir.ensure(dir);
        localLock.lock();
        try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            List<Client> clients = new ArrayList<>(read());
            change.apply(clients);
            write(clients);
            snapshot = new Snapshot(List.copyOf(clients), fileKey());
        } finally {
            localLock.unlock();
        }
    }

    private void refresh() throws IOException {
        Object key = fileKey();
        if (key != null && key.equals(snapshot.fileKey())) {
            return;
        }
        snapshot = new Snapshot(List.copyOf(read()), key);
    }

    /** Identity of the file's current version: inode, mtime and size (null when absent). */
    private Object fileKey() throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(dir.resolve(FILE), BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime().toMillis(), a.size());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private List<Client> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Client> out = new ArrayList<>();
        CertificateFactory cf;
        try {
            cf = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IOException("no X.509 support", e);
        }
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            try {
                X509Certificate cert = (X509Certificate) cf.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(c[3])));
                out.add(new Client(fingerprint(cert), c[1], Instant.parse(c[2]), cert));
            } catch (RuntimeException | CertificateException e) {
                throw new IOException(dir.resolve(FILE) + ":" + n + ": not a paired client line (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private void write(List<Client> clients) throws IOException {
        StringBuilder sb = new StringBuilder("# GameStream (Moonlight) clients: fingerprint, name, paired at, certificate\n");
        for (Client c : clients) {
            try {
                sb.append(c.fingerprint()).append('\t').append(c.name()).append('\t').append(c.pairedAt()).append('\t')
                        .append(Base64.getEncoder().encodeToString(c.certificate().getEncoded())).append('\n');
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IOException("cannot encode the certificate of " + c.name(), e);
            }
        }
        Path file = dir.resolve(FILE);
        Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String clean(String s) {
        String c = s == null ? "" : s.replaceAll("[\\t\\r\\n]", " ").strip();
        return c.isEmpty() ? "moonlight" : c.length() > 64 ? c.substring(0, 64) : c;
    }
}
