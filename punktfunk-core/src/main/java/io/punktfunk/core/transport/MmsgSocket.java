package io.punktfunk.core.transport;

import static io.punktfunk.core.transport.SocketAddresses.AF_INET;
import static io.punktfunk.core.transport.SocketAddresses.AF_INET6;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket of {@link MmsgUdpTransport}: created, bound, optionally connected, buffers sized and
 * read back, GSO probed and GRO switched on, all through FFM. Owns the fd and the arena the send and
 * receive paths allocate their native structures from; {@link GsoSendPath} and
 * {@link GroReceivePath} share nothing else.
 */
final class MmsgSocket {
    private static final Logger LOG = LoggerFactory.getLogger(MmsgUdpTransport.class);

    final Arena arena = Arena.ofShared();
    final int fd;
    final int family;
    final InetSocketAddress localAddress;
    final TransportStats stats = new TransportStats();
    final int batchSize;
    final int sendBufferBytes;
    final int receiveBufferBytes;
    /** Whether the kernel offers UDP GSO (the send path may still turn it off). */
    final boolean gso;
    final boolean groActive;
    private final MemorySegment closeErrno;

    MmsgSocket(UdpTransportConfig config) throws IOException {
        InetSocketAddress bind = config.bindAddress();
        this.family = bind.getAddress() instanceof Inet6Address ? AF_INET6 : AF_INET;
        this.batchSize = config.batchSize();
        MemorySegment st = arena.allocate(LinuxNet.CAPTURE_STATE);
        int s = LinuxNet.socket(st, family,
                LinuxNet.SOCK_DGRAM | LinuxNet.SOCK_CLOEXEC, 0); // blocking, so recvmmsg can wait (MSG_WAITFORONE);
        // every other call passes MSG_DONTWAIT, so nothing else ever blocks on it
        if (s < 0) {
            int err = LinuxNet.errno(st);
            arena.close();
            throw new IOException("socket: " + LinuxNet.strerror(err));
        }
        this.fd = s;
        try {
            MemorySegment opt = arena.allocate(JAVA_INT);
            MemorySegment optLen = arena.allocate(JAVA_INT);
            if (family == AF_INET6 && bind.getAddress().isAnyLocalAddress()) {
                setInt(st, opt, LinuxNet.IPPROTO_IPV6, LinuxNet.IPV6_V6ONLY, 0, "IPV6_V6ONLY"); // dual stack
            }
            this.sendBufferBytes = setBuffer(st, opt, optLen, LinuxNet.SO_SNDBUFFORCE, LinuxNet.SO_SNDBUF,
                    config.socketBufferBytes());
            this.receiveBufferBytes = setBuffer(st, opt, optLen, LinuxNet.SO_RCVBUFFORCE, LinuxNet.SO_RCVBUF,
                    config.socketBufferBytes());
            if (config.socketBufferBytes() > 0) {
                SocketBufferCheck.check(config.socketBufferBytes(), sendBufferBytes, receiveBufferBytes);
            }
            MemorySegment sa = arena.allocate(SocketAddresses.STRIDE, 8);
            SocketAddresses.encode(bind, sa, 0);
            if (LinuxNet.bind(st, fd, sa, SocketAddresses.length(sa, 0)) < 0) {
                throw new IOException("bind " + bind + ": " + LinuxNet.strerror(LinuxNet.errno(st)));
            }
            InetSocketAddress peer = config.connectAddress();
            if (peer != null) {
                encodeForSocket(peer, sa);
                if (LinuxNet.connect(st, fd, sa, SocketAddresses.length(sa, 0)) < 0) {
                    throw new IOException("connect " + peer + ": " + LinuxNet.strerror(LinuxNet.errno(st)));
                }
            }
            optLen.set(JAVA_INT, 0, SocketAddresses.STRIDE);
            if (LinuxNet.getsockname(st, fd, sa, optLen) < 0) {
                throw new IOException("getsockname: " + LinuxNet.strerror(LinuxNet.errno(st)));
            }
            this.localAddress = SocketAddresses.decode(sa, 0);
            boolean gso = false;
            if (config.gso()) {
                optLen.set(JAVA_INT, 0, 4);
                gso = LinuxNet.getsockopt(st, fd, LinuxNet.SOL_UDP, LinuxNet.UDP_SEGMENT, opt, optLen) == 0;
                if (!gso) {
                    LOG.info("udp transport: kernel lacks UDP GSO ({}), sending one datagram per message",
                            LinuxNet.strerror(LinuxNet.errno(st)));
                }
            }
            this.gso = gso;
            boolean gro = false;
            if (config.gro()) {
                opt.set(JAVA_INT, 0, 1);
                gro = LinuxNet.setsockopt(st, fd, LinuxNet.SOL_UDP, LinuxNet.UDP_GRO, opt, 4) == 0;
                if (!gro) {
                    LOG.info("udp transport: kernel refused UDP_GRO ({}), receiving datagrams singly",
                            LinuxNet.strerror(LinuxNet.errno(st)));
                }
            }
            this.groActive = gro;
        } catch (IOException | RuntimeException e) {
            LinuxNet.close(st, fd);
            arena.close();
            throw e;
        }
        closeErrno = arena.allocate(LinuxNet.CAPTURE_STATE);
    }

    private void setInt(MemorySegment st, MemorySegment opt, int level, int name, int value, String what)
            throws IOException {
        opt.set(JAVA_INT, 0, value);
        if (LinuxNet.setsockopt(st, fd, level, name, opt, 4) < 0) {
            throw new IOException("setsockopt " + what + ": " + LinuxNet.strerror(LinuxNet.errno(st)));
        }
    }

    /** Asks for {@code bytes} (the FORCE variant first: it ignores rmem_max/wmem_max when root). */
    private int setBuffer(MemorySegment st, MemorySegment opt, MemorySegment optLen, int force, int plain,
                          int bytes) throws IOException {
        if (bytes > 0) {
            opt.set(JAVA_INT, 0, bytes);
            if (LinuxNet.setsockopt(st, fd, LinuxNet.SOL_SOCKET, force, opt, 4) < 0) {
                setInt(st, opt, LinuxNet.SOL_SOCKET, plain, bytes, "socket buffer");
            }
        }
        optLen.set(JAVA_INT, 0, 4);
        if (LinuxNet.getsockopt(st, fd, LinuxNet.SOL_SOCKET, plain, opt, optLen) < 0) {
            throw new IOException("getsockopt socket buffer: " + LinuxNet.strerror(LinuxNet.errno(st)));
        }
        return opt.get(JAVA_INT, 0) / 2; // the kernel reports twice what it grants for payload
    }

    private void encodeForSocket(InetSocketAddress address, MemorySegment sa) {
        SocketAddresses.encode(address, sa, 0);
        if (family == AF_INET6 && SocketAddresses.family(sa, 0) == AF_INET) {
            SocketAddresses.toV4Mapped(sa, 0, sa, 0);
        }
    }

    static boolean isTransient(int err) {
        return err == LinuxNet.ECONNREFUSED || err == LinuxNet.ECONNRESET || err == LinuxNet.ENOBUFS
                || err == LinuxNet.ENETUNREACH || err == LinuxNet.ENETDOWN || err == LinuxNet.EHOSTUNREACH
                || err == LinuxNet.EHOSTDOWN || err == LinuxNet.EPERM || err == LinuxNet.EMSGSIZE;
    }

    /** Closes the fd and frees every native structure of both paths (after both threads stopped). */
    void close() {
        LinuxNet.close(closeErrno, fd);
        arena.close();
    }
}
