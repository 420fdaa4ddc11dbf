package io.punktfunk.host.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the OpenMetrics text subset the host writes: {@code # TYPE}/{@code # HELP}
 * before a family's samples, samples {@code name{l="v",…} value} of a declared family (counters as
 * {@code _total}), nothing after {@code # EOF}. Throws {@link IllegalArgumentException} naming the line.
 */
final class OpenMetricsParser {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"(,|$)");

    static List<Sample> parse(String text) {
        Map<String, String> types = new HashMap<>();
        List<Sample> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        boolean eof = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            if (eof) {
                if (!line.isEmpty() || i != lines.length - 1) {
                    throw new IllegalArgumentException("line " + n + ": text after # EOF");
                }
                continue;
            }
            if (line.equals("# EOF")) {
                eof = true;
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                if (p.length != 4 || types.put(p[2], p[3]) != null) {
                    throw new IllegalArgumentException("line " + n + ": bad or repeated TYPE");
                }
            } else if (line.startsWith("# HELP ")) {
                if (!types.containsKey(line.split(" ")[2])) {
                    throw new IllegalArgumentException("line " + n + ": HELP before TYPE");
                }
            } else {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException("line " + n + ": not a sample: " + line);
                }
                String name = m.group(1);
                String family = types.containsKey(name) ? name : name.replaceFirst("_total$", "");
                String type = types.get(family);
                if (type == null || (type.equals("counter") && !name.endsWith("_total"))) {
                    throw new IllegalArgumentException("line " + n + ": sample of an undeclared family or a counter without _total");
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    int at = 0;
                    while (l.find() && l.start() == at) {
                        labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                        at = l.end();
                    }
                    if (at != m.group(3).length()) {
                        throw new IllegalArgumentException("line " + n + ": bad labels");
                    }
                }
                out.add(new Sample(name, labels, Double.parseDouble(m.group(4))));
            }
        }
        if (!eof) {
            throw new IllegalArgumentException("no # EOF");
        }
        return out;
    }
}
