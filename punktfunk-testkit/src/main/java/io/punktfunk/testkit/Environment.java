package io.punktfunk.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Prerequisites of environment-dependent tests (Xvfb, PulseAudio, root, network namespaces, a C
 * compiler). On a developer's or user's machine a missing prerequisite skips the test with its
 * reason; where the environment is promised ({@code .ci/run} sets {@value #REQUIRED_ENV}=1, or
 * {@code -D}{@value #REQUIRED_PROPERTY}{@code =true}) it fails the test, so CI never silently
 * loses one.
 */
public final class Environment {

    /** Environment variable that makes every prerequisite mandatory (set by {@code .ci/run}). */
    public static final String REQUIRED_ENV = "PUNKTFUNK_REQUIRE_ENVIRONMENT";
    /** System property with the same effect. */
    public static final String REQUIRED_PROPERTY = "punktfunk.requireEnvironment";

    private Environment() {
    }

    /** True when missing prerequisites fail instead of skipping. */
    public static boolean required() {
        return "1".equals(System.getenv(REQUIRED_ENV)) || "true".equalsIgnoreCase(System.getenv(REQUIRED_ENV))
                || Boolean.getBoolean(REQUIRED_PROPERTY);
    }

    /**
     * Continues when {@code ready}; otherwise skips the calling test with {@code reason} (which
     * should say what is missing and how to install it), or fails it when the environment is
     * required.
     */
    public static void require(boolean ready, String reason) {
        if (ready) {
            return;
        }
        if (required()) {
            Assertions.fail("environment test cannot run (" + REQUIRED_ENV + " is set): " + reason);
        }
        // Surefire's console shows a skip without its reason; say it where the developer looks.
        System.err.println("[environment] test skipped: " + reason);
        Assumptions.abort(reason);
    }

    /** True when {@code command} is an executable on {@code PATH}. */
    public static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** True when this JVM runs as root (uid 0), which network-namespace tests need. */
    public static boolean isRoot() {
        try {
            Object uid = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
