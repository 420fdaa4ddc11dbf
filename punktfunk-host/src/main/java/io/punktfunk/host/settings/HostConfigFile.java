package io.punktfunk.host.settings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code host.toml} in the config dir: the host's settings, one table per part of the host
 * ({@code [control]}, {@code [stream]}, {@code [input]}, {@code [pairing]}, {@code [api]},
 * {@code [discovery]}, {@code [gamestream]}). Reading checks every key and value and reports all problems with their line;
 * a missing file means all defaults. Changes made through the management API are written back in
 * place: the lines of changed keys are replaced, new keys go under their table, comments elsewhere stay.
 */
public final class HostConfigFile {
    /** File name inside the config dir. */
    public static final String FILE = "host.toml";
    private static final TomlMapper TOML = new TomlMapper();

    private HostConfigFile() {
    }

    /** The settings {@code dir/host.toml} sets (only those it names); empty when there is no file. */
    public static Map<Setting<?>, Object> read(Path dir) throws SettingsException, IOException {
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        return parse(file.toString(), text);
    }

    /** Parses and checks a document; {@code source} names it in errors. */
    public static Map<Setting<?>, Object> parse(String source, String text) throws SettingsException {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
            throw new SettingsException(source, List.of(new SettingsProblem("", line, "not valid TOML: " + e.getOriginalMessage())));
        }
        TomlKeyLines lines = new TomlKeyLines(text.lines().toList());
        List<SettingsProblem> problems = new ArrayList<>();
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        collect(root == null ? TOML.createObjectNode() : root, lines::lineOf, values, problems);
        if (problems.isEmpty()) {
            for (SettingsProblem p : HostSettings.defaults().with(values).crossCheck()) {
                problems.add(new SettingsProblem(p.key(), lines.lineOf(p.key()), p.message()));
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(source, problems);
        }
        return values;
    }

    /**
     * Checks a nested settings object ({@code {"control": {"port": 1}}}, the file's and the API's
     * layout) against the catalog; every problem goes to {@code problems} with the line {@code lineOf} gives.
     */
    public static void collect(JsonNode root, java.util.function.ToIntFunction<String> lineOf, Map<Setting<?>, Object> values,
                               List<SettingsProblem> problems) {
        if (!root.isObject()) {
            problems.add(new SettingsProblem("", 0, "settings must be an object of tables"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> t = root.fields(); t.hasNext(); ) {
            Map.Entry<String, JsonNode> table = t.next();
            String tableName = table.getKey();
            if (!table.getValue().isObject()) {
                problems.add(new SettingsProblem(tableName, lineOf.applyAsInt(tableName), "unknown setting; settings live in tables "
                        + tables() + ", e.g. [control] port = 9777"));
                continue;
            }
            if (!tables().contains(tableName)) {
                problems.add(new SettingsProblem(tableName, lineOf.applyAsInt(tableName), "unknown table; the tables are " + tables()));
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> f = table.getValue().fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> e = f.next();
                String key = tableName + "." + e.getKey();
                var setting = HostSettings.byKey(key);
                if (setting.isEmpty()) {
                    problems.add(new SettingsProblem(key, lineOf.applyAsInt(key), "unknown setting" + suggestion(tableName)));
                    continue;
                }
                try {
                    values.put(setting.get(), setting.get().fromJson(e.getValue()));
                } catch (IllegalArgumentException bad) {
                    problems.add(new SettingsProblem(key, lineOf.applyAsInt(key), bad.getMessage()));
                }
            }
        }
    }

    private static List<String> tables() {
        return HostSettings.ALL.stream().map(s -> s.key().substring(0, s.key().indexOf('.'))).distinct().toList();
    }

    private static String suggestion(String table) {
        return " in [" + table + "]; it has " + HostSettings.ALL.stream().map(Setting::key)
                .filter(k -> k.startsWith(table + ".")).map(k -> k.substring(table.length() + 1)).toList();
    }

    /**
     * Writes {@code changes} into {@code dir/host.toml} (created if missing), keeping every other line.
     * The result is parsed back before it replaces the file, so a bad write never leaves a broken file.
     */
    public static void update(Path dir, Map<Setting<?>, Object> changes) throws IOException, SettingsException {
        Path file = dir.resolve(FILE);
        List<String> lines = new ArrayList<>(Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8)
                : List.of("# punktfunk host settings (docs/host-config.md); flags given to `punktfunk host` override them"));
        for (Map.Entry<Setting<?>, Object> c : changes.entrySet()) {
            TomlKeyLines index = new TomlKeyLines(lines);
            String key = c.getKey().key();
            String table = key.substring(0, key.indexOf('.'));
            String name = key.substring(table.length() + 1);
            String entry = name + " = " + c.getKey().toToml(c.getValue());
            int at = index.exactLineOf(key);
            int[] header = index.table(table);
            if (at > 0 && header != null && at > header[0]) {
                String old = lines.get(at - 1);
                String indent = old.substring(0, old.length() - old.stripLeading().length());
                lines.set(at - 1, indent + entry);
            } else if (header != null && at == 0) {
                lines.add(header[1], entry); // after the table's last key
            } else if (at == 0) {
                lines.add("");
                lines.add("[" + table + "]");
                lines.add(entry);
            } else {
                throw new IOException(file + ": " + key + " is written in a form this host does not rewrite (line " + at
                        + "); edit the file by hand");
            }
        }
        String text = String.join("\n", lines) + "\n";
        parse(file.toString(), text);
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".host-", ".toml.part");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
