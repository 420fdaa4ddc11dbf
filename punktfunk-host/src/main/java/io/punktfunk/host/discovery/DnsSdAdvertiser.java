package io.punktfunk.host.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advertises services by mDNS on the interfaces of one address: the address a service is bound to
 * (so a host bound to 127.0.0.1 is only ever announced on loopback), or, for a wildcard address, every
 * interface that is up, multicast-capable and not loopback or point-to-point. One JmDNS responder per
 * interface address; {@link #advertise} replaces an advert of the same type and instance.
 */
public final class DnsSdAdvertiser implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DnsSdAdvertiser.class);

    private final List<JmDNS> responders;
    /** Per advert (type/instance): what each responder registered, by responder index. */
    private final Map<String, ServiceInfo[]> registered = new ConcurrentHashMap<>();

    private DnsSdAdvertiser(List<JmDNS> responders) {
        this.responders = responders;
    }

    /** Starts responders on the interfaces of {@code bind} (see the class comment). */
    public static DnsSdAdvertiser start(InetAddress bind) throws IOException {
        List<InetAddress> addresses = bind.isAnyLocalAddress() ? lanAddresses() : List.of(bind);
        if (addresses.isEmpty()) {
            throw new IOException("no multicast-capable LAN interface to advertise on");
        }
        List<JmDNS> r = new ArrayList<>();
        try {
            for (InetAddress a : addresses) {
                r.add(JmDNS.create(a, null));
            }
        } catch (IOException | RuntimeException e) {
            r.forEach(DnsSdAdvertiser::closeQuietly);
            throw e;
        }
        return new DnsSdAdvertiser(Collections.unmodifiableList(r));
    }

    private static List<InetAddress> lanAddresses() throws SocketException {
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback() || nif.isPointToPoint() || !nif.supportsMulticast()) {
                continue;
            }
            nif.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst().ifPresent(out::add);
        }
        return out;
    }

    /** Announces {@code advert} on every interface, replacing an earlier advert of the same instance. */
    public synchronized void advertise(ServiceAdvert advert) {
        String id = advert.type() + "/" + advert.instance();
        ServiceInfo[] old = registered.remove(id);
        ServiceInfo[] now = new ServiceInfo[responders.size()];
        for (int i = 0; i < responders.size(); i++) {
            JmDNS j = responders.get(i);
            if (old != null && old[i] != null) {
                j.unregisterService(old[i]);
            }
            ServiceInfo info = ServiceInfo.create(advert.type(), advert.instance(), advert.port(), 0, 0, advert.txt());
            try {
                j.registerService(info);
                now[i] = info;
            } catch (IOException e) {
                LOG.warn("cannot advertise {} on {}: {}", id, addressOf(j), e.toString());
            }
        }
        registered.put(id, now);
    }

    /** Where the responders answer, for the operator. */
    public List<String> interfaces() {
        return responders.stream().map(DnsSdAdvertiser::addressOf).toList();
    }

    private static String addressOf(JmDNS j) {
        try {
            return j.getInetAddress().getHostAddress();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Withdraws every advert (goodbye packets) and stops the responders. */
    @Override
    public void close() {
        responders.forEach(DnsSdAdvertiser::closeQuietly);
    }

    private static void closeQuietly(JmDNS j) {
        try {
            j.unregisterAllServices();
            j.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing mDNS responder: {}", e.toString());
        }
    }
}
