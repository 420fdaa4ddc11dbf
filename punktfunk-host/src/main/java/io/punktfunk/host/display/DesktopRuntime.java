package io.punktfunk.host.display;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime directory of one host's desktops. Each desktop has a directory {@code <root>/<token>} holding its
 * log and an {@value #OWNER} marker: the host's pid and start time, the display number and the server's pid.
 * The token is also the tag in every desktop process's environment ({@link DesktopProcesses}). A host that
 * died (SIGKILL, crash) leaves markers whose owner is gone; {@link #cleanStale} ends those desktops'
 * processes and removes their X lock files and sockets. Markers of a host that still runs are left alone.
 */
public final class DesktopRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopRuntime.class);
    static final String OWNER = "owner";

    private final Path root;
    private final String hostId;
    private final long hostPid;
    private final long hostStartMs;
    private final AtomicInteger sequence = new AtomicInteger();

    public DesktopRuntime(Path root) {
        this.root = root;
        ProcessHandle self = ProcessHandle.current();
        this.hostPid = self.pid();
        this.hostStartMs = startMs(self);
        this.hostId = hostPid + "-" + hostStartMs;
    }

    /** {@code $XDG_RUNTIME_DIR/punktfunk/desktops}, else {@code /tmp/punktfunk-<user>/desktops}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg))) {
            return Path.of(xdg, "punktfunk", "desktops");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "punktfunk-" + System.getProperty("user.name"), "desktops");
    }

    public Path root() {
        return root;
    }

    /** A new desktop's directory and token (the directory's name). */
    Path newDesktopDir() {
        try {
            Files.createDirectories(root);
            Path dir = root.resolve(hostId + "-" + sequence.incrementAndGet());
            Files.createDirectory(dir);
            return dir;
        } catch (IOException e) {
            throw new DesktopStartException("cannot create the desktop's runtime directory under " + root + ": " + e.getMessage());
        }
    }

    /** Writes the ownership marker once the display number and server pid are known. */
    void writeOwner(Path dir, int display, long serverPid) {
        try {
            Files.writeString(dir.resolve(OWNER), hostPid + " " + hostStartMs + " " + display + " " + serverPid + "\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DesktopStartException("cannot write the desktop's marker: " + e.getMessage());
        }
    }

    /** Removes a desktop's directory (its processes are gone). */
    static void remove(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.toString());
        }
    }

    /**
     * Ends what earlier runs of a host left under this root: for every desktop directory whose owning host is
     * no longer alive, its tagged processes, the X lock file and socket of its display, and the directory.
     * Returns how many desktops were cleaned.
     */
    public int cleanStale() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int cleaned = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                String token = dir.getFileName().toString();
                String[] owner = readOwner(dir);
                if (owner != null && alive(Long.parseLong(owner[0]), Long.parseLong(owner[1]))) {
                    continue; // a running host's desktop
                }
                if (owner == null && token.startsWith(hostId + "-")) {
                    continue; // ours, still starting
                }
                if (owner == null && !token.matches("\\d+-\\d+-\\d+")) {
                    continue; // not a desktop directory
                }
                if (owner == null && alive(Long.parseLong(token.split("-")[0]), Long.parseLong(token.split("-")[1]))) {
                    continue; // another live host's desktop, still starting
                }
                int killed = DesktopProcesses.killAll(token, 2000);
                boolean filesGone = owner == null || XLockFiles.removeIfDead(Integer.parseInt(owner[2]));
                remove(dir);
                cleaned++;
                LOG.info("cleaned a stale desktop {}{}: {} processes ended, X lock and socket {}", token,
                        owner == null ? "" : " (display :" + owner[2] + ")", killed, filesGone ? "removed" : "still held");
            }
        } catch (IOException e) {
            LOG.warn("cannot scan {} for stale desktops: {}", root, e.toString());
        }
        return cleaned;
    }

    private static String[] readOwner(Path dir) {
        try {
            String[] f = Files.readString(dir.resolve(OWNER), StandardCharsets.US_ASCII).strip().split(" ");
            return f.length == 4 && String.join("", f).matches("\\d+") ? f : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean alive(long pid, long startMs) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(DesktopRuntime::startMs)
                .map(s -> s == startMs).orElse(false);
    }

    private static long startMs(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
