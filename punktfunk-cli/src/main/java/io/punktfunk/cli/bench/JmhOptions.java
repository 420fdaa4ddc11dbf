package io.punktfunk.cli.bench;

import io.punktfunk.bench.JmhEffort;
import picocli.CommandLine.Option;

/** The options every JMH-driven {@code bench} subcommand takes. */
final class JmhOptions {
    @Option(names = "--effort", defaultValue = "STANDARD",
            description = "QUICK (smoke), STANDARD (5x1s warmup, 5x1s measured, 1 fork) or THOROUGH")
    JmhEffort effort;

    @Option(names = "--verbose", description = "show JMH's own output")
    boolean verbose;
}
