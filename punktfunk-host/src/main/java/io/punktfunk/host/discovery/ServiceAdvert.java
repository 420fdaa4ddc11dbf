package io.punktfunk.host.discovery;

import java.util.Map;

/**
 * One DNS-SD service instance to advertise.
 *
 * @param type     service type with domain, e.g. {@link #PUNKTFUNK_TYPE}
 * @param instance instance name users see (≤ 63 bytes)
 * @param port     the service's port
 * @param txt      TXT record keys and values (each pair ≤ 255 bytes)
 */
public record ServiceAdvert(String type, String instance, int port, Map<String, String> txt) {
    /** punktfunk/1 over QUIC: port = the control plane's UDP port; TXT {@code proto}, {@code fp}, {@code pair}. */
    public static final String PUNKTFUNK_TYPE = "_punktfunk._udp.local.";

    public ServiceAdvert {
        txt = Map.copyOf(txt);
    }
}
