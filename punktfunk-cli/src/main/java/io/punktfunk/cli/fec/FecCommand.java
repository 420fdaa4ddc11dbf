package io.punktfunk.cli.fec;

import picocli.CommandLine.Command;

/** {@code punktfunk fec ...}: FEC conformance tools. */
@Command(name = "fec", mixinStandardHelpOptions = true,
        description = "Forward error correction tools.",
        subcommands = {FecVerifyCommand.class})
public final class FecCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
