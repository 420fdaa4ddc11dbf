package io.punktfunk.host.display;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last lines of a desktop's log, short enough to travel in a close reason (256 bytes on the wire). */
final class LogTail {
    private LogTail() {
    }

    /** Up to {@code maxChars} of the file's last non-blank lines joined with " | ", or "" when there are none. */
    static String of(Path log, int maxChars) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
        List<String> picked = new ArrayList<>();
        int used = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (used + line.length() + 3 > maxChars) {
                if (picked.isEmpty()) {
                    picked.add("…" + line.substring(line.length() - Math.max(1, maxChars - 1)));
                }
                break;
            }
            picked.addFirst(line);
            used += line.length() + 3;
        }
        return String.join(" | ", picked);
    }

    /** {@code reason}, then the log's tail after "; log: " when there is one. */
    static String withTail(String reason, Path log, int maxChars) {
        String tail = of(log, Math.max(20, maxChars - reason.length() - 7));
        return tail.isEmpty() ? reason : reason + "; log: " + tail;
    }
}
