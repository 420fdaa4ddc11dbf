package io.punktfunk.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** How long a {@code punktfunk bench} JMH run measures; {@code QUICK} is for smoke runs, not for published figures. */
public enum JmhEffort {
    QUICK(1, 1, 2, 1, 0),
    STANDARD(5, 1, 5, 1, 1),
    THOROUGH(8, 2, 10, 2, 2);

    private final int warmups;
    private final int warmupSeconds;
    private final int measurements;
    private final int measurementSeconds;
    private final int forks;

    JmhEffort(int warmups, int warmupSeconds, int measurements, int measurementSeconds, int forks) {
        this.warmups = warmups;
        this.warmupSeconds = warmupSeconds;
        this.measurements = measurements;
        this.measurementSeconds = measurementSeconds;
        this.forks = forks;
    }

    /**
     * JMH options every punktfunk benchmark runs with: this effort, one thread, the gc profiler
     * (B/op), and forked JVMs with the flags of {@code ./punktfunk}.
     */
    public ChainedOptionsBuilder options(String includeRegex, boolean verbose) throws java.io.IOException {
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(includeRegex)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(warmupSeconds))
                .measurementIterations(measurements)
                .measurementTime(TimeValue.seconds(measurementSeconds))
                .forks(forks)
                .threads(1)
                .shouldFailOnError(true)
                .addProfiler(GCProfiler.class)
                .verbosity(verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
        if (!verbose) {
            // JMH echoes the forked JVM's stderr (incubator and JMH's own Unsafe warnings) on our
            // stdout; keep it out of the table and the JSON lines.
            java.io.File log = java.io.File.createTempFile("punktfunk-jmh", ".log");
            log.deleteOnExit();
            opts.output(log.getAbsolutePath());
        }
        if (forks > 0) {
            opts.jvmArgsAppend("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                    "--add-opens", "java.base/com.sun.crypto.provider=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow",
                    "-Xms1g", "-Xmx1g");
        }
        return opts;
    }
}
