package io.punktfunk.control.pairing;

import io.punktfunk.control.identity.ConfigDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Tab-separated trust files: {@code #} comments, one record per line, rewritten atomically. */
final class TsvFile {
    private TsvFile() {
    }

    static List<String[]> read(Path file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < columns) {
                throw new IOException(file + ":" + lineNo + ": expected " + columns + " tab-separated columns");
            }
            rows.add(cols);
        }
        return rows;
    }

    static void write(Path file, String header, List<String[]> rows) throws IOException {
        ConfigDir.ensure(file.toAbsolutePath().getParent());
        StringBuilder sb = new StringBuilder("# ").append(header).append('\n');
        for (String[] r : rows) {
            sb.append(String.join("\t", r)).append('\n');
        }
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".tsv");
        try {
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Tabs and newlines would break the format; names are display-only, so replace them. */
    static String clean(String s) {
        return s.replaceAll("[\\t\\r\\n]", " ");
    }
}
