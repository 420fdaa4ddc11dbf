package io.punktfunk.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the team's read-only {@code shared/} folder: a sibling of the checkout, or an ancestor's. */
public final class SharedFiles {
    private SharedFiles() {
    }

    public static Path sharedDir() {
        String env = System.getenv("PUNKTFUNK_SHARED_DIR");
        if (env != null) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("vectors/fec"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/vectors/fec not found above " + Path.of("").toAbsolutePath()
                + " (set PUNKTFUNK_SHARED_DIR)");
    }
}
