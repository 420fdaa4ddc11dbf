package io.punktfunk.host.display;

import io.punktfunk.host.stream.DesktopUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a desktop's processes by a tag in their environment ({@value #TAG}={@code token}): the X server and
 * every command the desktop starts get it, and every process those start inherit it, including daemons that
 * left the process tree. So teardown, accounting and the cleanup after a crashed host see exactly the
 * desktop's processes and nobody else's ({@code /proc/<pid>/environ} is readable for one's own processes only).
 */
public final class DesktopProcesses {
    /** The environment variable that marks a desktop's processes. */
    public static final String TAG = "PUNKTFUNK_DESKTOP";
    private static final Path PROC = Path.of("/proc");
    /** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux architecture the host runs on. */
    private static final long TICKS_PER_SECOND = 100;
    private static final long PAGE_BYTES = 4096;

    private DesktopProcesses() {
    }

    /** Pids of live processes tagged {@code token}. */
    public static List<Long> tagged(String token) {
        byte[] needle = (TAG + "=" + token + "\0").getBytes(StandardCharsets.UTF_8);
        List<Long> pids = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path d : dirs) {
                long pid = Long.parseLong(d.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                byte[] env;
                try {
                    env = Files.readAllBytes(d.resolve("environ"));
                } catch (IOException | SecurityException e) {
                    continue; // gone, or not ours
                }
                if (contains(env, needle) && !zombie(d)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    private static boolean zombie(Path procDir) {
        String[] f = statFields(procDir);
        return f != null && f[0].equals("Z");
    }

    private static boolean contains(byte[] env, byte[] needle) {
        // entries are NUL-separated: match at the start or right after a NUL, so FOO_PUNKTFUNK_DESKTOP never counts
        outer:
        for (int i = 0; i + needle.length <= env.length; i++) {
            if (i > 0 && env[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (env[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Ends every process tagged {@code token}: SIGTERM, then SIGKILL for those still there after
     * {@code graceMs}; returns how many were found.
     */
    public static int killAll(String token, long graceMs) {
        List<Long> pids = tagged(token);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
        List<Long> left = pids;
        while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20); // polling process exit: ProcessHandle.onExit works only for children
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = tagged(token);
        }
        for (long pid : tagged(token)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        return pids.size();
    }

    /** Processes, resident memory and CPU time of everything tagged {@code token}, now. */
    public static DesktopUsage usage(String token) {
        int n = 0;
        long rss = 0;
        long ticks = 0;
        for (long pid : tagged(token)) {
            Path d = PROC.resolve(Long.toString(pid));
            String[] f = statFields(d);
            if (f == null) {
                continue;
            }
            n++;
            // fields after "(comm) ": state=0 … utime=11 stime=12 … rss(pages)=21
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            rss += Long.parseLong(f[21]) * PAGE_BYTES;
        }
        return new DesktopUsage(n, rss, ticks * (1_000_000_000L / TICKS_PER_SECOND));
    }

    /** The fields of /proc/<pid>/stat after the command name, or null when the process is gone. */
    private static String[] statFields(Path procDir) {
        try {
            String s = Files.readString(procDir.resolve("stat"), StandardCharsets.US_ASCII);
            int close = s.lastIndexOf(')'); // the command name may contain spaces and parentheses
            return s.substring(close + 2).strip().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
