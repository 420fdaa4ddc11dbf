package io.punktfunk.cli.bench;

import picocli.CommandLine.Command;

/** {@code punktfunk bench ...}: performance measurements with published figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure performance (FEC, packet AES-GCM, data plane).",
        subcommands = {BenchFecCommand.class, BenchAeadCommand.class, BenchDataplaneCommand.class, BenchInputCommand.class,
            BenchSoakCommand.class, BenchLinkCommand.class, BenchSessionsCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
