package io.punktfunk.control.pairing;

import io.punktfunk.control.identity.ConfigDir;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Tab-separated trust files: {@code #} comments, one record per line, rewritten atomically and durably. */
final class TsvFile {
    private TsvFile() {
    }

    static List<String[]> read(Path file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return rows;
        }
        int lineNo = 0;
        for (String line : lines) {
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
        StringBuilder sb = new StringBuilder("# ").append(header).append('\n');
        for (String[] r : rows) {
            sb.append(String.join("\t", r)).append('\n');
        }
        writeDurably(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code file} so that a crash at any point leaves either the old or the new content:
     * temp file in the same dir, fsync, atomic rename, fsync of the dir (so the rename itself survives).
     */
    static void writeDurably(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        ConfigDir.ensure(dir);
        Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
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
            syncDir(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for sync; the rename is still atomic there
        }
    }

    /** Tabs and newlines would break the format; names are display-only, so replace them. */
    static String clean(String s) {
        return s.replaceAll("[\\t\\r\\n]", " ");
    }
}
