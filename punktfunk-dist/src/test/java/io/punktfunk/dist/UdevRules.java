package io.punktfunk.dist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of udev rules, for systems whose udevadm has no {@code verify} (systemd before 254;
 * Debian 12 has 252). It accepts only the keys and operators punktfunk's rules use, with udev's syntax
 * (udev(7)): comma-separated {@code KEY[{attr}]OP"value"}, {@code ==}/{@code !=} to match,
 * {@code =}/{@code +=}/{@code :=} to assign; each rule matches on something and assigns something.
 * Anything else is an error naming the line.
 */
final class UdevRules {
    /** One rule: its line and its keys in order (key with attribute → operator and value). */
    record Rule(int line, List<Key> keys) {
        String value(String key) {
            return keys.stream().filter(k -> k.name().equals(key)).map(Key::value).findFirst().orElse(null);
        }
    }

    record Key(String name, String operator, String value) {
    }

    private static final Set<String> MATCH_KEYS = Set.of("ACTION", "KERNEL", "SUBSYSTEM", "DRIVER");
    private static final Set<String> ASSIGN_KEYS = Set.of("GROUP", "MODE", "OWNER", "OPTIONS");
    private static final Set<String> MATCH_OPS = Set.of("==", "!=");
    private static final Set<String> ASSIGN_OPS = Set.of("=", "+=", ":=");
    private static final Pattern KEY = Pattern.compile("\\s*([A-Z_]+)(\\{[^}]*\\})?\\s*(==|!=|\\+=|:=|=)\\s*\"([^\"]*)\"\\s*");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");
    private static final Pattern STATIC_NODE = Pattern.compile("static_node=[a-z0-9_/-]+");

    private UdevRules() {
    }

    /** The rules of {@code text}; throws IllegalArgumentException listing every bad line. */
    static List<Rule> parse(String text) {
        List<Rule> rules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            StringBuilder line = new StringBuilder(lines[i]);
            while (line.toString().endsWith("\\") && i + 1 < lines.length) { // continuation
                line.setLength(line.length() - 1);
                line.append(lines[++i]);
            }
            String s = line.toString().strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            try {
                rules.add(rule(number, s));
            } catch (IllegalArgumentException e) {
                errors.add("line " + number + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return rules;
    }

    private static Rule rule(int number, String s) {
        List<Key> keys = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        boolean matches = false;
        boolean assigns = false;
        for (String part : splitOutsideQuotes(s)) {
            Matcher m = KEY.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("not KEY==\"value\" or KEY=\"value\": '" + part.strip() + "'");
            }
            String name = m.group(1);
            String op = m.group(3);
            String value = m.group(4);
            if (m.group(2) != null) {
                throw new IllegalArgumentException(name + " takes no {attribute} here");
            }
            if (MATCH_KEYS.contains(name)) {
                if (!MATCH_OPS.contains(op)) {
                    throw new IllegalArgumentException(name + " is a match key: use == or !=, not " + op);
                }
                matches = true;
            } else if (ASSIGN_KEYS.contains(name)) {
                if (!ASSIGN_OPS.contains(op) || (op.equals("+=") && !name.equals("OPTIONS"))) {
                    throw new IllegalArgumentException(name + " is assigned with = or :=" + (name.equals("OPTIONS") ? " or +=" : "")
                            + ", not " + op);
                }
                checkValue(name, value);
                assigns = true;
            } else {
                throw new IllegalArgumentException("unknown or unsupported key " + name + " (known: " + MATCH_KEYS + " " + ASSIGN_KEYS + ")");
            }
            if (seen.put(name + op, value) != null) {
                throw new IllegalArgumentException(name + op + " given twice");
            }
            keys.add(new Key(name, op, value));
        }
        if (!matches || !assigns) {
            throw new IllegalArgumentException("a rule needs a match key and an assignment");
        }
        return new Rule(number, List.copyOf(keys));
    }

    private static void checkValue(String name, String value) {
        switch (name) {
            case "GROUP", "OWNER" -> {
                if (!NAME.matcher(value).matches()) {
                    throw new IllegalArgumentException(name + " \"" + value + "\" is not a user or group name");
                }
            }
            case "MODE" -> {
                if (!MODE.matcher(value).matches()) {
                    throw new IllegalArgumentException("MODE \"" + value + "\" is not an octal mode such as 0660");
                }
            }
            case "OPTIONS" -> {
                for (String o : value.split(",")) {
                    if (!STATIC_NODE.matcher(o).matches()) {
                        throw new IllegalArgumentException("OPTIONS \"" + o + "\" unsupported (only static_node=NAME)");
                    }
                }
            }
            default -> throw new IllegalStateException(name);
        }
    }

    private static List<String> splitOutsideQuotes(String s) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        parts.add(s.substring(start));
        return parts;
    }
}
