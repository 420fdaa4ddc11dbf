package io.punktfunk.cli;

import io.punktfunk.cli.bench.BenchCommand;
import io.punktfunk.cli.client.ConnectCommand;
import io.punktfunk.cli.client.ProbeCommand;
import io.punktfunk.cli.control.HostCommand;
import io.punktfunk.cli.control.PairCommand;
import io.punktfunk.cli.demo.DemoCommand;
import io.punktfunk.cli.fec.FecCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./punktfunk}: one command tree over host, client and bench tools. */
@Command(name = "punktfunk",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Low-latency desktop and game streaming for Linux.",
        subcommands = {DemoCommand.class, FecCommand.class, BenchCommand.class,
                io.punktfunk.cli.bench.LossHarnessCommand.class, HostCommand.class, PairCommand.class,
                ConnectCommand.class, ProbeCommand.class, io.punktfunk.cli.client.DiscoverCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command tree and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command tree; tests set its out/err writers and call {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("punktfunk: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            if (Boolean.getBoolean("punktfunk.debug")) {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli;
    }
}
