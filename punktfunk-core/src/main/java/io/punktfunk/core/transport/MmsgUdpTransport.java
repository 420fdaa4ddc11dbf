package io.punktfunk.core.transport;

import static io.punktfunk.core.transport.LinuxNet.CMSG_HDR_BYTES;
import static io.punktfunk.core.transport.LinuxNet.CMSG_LEN;
import static io.punktfunk.core.transport.LinuxNet.CMSG_LEVEL;
import static io.punktfunk.core.transport.LinuxNet.CMSG_SPACE_U16;
import static io.punktfunk.core.transport.LinuxNet.CMSG_TYPE;
import static io.punktfunk.core.transport.LinuxNet.GRO_CONTROL_BYTES;
import static io.punktfunk.core.transport.LinuxNet.IOVEC_BYTES;
import static io.punktfunk.core.transport.LinuxNet.IOV_BASE;
import static io.punktfunk.core.transport.LinuxNet.IOV_LEN;
import static io.punktfunk.core.transport.LinuxNet.MMSGHDR_BYTES;
import static io.punktfunk.core.transport.LinuxNet.MSG_CONTROL;
import static io.punktfunk.core.transport.LinuxNet.MSG_CONTROLLEN;
import static io.punktfunk.core.transport.LinuxNet.MSG_FLAGS;
import static io.punktfunk.core.transport.LinuxNet.MSG_IOV;
import static io.punktfunk.core.transport.LinuxNet.MSG_IOVLEN;
import static io.punktfunk.core.transport.LinuxNet.MSG_LEN;
import static io.punktfunk.core.transport.LinuxNet.MSG_NAME;
import static io.punktfunk.core.transport.LinuxNet.MSG_NAMELEN;
import static io.punktfunk.core.transport.LinuxNet.MSG_TRUNC;
import static io.punktfunk.core.transport.SocketAddresses.AF_INET;
import static io.punktfunk.core.transport.SocketAddresses.AF_INET6;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux UDP through FFM: {@code sendmmsg} with UDP GSO for runs of equal-size datagrams to one
 * peer, {@code recvmmsg} straight into the caller's {@link DatagramBatch}, optional UDP GRO with
 * the coalesced datagrams split again by the {@code UDP_GRO} control message's segment size.
 *
 * <p>Every native structure (mmsghdr/iovec/cmsg arrays, errno capture, pollfd) is allocated once
 * here, separately for the send and the receive side, so a sender thread and a receiver thread
 * can run at once without sharing anything but the socket.
 */
final class MmsgUdpTransport implements UdpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(MmsgUdpTransport.class);

    /** Kernel limit on segments per GSO super-datagram ({@code UDP_MAX_SEGMENTS}). */
    static final int GSO_MAX_SEGMENTS = 64;
    /** Largest UDP payload over IPv4 (65535 − 20 − 8), hence safe for IPv6 too. */
    static final int GSO_MAX_BYTES = 65507;
    /** A GRO super-datagram is at most 64 KiB. */
    static final int GRO_BUFFER_BYTES = 65536;

    private final Arena arena = Arena.ofShared();
    private final int fd;
    private final int family;
    private final InetSocketAddress localAddress;
    private final TransportStats stats = new TransportStats();
    private final int batchSize;
    private final int sendBufferBytes;
    private final int receiveBufferBytes;
    private final boolean groActive;
    private volatile boolean gsoActive;
    private volatile boolean closed;

    // Send side (sender thread only).
    private final MemorySegment sendMsgs;
    private final MemorySegment[] sendMsgsFrom;
    private final MemorySegment sendIov;
    private final MemorySegment sendControl;
    private final MemorySegment sendNames;
    private final MemorySegment sendErrno;
    private final int[] msgFirst;
    private final int[] msgEnd;
    private final long[] msgBytes;

    // Receive side (receiver thread only).
    private final MemorySegment recvMsgs;
    private final MemorySegment recvIov;
    private final MemorySegment recvErrno;
    private final MemorySegment pollFd;
    private final MemorySegment pollTimeout;
    private final MemorySegment recvTimeval;
    private long recvTimeoutUsSet = -1;
    private boolean recvTimeoutRefused;
    private final int groMessages;
    private final MemorySegment groSlab;
    private final MemorySegment groNames;
    private final MemorySegment groControl;
    private final int[] groLen;
    private final int[] groSegment;
    private final boolean[] groTruncated;
    private int groReady;
    private int groCursor;
    private int groCursorOffset;

    MmsgUdpTransport(UdpTransportConfig config) throws IOException {
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
            this.gsoActive = gso;
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

        int maxIov = batchSize * GSO_MAX_SEGMENTS;
        sendMsgs = arena.allocate(MMSGHDR_BYTES * batchSize, 8);
        sendMsgsFrom = new MemorySegment[batchSize];
        for (int m = 0; m < batchSize; m++) {
            sendMsgsFrom[m] = sendMsgs.asSlice(m * MMSGHDR_BYTES);
        }
        sendIov = arena.allocate(IOVEC_BYTES * maxIov, 8);
        sendControl = arena.allocate(CMSG_SPACE_U16 * batchSize, 8);
        sendNames = arena.allocate((long) SocketAddresses.STRIDE * batchSize, 8);
        sendErrno = arena.allocate(LinuxNet.CAPTURE_STATE);
        msgFirst = new int[batchSize];
        msgEnd = new int[batchSize];
        msgBytes = new long[batchSize];

        recvMsgs = arena.allocate(MMSGHDR_BYTES * Math.max(batchSize, config.groMessages()), 8);
        recvIov = arena.allocate(IOVEC_BYTES * Math.max(batchSize, config.groMessages()), 8);
        recvErrno = arena.allocate(LinuxNet.CAPTURE_STATE);
        pollFd = arena.allocate(LinuxNet.POLLFD);
        pollTimeout = arena.allocate(LinuxNet.TIMESPEC);
        recvTimeval = arena.allocate(LinuxNet.TIMESPEC); // struct timeval has the same two-long shape
        groMessages = groActive ? config.groMessages() : 0;
        groSlab = arena.allocate((long) GRO_BUFFER_BYTES * groMessages, 64);
        groNames = arena.allocate((long) SocketAddresses.STRIDE * groMessages, 8);
        groControl = arena.allocate(GRO_CONTROL_BYTES * groMessages, 8);
        groLen = new int[groMessages];
        groSegment = new int[groMessages];
        groTruncated = new boolean[groMessages];
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

    // ---- send ---------------------------------------------------------------------------------

    @Override
    public int sendBatch(DatagramBatch batch, int from, int to) {
        Objects.checkFromToIndex(from, to, batch.count());
        MemorySegment addrs = batch.addresses();
        long slabBase = batch.slab().address();
        long addrBase = addrs.address();
        long iovBase = sendIov.address();
        long controlBase = sendControl.address();
        long namesBase = sendNames.address();
        long packets = 0, bytes = 0, supers = 0, dropped = 0, transientDrops = 0;
        int i = from;
        outer:
        while (i < to) {
            boolean gso = gsoActive;
            int n = 0;
            int iov = 0;
            int j = i;
            while (j < to && n < batchSize) {
                int end = gso ? runEnd(batch, j, to) : j + 1;
                long msg = n * MMSGHDR_BYTES;
                long aoff = batch.addressOffset(j);
                int peerFamily = SocketAddresses.family(addrs, aoff);
                if (peerFamily == 0) {
                    sendMsgs.set(JAVA_LONG, msg + MSG_NAME, 0L);
                    sendMsgs.set(JAVA_INT, msg + MSG_NAMELEN, 0);
                } else if (peerFamily == AF_INET && family == AF_INET6) {
                    long name = (long) n * SocketAddresses.STRIDE;
                    SocketAddresses.toV4Mapped(addrs, aoff, sendNames, name);
                    sendMsgs.set(JAVA_LONG, msg + MSG_NAME, namesBase + name);
                    sendMsgs.set(JAVA_INT, msg + MSG_NAMELEN, SocketAddresses.SOCKADDR_IN6_BYTES);
                } else {
                    sendMsgs.set(JAVA_LONG, msg + MSG_NAME, addrBase + aoff);
                    sendMsgs.set(JAVA_INT, msg + MSG_NAMELEN, SocketAddresses.length(addrs, aoff));
                }
                long msgPayload = 0;
                for (int k = j; k < end; k++) {
                    long io = (long) (iov + k - j) * IOVEC_BYTES;
                    int len = batch.length(k);
                    sendIov.set(JAVA_LONG, io + IOV_BASE, slabBase + batch.offset(k));
                    sendIov.set(JAVA_LONG, io + IOV_LEN, len);
                    msgPayload += len;
                }
                sendMsgs.set(JAVA_LONG, msg + MSG_IOV, iovBase + (long) iov * IOVEC_BYTES);
                sendMsgs.set(JAVA_LONG, msg + MSG_IOVLEN, end - j);
                if (end - j > 1) {
                    // One UDP_SEGMENT cmsg: the kernel cuts the payload into gso_size pieces.
                    long c = n * CMSG_SPACE_U16;
                    sendControl.set(JAVA_LONG, c + CMSG_LEN, CMSG_HDR_BYTES + 2);
                    sendControl.set(JAVA_INT, c + CMSG_LEVEL, LinuxNet.SOL_UDP);
                    sendControl.set(JAVA_INT, c + CMSG_TYPE, LinuxNet.UDP_SEGMENT);
                    sendControl.set(JAVA_SHORT, c + CMSG_HDR_BYTES, (short) batch.length(j));
                    sendMsgs.set(JAVA_LONG, msg + MSG_CONTROL, controlBase + c);
                    sendMsgs.set(JAVA_LONG, msg + MSG_CONTROLLEN, CMSG_SPACE_U16);
                } else {
                    sendMsgs.set(JAVA_LONG, msg + MSG_CONTROL, 0L);
                    sendMsgs.set(JAVA_LONG, msg + MSG_CONTROLLEN, 0L);
                }
                sendMsgs.set(JAVA_INT, msg + MSG_FLAGS, 0);
                msgFirst[n] = j;
                msgEnd[n] = end;
                msgBytes[n] = msgPayload;
                iov += end - j;
                j = end;
                n++;
            }
            int m = 0;
            while (m < n) {
                int sent = transmit(m, n);
                if (sent > 0) {
                    for (int q = m; q < m + sent; q++) {
                        int segments = msgEnd[q] - msgFirst[q];
                        packets += segments;
                        bytes += msgBytes[q];
                        if (segments > 1) {
                            supers++;
                        }
                    }
                    m += sent;
                    continue;
                }
                int err = -sent;
                if (err == LinuxNet.EINTR) {
                    continue;
                }
                if (err == LinuxNet.EAGAIN) {
                    dropped += to - msgFirst[m]; // never block: the rest of this batch is lost
                    break outer;
                }
                boolean superDatagram = msgEnd[m] - msgFirst[m] > 1;
                if (superDatagram && (err == LinuxNet.EIO || err == LinuxNet.EINVAL || err == LinuxNet.EMSGSIZE)) {
                    gsoActive = false; // e.g. a NIC without checksum offload: resend singly from here on
                    LOG.warn("udp transport: kernel rejected a GSO send ({}); GSO turned off",
                            LinuxNet.strerror(err));
                    i = msgFirst[m];
                    continue outer;
                }
                if (isTransient(err)) {
                    transientDrops += msgEnd[m] - msgFirst[m];
                    m++;
                    continue;
                }
                record(packets, bytes, supers, dropped, transientDrops);
                throw new UncheckedIOException(new IOException("sendmmsg: " + LinuxNet.strerror(err)));
            }
            i = msgEnd[n - 1];
        }
        record(packets, bytes, supers, dropped, transientDrops);
        return (int) packets;
    }

    /** One sendmmsg of the prepared messages {@code [m, n)}: how many went, or −errno. */
    private int transmit(int m, int n) {
        int sent = LinuxNet.sendmmsg(fd, sendMsgsFrom[m], n - m, LinuxNet.MSG_DONTWAIT);
        stats.increment(TransportCounter.SEND_SYSCALLS);
        if (sent >= 0) {
            return sent;
        }
        sent = LinuxNet.sendmmsg(sendErrno, fd, sendMsgsFrom[m], n - m, LinuxNet.MSG_DONTWAIT); // again, for errno
        stats.increment(TransportCounter.SEND_SYSCALLS);
        return sent >= 0 ? sent : -LinuxNet.errno(sendErrno);
    }

    private void record(long packets, long bytes, long supers, long dropped, long transientDrops) {
        stats.add(TransportCounter.PACKETS_SENT, packets);
        stats.add(TransportCounter.BYTES_SENT, bytes);
        stats.add(TransportCounter.GSO_SUPER_DATAGRAMS, supers);
        stats.add(TransportCounter.PACKETS_SEND_DROPPED, dropped);
        stats.add(TransportCounter.PACKETS_SEND_TRANSIENT_DROPPED, transientDrops);
    }

    /** End of the GSO run starting at {@code j}: same peer, same size (the last may be shorter). */
    private static int runEnd(DatagramBatch batch, int j, int to) {
        int segment = batch.length(j);
        if (segment == 0) {
            return j + 1;
        }
        MemorySegment addrs = batch.addresses();
        long aoff = batch.addressOffset(j);
        long total = segment;
        int end = j + 1;
        while (end < to && end - j < GSO_MAX_SEGMENTS) {
            int len = batch.length(end);
            if (len == 0 || len > segment || total + len > GSO_MAX_BYTES
                    || !SocketAddresses.same(addrs, aoff, addrs, batch.addressOffset(end))) {
                break;
            }
            total += len;
            end++;
            if (len < segment) {
                break; // only the last segment may be short
            }
        }
        return end;
    }

    static boolean isTransient(int err) {
        return err == LinuxNet.ECONNREFUSED || err == LinuxNet.ECONNRESET || err == LinuxNet.ENOBUFS
                || err == LinuxNet.ENETUNREACH || err == LinuxNet.ENETDOWN || err == LinuxNet.EHOSTUNREACH
                || err == LinuxNet.EHOSTDOWN || err == LinuxNet.EPERM || err == LinuxNet.EMSGSIZE;
    }

    // ---- receive ------------------------------------------------------------------------------

    @Override
    public int recvBatch(DatagramBatch batch) {
        return receiveInto(batch, LinuxNet.MSG_DONTWAIT);
    }

    /**
     * Waits and receives in one syscall: the first {@code recvmmsg} blocks (MSG_WAITFORONE, bounded
     * by {@code SO_RCVTIMEO}) until a datagram arrives, then takes whatever else waits. An idle
     * receiver thus pays one syscall per wake instead of ppoll + recvmmsg.
     */
    @Override
    public int recvBatch(DatagramBatch batch, long timeoutNs) {
        if (timeoutNs <= 0 || groCursor < groReady) {
            return recvBatch(batch);
        }
        long us = Math.max(1, (timeoutNs + 999) / 1000); // SO_RCVTIMEO 0 would mean forever
        if (recvTimeoutRefused || (us != recvTimeoutUsSet && !setReceiveTimeout(us))) {
            return UdpTransport.super.recvBatch(batch, timeoutNs); // ppoll, then recvmmsg
        }
        return receiveInto(batch, LinuxNet.MSG_WAITFORONE);
    }

    /** Sets SO_RCVTIMEO (only when it changes: a steady receive loop pays it once); false if refused. */
    private boolean setReceiveTimeout(long us) {
        recvTimeval.set(JAVA_LONG, 0, us / 1_000_000L);
        recvTimeval.set(JAVA_LONG, 8, us % 1_000_000L);
        if (LinuxNet.setsockopt(recvErrno, fd, LinuxNet.SOL_SOCKET, LinuxNet.SO_RCVTIMEO, recvTimeval, 16) < 0) {
            LOG.warn("udp transport: SO_RCVTIMEO refused ({}), waiting with ppoll instead",
                    LinuxNet.strerror(LinuxNet.errno(recvErrno)));
            recvTimeoutRefused = true; // asked and warned once, not on every receive
            return false;
        }
        recvTimeoutUsSet = us;
        return true;
    }

    /** Clears {@code batch} and fills it; {@code firstFlags} is the first recvmmsg's (wait or not). */
    private int receiveInto(DatagramBatch batch, int firstFlags) {
        batch.clear();
        if (groActive) {
            return recvCoalesced(batch, firstFlags);
        }
        int flags = firstFlags;
        long slabBase = batch.slab().address();
        long addrBase = batch.addresses().address();
        long iovBase = recvIov.address();
        int regionBytes = batch.regionBytes();
        int max = batch.maxDatagramBytes();
        long bytes = 0, truncated = 0;
        // Another recvmmsg only while the last one came back full: a short batch means drained.
        while (!batch.isFull()) {
            int base = batch.nextRegion();
            int vlen = Math.min(batch.capacity() - base, batchSize);
            for (int j = 0; j < vlen; j++) {
                long msg = j * MMSGHDR_BYTES;
                long io = j * IOVEC_BYTES;
                recvIov.set(JAVA_LONG, io + IOV_BASE, slabBase + batch.regionOffset(base + j));
                recvIov.set(JAVA_LONG, io + IOV_LEN, regionBytes);
                recvMsgs.set(JAVA_LONG, msg + MSG_NAME, addrBase + batch.regionAddressOffset(base + j));
                recvMsgs.set(JAVA_INT, msg + MSG_NAMELEN, SocketAddresses.SOCKADDR_IN6_BYTES);
                recvMsgs.set(JAVA_LONG, msg + MSG_IOV, iovBase + io);
                recvMsgs.set(JAVA_LONG, msg + MSG_IOVLEN, 1L);
                recvMsgs.set(JAVA_LONG, msg + MSG_CONTROL, 0L);
                recvMsgs.set(JAVA_LONG, msg + MSG_CONTROLLEN, 0L);
                recvMsgs.set(JAVA_INT, msg + MSG_FLAGS, 0);
            }
            int got = receive(vlen, flags);
            flags = LinuxNet.MSG_DONTWAIT;
            for (int j = 0; j < got; j++) {
                long msg = j * MMSGHDR_BYTES;
                int len = recvMsgs.get(JAVA_INT, msg + MSG_LEN);
                if ((recvMsgs.get(JAVA_INT, msg + MSG_FLAGS) & MSG_TRUNC) != 0 || len > max) {
                    truncated++; // filled or overflowed its buffer: dropped exactly as on the scalar path
                } else {
                    batch.commitRegion(base + j, len);
                    bytes += len;
                }
            }
            if (got < vlen) {
                break;
            }
        }
        stats.add(TransportCounter.PACKETS_RECEIVED, batch.count());
        stats.add(TransportCounter.BYTES_RECEIVED, bytes);
        stats.add(TransportCounter.PACKETS_TRUNCATED, truncated);
        return batch.count();
    }

    /**
     * One recvmmsg over the prepared {@code recvMsgs}; 0 when nothing waits (or, with
     * MSG_WAITFORONE, nothing came within SO_RCVTIMEO).
     */
    private int receive(int vlen, int flags) {
        while (true) {
            int got = LinuxNet.recvmmsg(fd, recvMsgs, vlen, flags);
            stats.increment(TransportCounter.RECV_SYSCALLS);
            if (got >= 0) {
                return got;
            }
            // Again with errno captured: usually EAGAIN (drained), else the reason, or data by now.
            got = LinuxNet.recvmmsg(recvErrno, fd, recvMsgs, vlen, LinuxNet.MSG_DONTWAIT);
            stats.increment(TransportCounter.RECV_SYSCALLS);
            if (got >= 0) {
                return got;
            }
            int err = LinuxNet.errno(recvErrno);
            if (err == LinuxNet.EINTR) {
                continue; // the retry does not wait, so this cannot loop past a timeout
            }
            if (err == LinuxNet.EAGAIN) {
                return 0;
            }
            if (isTransient(err)) {
                stats.increment(TransportCounter.RECV_TRANSIENT_ERRORS);
                return 0;
            }
            throw new UncheckedIOException(new IOException("recvmmsg: " + LinuxNet.strerror(err)));
        }
    }

    /** GRO path: receive 64 KiB super-datagrams into our buffers, hand out their segments. */
    private int recvCoalesced(DatagramBatch batch, int firstFlags) {
        int flags = firstFlags;
        int max = batch.maxDatagramBytes();
        long bytes = 0, truncated = 0;
        boolean mayHaveMore = true;
        while (!batch.isFull()) {
            if (groCursor == groReady) {
                if (!mayHaveMore) {
                    break;
                }
                int got = receiveCoalesced(flags);
                flags = LinuxNet.MSG_DONTWAIT;
                mayHaveMore = got == groMessages; // a short recvmmsg means the socket is drained
                if (got == 0) {
                    break;
                }
            }
            while (groCursor < groReady && !batch.isFull()) {
                int m = groCursor;
                int len = groLen[m];
                if (groTruncated[m]) {
                    truncated++;
                    groCursor++;
                    groCursorOffset = 0;
                    continue;
                }
                int segLen = Math.min(groSegment[m], len - groCursorOffset);
                if (segLen > max) {
                    truncated++;
                } else {
                    int r = batch.nextRegion();
                    MemorySegment.copy(groSlab, (long) m * GRO_BUFFER_BYTES + groCursorOffset,
                            batch.slab(), batch.regionOffset(r), segLen);
                    SocketAddresses.copy(groNames, (long) m * SocketAddresses.STRIDE,
                            batch.addresses(), batch.regionAddressOffset(r));
                    batch.commitRegion(r, segLen);
                    bytes += segLen;
                }
                groCursorOffset += segLen;
                if (groCursorOffset >= len) {
                    groCursor++;
                    groCursorOffset = 0;
                }
            }
        }
        stats.add(TransportCounter.PACKETS_RECEIVED, batch.count());
        stats.add(TransportCounter.BYTES_RECEIVED, bytes);
        stats.add(TransportCounter.PACKETS_TRUNCATED, truncated);
        return batch.count();
    }

    /** One recvmmsg of up to {@code groMessages} super-datagrams into the GRO buffers. */
    private int receiveCoalesced(int flags) {
        long iovBase = recvIov.address();
        for (int j = 0; j < groMessages; j++) {
            long msg = j * MMSGHDR_BYTES;
            long io = j * IOVEC_BYTES;
            recvIov.set(JAVA_LONG, io + IOV_BASE, groSlab.address() + (long) j * GRO_BUFFER_BYTES);
            recvIov.set(JAVA_LONG, io + IOV_LEN, GRO_BUFFER_BYTES);
            recvMsgs.set(JAVA_LONG, msg + MSG_NAME, groNames.address() + (long) j * SocketAddresses.STRIDE);
            recvMsgs.set(JAVA_INT, msg + MSG_NAMELEN, SocketAddresses.SOCKADDR_IN6_BYTES);
            recvMsgs.set(JAVA_LONG, msg + MSG_IOV, iovBase + io);
            recvMsgs.set(JAVA_LONG, msg + MSG_IOVLEN, 1L);
            recvMsgs.set(JAVA_LONG, msg + MSG_CONTROL, groControl.address() + j * GRO_CONTROL_BYTES);
            recvMsgs.set(JAVA_LONG, msg + MSG_CONTROLLEN, GRO_CONTROL_BYTES);
            recvMsgs.set(JAVA_INT, msg + MSG_FLAGS, 0);
        }
        int got = receive(groMessages, flags);
        long supers = 0;
        for (int j = 0; j < got; j++) {
            long msg = j * MMSGHDR_BYTES;
            int len = recvMsgs.get(JAVA_INT, msg + MSG_LEN);
            int segment = groSegmentSize(j, recvMsgs.get(JAVA_LONG, msg + MSG_CONTROLLEN));
            groLen[j] = len;
            groSegment[j] = segment > 0 ? segment : len;
            groTruncated[j] = (recvMsgs.get(JAVA_INT, msg + MSG_FLAGS) & MSG_TRUNC) != 0;
            if (segment > 0 && segment < len) {
                supers++;
            }
        }
        stats.add(TransportCounter.GRO_SUPER_DATAGRAMS, supers);
        groReady = got;
        groCursor = 0;
        groCursorOffset = 0;
        return got;
    }

    /** The {@code UDP_GRO} cmsg's segment size for GRO message {@code j}, or 0 if absent. */
    private int groSegmentSize(int j, long controlLen) {
        long base = j * GRO_CONTROL_BYTES;
        long off = 0;
        while (off + CMSG_HDR_BYTES <= controlLen) {
            long cmsgLen = groControl.get(JAVA_LONG, base + off + CMSG_LEN);
            if (cmsgLen < CMSG_HDR_BYTES || off + cmsgLen > GRO_CONTROL_BYTES) {
                break;
            }
            if (groControl.get(JAVA_INT, base + off + CMSG_LEVEL) == LinuxNet.SOL_UDP
                    && groControl.get(JAVA_INT, base + off + CMSG_TYPE) == LinuxNet.UDP_GRO) {
                return groControl.get(JAVA_INT, base + off + CMSG_HDR_BYTES);
            }
            off += (cmsgLen + 7) & ~7L;
        }
        return 0;
    }

    @Override
    public boolean awaitReadable(long timeoutNs) {
        if (groCursor < groReady) {
            return true;
        }
        long ns = Math.max(0, timeoutNs);
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, 4, LinuxNet.POLLIN);
        pollFd.set(JAVA_SHORT, 6, (short) 0);
        pollTimeout.set(JAVA_LONG, 0, ns / 1_000_000_000L);
        pollTimeout.set(JAVA_LONG, 8, ns % 1_000_000_000L);
        int ready = LinuxNet.ppoll(pollFd, 1, pollTimeout);
        stats.increment(TransportCounter.POLL_SYSCALLS);
        if (ready >= 0) {
            return ready > 0;
        }
        // Failed (a signal, in practice): ask once more without waiting, with errno captured.
        pollTimeout.set(JAVA_LONG, 0, 0L);
        pollTimeout.set(JAVA_LONG, 8, 0L);
        ready = LinuxNet.ppoll(recvErrno, pollFd, 1, pollTimeout);
        stats.increment(TransportCounter.POLL_SYSCALLS);
        if (ready >= 0) {
            return ready > 0;
        }
        int err = LinuxNet.errno(recvErrno);
        if (err == LinuxNet.EINTR) {
            return false;
        }
        throw new UncheckedIOException(new IOException("ppoll: " + LinuxNet.strerror(err)));
    }

    // ---- misc ---------------------------------------------------------------------------------

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public TransportStats stats() {
        return stats;
    }

    @Override
    public String backendName() {
        return "sendmmsg/recvmmsg (FFM" + (gsoActive ? ", GSO" : "") + (groActive ? ", GRO" : "") + ")";
    }

    @Override
    public int sendBufferBytes() {
        return sendBufferBytes;
    }

    @Override
    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    @Override
    public boolean gsoActive() {
        return gsoActive;
    }

    @Override
    public boolean groActive() {
        return groActive;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LinuxNet.close(sendErrno, fd);
        arena.close();
    }
}
