package io.punktfunk.host.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * One host setting: its key in {@code host.toml} and the API ({@code table.name}), the {@code host}
 * flag that overrides it, its type, default, when a change takes effect, and its check. Values are
 * {@link Integer}, {@link Boolean}, {@link String} or {@link Duration}; text (a flag's argument)
 * and JSON/TOML values parse through the same check, so every source of a value fails alike.
 *
 * @param <T> the value's Java type
 */
public final class Setting<T> {
    /** The value types a setting can have. */
    public enum Kind {
        INTEGER("integer"), BOOLEAN("boolean"), STRING("string"), DURATION("duration");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String key;
    private final String flag;
    private final Kind kind;
    private final T defaultValue;
    private final Apply apply;
    private final String description;
    private final Function<T, String> check;

    private Setting(String key, String flag, Kind kind, T defaultValue, Apply apply, String description,
                    Function<T, String> check) {
        this.key = key;
        this.flag = flag;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.apply = apply;
        this.description = description;
        this.check = check;
    }

    /** An integer in [{@code min}, {@code max}]. */
    public static Setting<Integer> integer(String key, String flag, int defaultValue, int min, int max, Apply apply,
                                           String description) {
        return new Setting<>(key, flag, Kind.INTEGER, defaultValue, apply, description,
                v -> v < min || v > max ? "must be between " + min + " and " + max + ", not " + v : null);
    }

    public static Setting<Boolean> bool(String key, String flag, boolean defaultValue, Apply apply, String description) {
        return new Setting<>(key, flag, Kind.BOOLEAN, defaultValue, apply, description, v -> null);
    }

    /** A string; {@code check} returns why a value is bad, or null. */
    public static Setting<String> text(String key, String flag, String defaultValue, Apply apply, String description,
                                       Function<String, String> check) {
        return new Setting<>(key, flag, Kind.STRING, defaultValue, apply, description, check);
    }

    /** A positive duration no longer than {@code max}: {@code "120s"}, {@code "2m"}, {@code "500ms"} or a number of seconds. */
    public static Setting<Duration> duration(String key, String flag, Duration defaultValue, Duration max, Apply apply,
                                             String description) {
        return new Setting<>(key, flag, Kind.DURATION, defaultValue, apply, description,
                v -> v.compareTo(max) > 0 ? "must be at most " + format(max) + ", not " + format(v) : null);
    }

    public String key() {
        return key;
    }

    /** The {@code host} flag that overrides this setting, or null. */
    public String flag() {
        return flag;
    }

    public Kind kind() {
        return kind;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public Apply apply() {
        return apply;
    }

    public String description() {
        return description;
    }

    /** Parses a flag's argument; throws {@link IllegalArgumentException} with the reason. */
    public T parseText(String text) {
        Object v = switch (kind) {
            case INTEGER -> {
                try {
                    yield Integer.parseInt(text.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an integer, not '" + text + "'");
                }
            }
            case BOOLEAN -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("expected true or false, not '" + text + "'");
            };
            case STRING -> text;
            case DURATION -> parseDuration(text);
        };
        return checked(v);
    }

    /** Converts a TOML or JSON value; throws {@link IllegalArgumentException} naming the expected type. */
    public T fromJson(JsonNode node) {
        Object v = switch (kind) {
            case INTEGER -> {
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw new IllegalArgumentException("expected an integer, not " + describe(node));
                }
                yield node.intValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new IllegalArgumentException("expected true or false, not " + describe(node));
                }
                yield node.booleanValue();
            }
            case STRING -> {
                if (!node.isTextual()) {
                    throw new IllegalArgumentException("expected a string, not " + describe(node));
                }
                yield node.textValue();
            }
            case DURATION -> {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    yield positive(Duration.ofSeconds(node.longValue()), node.asText());
                }
                if (!node.isTextual()) {
                    throw new IllegalArgumentException("expected a duration such as \"120s\", not " + describe(node));
                }
                yield parseDuration(node.textValue());
            }
        };
        return checked(v);
    }

    /** The value as JSON (durations as text such as {@code "120s"}). */
    public JsonNode toJson(Object value) {
        return switch (kind) {
            case INTEGER -> IntNode.valueOf((Integer) value);
            case BOOLEAN -> BooleanNode.valueOf((Boolean) value);
            case STRING -> TextNode.valueOf((String) value);
            case DURATION -> TextNode.valueOf(format((Duration) value));
        };
    }

    /** The value as a TOML literal. */
    public String toToml(Object value) {
        return switch (kind) {
            case INTEGER, BOOLEAN -> String.valueOf(value);
            case STRING -> quote((String) value);
            case DURATION -> quote(format((Duration) value));
        };
    }

    @SuppressWarnings("unchecked")
    private T checked(Object v) {
        T value = (T) v;
        String why = check.apply(value);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return value;
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string " + quote(node.textValue());
        }
        if (node.isContainerNode()) {
            return node.isArray() ? "an array" : "a table";
        }
        return node.isBoolean() ? "a boolean" : node.isNumber() ? "the number " + node.asText() : node.getNodeType().name();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Parses {@code 120}, {@code 120s}, {@code 2m}, {@code 1h} or {@code 500ms} (a bare number is seconds). */
    public static Duration parseDuration(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(v));
            }
            return positive(d, text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 120s, 2m, 1h, 500ms)");
        }
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a duration must be positive, not '" + text + "'");
        }
        return d;
    }

    /** The shortest exact text: {@code 500ms}, {@code 120s}, {@code 2m}, {@code 1h}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    @Override
    public String toString() {
        return key;
    }
}
