package io.punktfunk.core.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP {@link Transport} on a real socket: FFM {@code sendmmsg}/{@code recvmmsg} with GSO/GRO on
 * Linux ({@code MmsgUdpTransport}), or a {@code DatagramChannel} where that is unavailable.
 */
public interface UdpTransport extends Transport {

    /** SO_SNDBUF the kernel granted (bytes usable, not the doubled value it reports). */
    int sendBufferBytes();

    /** SO_RCVBUF the kernel granted. */
    int receiveBufferBytes();

    /** Whether sends use UDP GSO now (it switches off if the kernel refuses it). */
    boolean gsoActive();

    /** Whether receives use UDP GRO. */
    boolean groActive();

    /**
     * Opens a UDP transport with {@code config}; {@link UdpTransportConfig.Backend#AUTO} picks the
     * FFM backend on Linux and logs when it falls back.
     *
     * @throws UncheckedIOException if the socket cannot be opened, bound or connected
     */
    static UdpTransport open(UdpTransportConfig config) {
        config.conclude();
        Logger log = LoggerFactory.getLogger(UdpTransport.class);
        try {
            switch (config.backend()) {
                case CHANNEL:
                    return new ChannelUdpTransport(config);
                case MMSG:
                    if (!LinuxNet.AVAILABLE) {
                        throw new UnsupportedOperationException(
                                "sendmmsg backend unavailable: " + LinuxNet.UNAVAILABLE_REASON);
                    }
                    return new MmsgUdpTransport(config);
                default:
                    if (LinuxNet.AVAILABLE) {
                        UdpTransport t = new MmsgUdpTransport(config);
                        log.info("udp transport on {}: {}", t.localAddress(), t.backendName());
                        return t;
                    }
                    log.info("udp transport: using DatagramChannel fallback, one syscall per datagram ({})",
                            LinuxNet.UNAVAILABLE_REASON);
                    return new ChannelUdpTransport(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("open udp socket on " + config.bindAddress() + ": " + e.getMessage(), e);
        }
    }
}
