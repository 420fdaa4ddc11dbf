package io.punktfunk.cli.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.punktfunk.cli.control.Durations;
import io.punktfunk.cli.control.ExitCodes;
import io.punktfunk.client.discovery.DiscoveredHost;
import io.punktfunk.client.discovery.HostBrowser;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code punktfunk discover}: lists the punktfunk hosts that answer by mDNS on the LAN. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "List punktfunk hosts on the LAN (mDNS/DNS-SD _punktfunk._udp); pair and connect take their names.")
public final class DiscoverCommand implements Callable<Integer> {
    @Option(names = "--wait", paramLabel = "DURATION", converter = Durations.class,
            description = "how long to listen for answers (default: ${DEFAULT-VALUE})", defaultValue = "3s")
    Duration wait;

    @Option(names = "--interface", paramLabel = "ADDR",
            description = "ask on the interface with this address only (default: every LAN interface, else loopback)")
    String iface;

    @Option(names = "--json", description = "one JSON array instead of the table")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InetAddress on = null;
        if (iface != null) {
            if (!iface.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("punktfunk: --interface takes an IP address, not '" + iface + "'");
                err.flush();
                return ExitCodes.USAGE;
            }
            on = InetAddress.getByName(iface);
        }
        List<DiscoveredHost> hosts = HostBrowser.browse(on, wait);
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode a = m.createArrayNode();
            for (DiscoveredHost h : hosts) {
                a.addObject().put("name", h.name()).put("address", h.address().getHostAddress()).put("port", h.port())
                        .put("fingerprint", h.fingerprint()).put("pairing", h.pairing());
            }
            out.println(a);
        } else if (hosts.isEmpty()) {
            out.println("no punktfunk host answered within " + wait.toMillis() + " ms");
        } else {
            for (DiscoveredHost h : hosts) {
                out.printf("%-24s  %-22s  pairing %-8s  fingerprint %s%n", h.name(), h.target(),
                        h.pairing().isEmpty() ? "?" : h.pairing(), h.fingerprint());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
