package io.punktfunk.dist;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository this module sits in (tests run in the module's directory) and its packaging/ files. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        Path module = Path.of("").toAbsolutePath();
        Path root = module.getParent();
        if (root == null || !Files.isDirectory(root.resolve("packaging"))) {
            throw new IllegalStateException("run from punktfunk-dist/: no packaging/ next to " + module);
        }
        return root;
    }

    static Path packaging(String relative) {
        Path p = root().resolve("packaging").resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing " + p);
        }
        return p;
    }
}
