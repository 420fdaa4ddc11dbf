package io.punktfunk.host.settings;

import java.util.List;
import java.util.stream.Collectors;

/** Settings that cannot be used, with every problem found (not just the first). */
public final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<SettingsProblem> problems;

    public SettingsException(String source, List<SettingsProblem> problems) {
        super(source + ": " + problems.stream().map(SettingsProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<SettingsProblem> problems() {
        return problems;
    }
}
