package io.punktfunk.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads by name, from {@code /proc/self/task}: each task's {@code comm}
 * (the thread name the JVM gives the kernel, cut to 15 characters) and its user + system ticks.
 * Native threads a Java thread starts (x264's worker threads) inherit its name, so a prefix such as
 * {@code pkf-s3-} covers a session's encoder threads too, which {@code ThreadMXBean} cannot see.
 */
final class TaskCpu {
    /** Clock ticks per second of {@code /proc/.../stat} ({@code USER_HZ}; 100 on every Linux ABI we run on). */
    static final int TICKS_PER_SECOND = 100;

    /** One task: its name and CPU ticks so far. */
    record Task(String name, long ticks) {
    }

    private TaskCpu() {
    }

    /** Every thread of this process now, by task id (empty where {@code /proc} is missing). */
    static Map<Integer, Task> snapshot() {
        Map<Integer, Task> m = new HashMap<>();
        Path dir = Path.of("/proc/self/task");
        try (Stream<Path> tasks = Files.list(dir)) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int close = stat.lastIndexOf(')'); // comm may hold spaces and parentheses
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // fields after comm: state(3) ... utime(14) stime(15), so index 11 and 12 here
                    m.put(Integer.parseInt(t.getFileName().toString()),
                            new Task(name, Long.parseLong(f[11]) + Long.parseLong(f[12])));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between list and read: it no longer counts
                }
            }
        } catch (IOException e) {
            return m;
        }
        return m;
    }

    /** Threads alive in {@code now} whose name starts with {@code prefix}. */
    static int threads(Map<Integer, Task> now, String prefix) {
        return (int) now.values().stream().filter(t -> t.name().startsWith(prefix)).count();
    }

    /**
     * CPU seconds spent between two snapshots by threads whose name starts with {@code prefix}
     * (a thread that ended in between is not counted; one that started counts from zero).
     */
    static double seconds(Map<Integer, Task> before, Map<Integer, Task> now, String prefix) {
        long ticks = 0;
        for (Map.Entry<Integer, Task> e : now.entrySet()) {
            Task t = e.getValue();
            if (!t.name().startsWith(prefix)) {
                continue;
            }
            Task b = before.get(e.getKey());
            ticks += t.ticks() - (b != null && b.name().equals(t.name()) ? b.ticks() : 0);
        }
        return (double) ticks / TICKS_PER_SECOND;
    }
}
