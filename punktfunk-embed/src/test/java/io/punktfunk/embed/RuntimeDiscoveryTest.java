package io.punktfunk.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the library finds Java, seen from a C program (each case its own process: a JVM starts once
 * per process): no JVM at PUNKTFUNK_JAVA_HOME, or a class path without the punktfunk classes, is
 * PUNKTFUNK_ERR_RUNTIME with the reason, on every call, and the program carries on.
 */
class RuntimeDiscoveryTest {
    private static Path exe;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() throws Exception {
        NativeToolchain.requireLibrary();
        exe = NativeToolchain.compile("runtime_errors", NativeToolchain.TESTS_C.resolve("runtime_errors.c").toString(),
                "-L" + NativeToolchain.LIBRARY_DIR, "-lpunktfunk_client", "-Wl,-rpath," + NativeToolchain.LIBRARY_DIR);
    }

    @Test
    void noJavaAtTheGivenHomeIsARuntimeErrorThatSaysWhereItLooked() throws Exception {
        Path home = dir.resolve("no-jdk");
        NativeToolchain.Result r = NativeToolchain.run(List.of(exe.toString(), "cannot load " + home + "/lib/server/libjvm.so"),
                List.of("PUNKTFUNK_JAVA_HOME=" + home), 60);
        assertThat(r.stdout()).as(r.stderr()).contains("RUNTIME ERRORS OK").contains("set PUNKTFUNK_JAVA_HOME");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aClassPathWithoutTheFacadeIsARuntimeError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        NativeToolchain.Result r = NativeToolchain.run(List.of(exe.toString(), "EmbedBridge not on the class path"),
                List.of("PUNKTFUNK_JAVA_HOME=" + System.getProperty("java.home"), "PUNKTFUNK_CLASSPATH=" + empty + "/*"), 120);
        assertThat(r.stdout()).as(r.stderr()).contains("RUNTIME ERRORS OK");
        assertThat(r.exit()).isZero();
    }
}
