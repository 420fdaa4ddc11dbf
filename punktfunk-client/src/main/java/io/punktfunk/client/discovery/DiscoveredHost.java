package io.punktfunk.client.discovery;

import java.net.InetAddress;
import java.util.Map;

/**
 * A host that answered for {@code _punktfunk._udp}: its instance name, where to reach its control
 * plane, and what its TXT record says ({@code fp}: the certificate fingerprint it will present,
 * {@code pair}: whether it admits only paired clients). The fingerprint is a hint until the
 * connection proves it: anyone on the LAN can answer mDNS.
 */
public record DiscoveredHost(String name, InetAddress address, int port, String fingerprint, String pairing,
                             Map<String, String> txt) {
    public DiscoveredHost {
        txt = Map.copyOf(txt);
    }

    /** {@code address:port} as the command line and the known-hosts file write it. */
    public String target() {
        String a = address.getHostAddress();
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + port;
    }
}
