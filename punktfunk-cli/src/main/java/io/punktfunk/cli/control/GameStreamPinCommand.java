package io.punktfunk.cli.control;

import io.punktfunk.host.gamestream.http.PinRequestFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code punktfunk host gamestream-pin 1234}: hands the PIN a Moonlight client shows to the running
 * host (same config dir), which is holding that client's pairing request open.
 */
@Command(name = "gamestream-pin", mixinStandardHelpOptions = true,
        description = "Enter the 4-digit PIN a Moonlight client shows, on the host running with this config dir.")
public final class GameStreamPinCommand implements Callable<Integer> {
    @Mixin
    ConfigDirOption configDir;

    @Parameters(paramLabel = "PIN", description = "the 4 digits Moonlight shows")
    String pin;

    @Option(names = "--wait", paramLabel = "DURATION", converter = Durations.class,
            description = "how long to wait for the host to take the PIN (default: ${DEFAULT-VALUE})", defaultValue = "5s")
    Duration wait;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path dir = configDir.resolve();
        try {
            PinRequestFile.write(dir, pin);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (PinRequestFile.awaitTaken(dir, wait)) {
            out.println("PIN delivered; Moonlight finishes pairing now (it reports a wrong PIN itself)");
            out.flush();
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("punktfunk: no Moonlight client is waiting for a PIN on a host with config dir " + dir
                + " (start pairing in Moonlight first; the host must run with --gamestream)");
        err.flush();
        return ExitCodes.CONNECT;
    }
}
