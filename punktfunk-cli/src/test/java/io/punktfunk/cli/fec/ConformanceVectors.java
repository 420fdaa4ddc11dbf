package io.punktfunk.cli.fec;

import java.nio.file.Files;
import java.nio.file.Path;

/** The FEC conformance vector files the project carries (punktfunk-core's test resources). */
final class ConformanceVectors {
    private ConformanceVectors() {
    }

    /** {@code name} under {@code punktfunk-core/src/test/resources/vectors/fec}, from this module's basedir. */
    static Path file(String name) {
        Path moduleDir = Path.of(System.getProperty("basedir", "."));
        Path file = moduleDir.resolve("../punktfunk-core/src/test/resources/vectors/fec").resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("conformance vectors not found: " + file.toAbsolutePath());
        }
        return file;
    }
}
