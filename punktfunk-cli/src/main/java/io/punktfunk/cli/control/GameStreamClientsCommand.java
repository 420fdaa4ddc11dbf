package io.punktfunk.cli.control;

import io.punktfunk.host.gamestream.http.PairedMoonlightClients;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code punktfunk host gamestream-clients [revoke FP]}: lists or revokes paired Moonlight clients. */
@Command(name = "gamestream-clients", mixinStandardHelpOptions = true,
        description = "List the Moonlight clients paired over GameStream, or revoke one: gamestream-clients revoke FINGERPRINT "
                + "(8 or more hex digits); a running host refuses it from its next request.")
public final class GameStreamClientsCommand implements Callable<Integer> {
    @Mixin
    ConfigDirOption configDir;

    @Parameters(arity = "0..2", paramLabel = "revoke FINGERPRINT")
    List<String> args;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PairedMoonlightClients store = PairedMoonlightClients.open(configDir.resolve());
        if (args == null || args.isEmpty()) {
            var clients = store.list();
            if (clients.isEmpty()) {
                out.println("no paired Moonlight clients");
            }
            for (var c : clients) {
                out.printf("%s  %-24s  paired %s%n", c.fingerprint(), c.name(), c.pairedAt());
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (args.size() != 2 || !args.get(0).equals("revoke")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "usage: gamestream-clients [revoke FINGERPRINT]");
        }
        List<PairedMoonlightClients.Client> removed;
        try {
            removed = store.revoke(args.get(1));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (removed.isEmpty()) {
            out.println("no paired Moonlight client matches " + args.get(1));
            out.flush();
            return ExitCodes.USAGE;
        }
        removed.forEach(c -> out.println("revoked " + c.name() + " " + c.fingerprint()));
        out.flush();
        return ExitCodes.OK;
    }
}
