package io.punktfunk.core.transport;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Warns once per process when the kernel grants far smaller socket buffers than asked for. */
final class SocketBufferCheck {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private SocketBufferCheck() {
    }

    /** Whether a grant is "far less" than asked: below min(requested, 8 MiB). */
    static boolean tooSmall(int requested, int grantedSend, int grantedReceive) {
        int floor = Math.min(requested, UdpTransportConfig.SOCKET_BUFFER_WARN_BYTES);
        return grantedSend < floor || grantedReceive < floor;
    }

    static void check(int requested, int grantedSend, int grantedReceive) {
        if (tooSmall(requested, grantedSend, grantedReceive) && WARNED.compareAndSet(false, true)) {
            LOG.warn("udp socket buffers: asked for {} KiB, kernel granted send {} KiB / receive {} KiB; "
                            + "bursts will drop. Raise net.core.wmem_max and net.core.rmem_max (e.g. install "
                            + "packaging/sysctl/99-punktfunk.conf into /etc/sysctl.d/ and run sysctl --system)",
                    requested >> 10, grantedSend >> 10, grantedReceive >> 10);
        }
    }
}
