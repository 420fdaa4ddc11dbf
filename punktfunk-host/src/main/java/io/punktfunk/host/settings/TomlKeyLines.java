package io.punktfunk.host.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key of a TOML document is written: {@code "control.port" → 4}. The TOML parser turns
 * the document into a tree without positions, and a validation error must name the line, so this
 * reads the lines of a document the parser already accepted: table headers, {@code key = value}
 * lines (bare, quoted and dotted keys), skipping multi-line strings. A key inside an inline table
 * maps to its table's line ({@link #lineOf} falls back to the longest known prefix).
 */
final class TomlKeyLines {
    private final Map<String, Integer> lines = new HashMap<>();
    /** Per table: the header's line (0 for the root) and the line of its last key. */
    private final Map<String, int[]> tables = new HashMap<>();

    TomlKeyLines(List<String> text) {
        String table = "";
        tables.put("", new int[] {0, 0});
        String multiline = null; // the delimiter of a multi-line string we are inside
        for (int i = 0; i < text.size(); i++) {
            int lineNo = i + 1;
            String line = text.get(i);
            if (multiline != null) {
                if (line.contains(multiline)) {
                    multiline = null;
                }
                continue;
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[")) {
                boolean array = t.startsWith("[[");
                int end = t.indexOf(array ? "]]" : "]");
                if (end > 0) {
                    table = String.join(".", splitKey(t.substring(array ? 2 : 1, end)));
                    tables.put(table, new int[] {lineNo, lineNo});
                    lines.putIfAbsent(table, lineNo);
                }
                continue;
            }
            int eq = keyEnd(t);
            if (eq < 0) {
                continue;
            }
            String path = (table.isEmpty() ? "" : table + ".") + String.join(".", splitKey(t.substring(0, eq)));
            lines.putIfAbsent(path, lineNo);
            tables.get(table)[1] = lineNo;
            String value = t.substring(eq + 1).strip();
            for (String delim : new String[] {"\"\"\"", "'''"}) {
                if (value.startsWith(delim) && value.indexOf(delim, 3) < 0) {
                    multiline = delim;
                }
            }
        }
    }

    /** The line of {@code key}, or of the nearest enclosing key or table that has one; 0 if none. */
    int lineOf(String key) {
        String k = key;
        while (true) {
            Integer n = lines.get(k);
            if (n != null) {
                return n;
            }
            int dot = k.lastIndexOf('.');
            if (dot < 0) {
                return 0;
            }
            k = k.substring(0, dot);
        }
    }

    /** The line of {@code key} itself, or 0 when it is not written as its own {@code key = value} line. */
    int exactLineOf(String key) {
        return lines.getOrDefault(key, 0);
    }

    /** The header line of {@code table} and the line of its last key, or null when the table has no header. */
    int[] table(String table) {
        return tables.get(table);
    }

    /** Index of the {@code =} that ends the key part of a key/value line, or -1. */
    private static int keyEnd(String t) {
        char quote = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '=') {
                return i;
            }
        }
        return -1;
    }

    /** The parts of a dotted key, unquoted: {@code a."b.c" → [a, b.c]}. */
    static List<String> splitKey(String key) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (char c : key.strip().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '.') {
                parts.add(cur.toString().strip());
                cur.setLength(0);
            } else if (!Character.isWhitespace(c)) {
                cur.append(c);
            }
        }
        parts.add(cur.toString().strip());
        return parts;
    }
}
