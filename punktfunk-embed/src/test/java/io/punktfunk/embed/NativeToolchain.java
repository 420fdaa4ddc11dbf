package io.punktfunk.embed;

import io.punktfunk.testkit.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The module's C side for tests: gcc, the header, the library the build made, and running a program. */
final class NativeToolchain {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path INCLUDE = MODULE.resolve("src/main/c/include");
    static final Path TESTS_C = MODULE.resolve("src/test/c");
    static final Path LIBRARY_DIR = MODULE.resolve("target/native");
    static final Path LIBRARY = LIBRARY_DIR.resolve("libpunktfunk_client.so");
    static final Path OUT = MODULE.resolve("target/c-tests");

    private NativeToolchain() {
    }

    /** Skips (or under CI fails) the test when gcc is missing. */
    static void requireGcc() {
        Environment.require(Environment.onPath("gcc"), "no C compiler: the C ABI tests need gcc (apt-get install gcc)");
    }

    /** Skips (or under CI fails) when the build did not make the library (it needs /usr/bin/gcc). */
    static void requireLibrary() {
        requireGcc();
        Environment.require(Files.isRegularFile(LIBRARY), "no " + LIBRARY
                + ": the build makes it when /usr/bin/gcc exists (./mvnw -pl punktfunk-embed -am process-classes)");
    }

    /**
     * This test JVM's class path for the harness's JVM: in a reactor build the sibling modules' fresh
     * target/classes (not whatever SNAPSHOT jar the shared local repository holds).
     */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Environment of a C program that uses the library: this JVM's runtime and class path. */
    static List<String> runtimeEnv() {
        return List.of("PUNKTFUNK_JAVA_HOME=" + System.getProperty("java.home"), "PUNKTFUNK_CLASSPATH=" + testClassPath());
    }

    record Result(int exit, String stdout, String stderr) {
    }

    /** gcc -std=c11 -Wall -Wextra -Werror {@code args}; fails the test with gcc's words. */
    static Path compile(String name, String... args) throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        Path exe = OUT.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=c11", "-O1", "-g", "-Wall", "-Wextra", "-Werror",
                "-I" + INCLUDE, "-o", exe.toString()));
        cmd.addAll(List.of(args));
        Result r = run(cmd, List.of(), 120);
        if (r.exit != 0) {
            throw new AssertionError("gcc failed (" + r.exit + "): " + r.stderr + r.stdout);
        }
        return exe;
    }

    static Result run(List<String> cmd, List<String> env, int timeoutS) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Path out = Files.createTempFile("pf-c-out", ".txt");
        Path err = Files.createTempFile("pf-c-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(cmd.getFirst() + " did not finish within " + timeoutS + " s; stdout:\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
