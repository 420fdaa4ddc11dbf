package io.punktfunk.cli.control;

import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.pairing.KnownHostStore;
import io.punktfunk.control.quic.ControlClient;
import io.punktfunk.control.quic.ControlConnection;
import io.punktfunk.control.quic.ControlException;
import io.punktfunk.control.quic.QuicSettings;
import java.io.Console;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code punktfunk pair HOST [--pin N]}: runs the SPAKE2 PIN ceremony with a host and, once the host
 * has proven the PIN for this connection's certificates, pins its fingerprint in known-hosts.tsv.
 * Exit codes: 0 paired, 2 cannot connect, 3 refused (wrong PIN, rate limited, not armed).
 */
@Command(name = "pair", mixinStandardHelpOptions = true, description = "Pair this client with a host using the PIN it shows.")
public final class PairCommand implements Callable<Integer> {
    @Mixin
    ConfigDirOption configDir;

    @Parameters(paramLabel = "HOST", description = "host[:port] (default port 9777)")
    String host;

    @Option(names = "--pin", description = "the PIN the host shows (asked for when omitted)")
    String pin;

    @Option(names = "--name", description = "name the host lists this client under (default: this machine's name)")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HostTarget target = HostTarget.lookupOrReport(host, err);
        if (target == null) {
            return ExitCodes.CONNECT;
        }
        String thePin = pin != null ? pin : askPin();
        if (thePin == null || thePin.length() < 4 || !thePin.chars().allMatch(Character::isDigit)) {
            err.println("punktfunk: a PIN is 4 or more digits");
            err.flush();
            return ExitCodes.USAGE;
        }
        Path dir = configDir.resolve();
        Identity identity = Identity.loadOrCreate(dir, Identity.CLIENT_FILES, "punktfunk-client");
        String clientName = name != null ? name : localName();
        try (ControlClient client = new ControlClient(identity, QuicSettings.defaults())) {
            ControlConnection conn;
            try {
                conn = client.connect(target.address(), null).get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                err.println("punktfunk: " + e.getCause().getMessage());
                err.flush();
                return ExitCodes.CONNECT;
            }
            try {
                Fingerprint hostFp = conn.pair(thePin, clientName).get(30, TimeUnit.SECONDS);
                KnownHostStore.load(dir).pin(target.key(), hostFp);
                conn.quit("paired").get(5, TimeUnit.SECONDS);
                out.printf("paired with %s as '%s'%nhost fingerprint %s (pinned)%nclient fingerprint %s%n", target.key(), clientName,
                        hostFp.hex(), identity.fingerprint().hex());
                out.flush();
                return ExitCodes.OK;
            } catch (ExecutionException e) {
                String why = e.getCause() instanceof ControlException ce ? ce.getMessage() + describe(ce) : String.valueOf(e.getCause());
                err.println("punktfunk: pairing failed: " + why);
                err.flush();
                return ExitCodes.TRUST;
            }
        }
    }

    private static String describe(ControlException e) {
        return e.closeCode() != null ? " [" + e.closeCode().label() + "]" : "";
    }

    private static String askPin() {
        Console c = System.console();
        if (c == null) {
            return null;
        }
        char[] typed = c.readPassword("PIN shown by the host: ");
        return typed == null ? null : new String(typed).strip();
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "punktfunk client";
        }
    }
}
