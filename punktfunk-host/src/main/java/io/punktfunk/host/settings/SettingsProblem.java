package io.punktfunk.host.settings;

/**
 * One thing wrong with a setting: which key, where (line in {@code host.toml}, 0 when it did not
 * come from a file) and why, in one plain sentence.
 */
public record SettingsProblem(String key, int line, String message) {
    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
