package io.punktfunk.client.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * Asks the LAN for punktfunk hosts: one JmDNS querier per interface address (every interface that is
 * up, multicast-capable and not loopback or point-to-point, the same choice the host's advertiser
 * makes; loopback only when there is no such interface), each listing {@code _punktfunk._udp} for the
 * given time. Answers for the same instance on several interfaces count once.
 */
public final class HostBrowser {
    /** The service type hosts advertise. */
    public static final String SERVICE_TYPE = "_punktfunk._udp.local.";

    private HostBrowser() {
    }

    /** Hosts that answered within {@code wait} on {@code interfaceAddress} (null: the LAN interfaces), by name. */
    public static List<DiscoveredHost> browse(InetAddress interfaceAddress, Duration wait) throws IOException {
        List<InetAddress> on = interfaceAddress != null ? List.of(interfaceAddress) : defaultInterfaces();
        List<JmDNS> queriers = new ArrayList<>();
        try {
            for (InetAddress a : on) {
                queriers.add(JmDNS.create(a, null));
            }
            Map<String, DiscoveredHost> found = new LinkedHashMap<>();
            // list() waits up to its timeout for answers; the queriers run in parallel on their own threads
            List<Thread> waits = new ArrayList<>();
            List<ServiceInfo[]> answers = Collections.synchronizedList(new ArrayList<>());
            for (JmDNS j : queriers) {
                waits.add(Thread.ofVirtual().start(() -> answers.add(j.list(SERVICE_TYPE, wait.toMillis()))));
            }
            for (Thread t : waits) {
                t.join();
            }
            for (ServiceInfo[] infos : answers) {
                for (ServiceInfo info : infos) {
                    toHost(info).ifPresent(h -> found.putIfAbsent(h.name().toLowerCase(Locale.ROOT), h));
                }
            }
            List<DiscoveredHost> out = new ArrayList<>(found.values());
            out.sort((x, y) -> x.name().compareToIgnoreCase(y.name()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while browsing", e);
        } finally {
            for (JmDNS j : queriers) {
                j.close();
            }
        }
    }

    /** The host named {@code name} (case-insensitive), if one answers within {@code wait}. */
    public static Optional<DiscoveredHost> find(String name, Duration wait) throws IOException {
        return browse(null, wait).stream().filter(h -> h.name().equalsIgnoreCase(name)).findFirst();
    }

    private static Optional<DiscoveredHost> toHost(ServiceInfo info) {
        InetAddress[] addresses = info.getInetAddresses();
        if (addresses.length == 0 || info.getPort() <= 0) {
            return Optional.empty(); // an answer without an address is of no use to connect
        }
        InetAddress address = addresses[0];
        for (InetAddress a : addresses) {
            if (a instanceof Inet4Address) {
                address = a; // IPv4 first: link-local IPv6 answers need a scope to be usable
                break;
            }
        }
        Map<String, String> txt = new LinkedHashMap<>();
        for (Enumeration<String> e = info.getPropertyNames(); e.hasMoreElements(); ) {
            String k = e.nextElement();
            txt.put(k, java.util.Objects.requireNonNullElse(info.getPropertyString(k), ""));
        }
        return Optional.of(new DiscoveredHost(info.getName(), address, info.getPort(), txt.getOrDefault("fp", ""),
                txt.getOrDefault("pair", ""), txt));
    }

    /** LAN interfaces (see the class comment), else loopback. */
    static List<InetAddress> defaultInterfaces() throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback() || nif.isPointToPoint() || !nif.supportsMulticast()) {
                continue;
            }
            nif.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst().ifPresent(out::add);
        }
        if (out.isEmpty()) {
            out.add(InetAddress.getLoopbackAddress());
        }
        return out;
    }
}
