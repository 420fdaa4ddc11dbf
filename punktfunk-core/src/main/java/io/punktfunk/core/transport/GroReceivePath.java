package io.punktfunk.core.transport;

import static io.punktfunk.core.transport.LinuxNet.CMSG_HDR_BYTES;
import static io.punktfunk.core.transport.LinuxNet.CMSG_LEN;
import static io.punktfunk.core.transport.LinuxNet.CMSG_LEVEL;
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
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive path of {@link MmsgUdpTransport} (receiver thread only): {@code recvmmsg} straight
 * into the caller's {@link DatagramBatch}, the waiting receive (MSG_WAITFORONE under SO_RCVTIMEO),
 * optional UDP GRO with the coalesced datagrams split again by the {@code UDP_GRO} segment size, and
 * {@code ppoll}. Its native structures and GRO buffers are allocated once here.
 */
final class GroReceivePath {
    private static final Logger LOG = LoggerFactory.getLogger(MmsgUdpTransport.class);

    private final int fd;
    private final int batchSize;
    private final TransportStats stats;
    private final boolean groActive;
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

    GroReceivePath(MmsgSocket socket, UdpTransportConfig config) {
        this.fd = socket.fd;
        this.batchSize = socket.batchSize;
        this.stats = socket.stats;
        this.groActive = socket.groActive;
        Arena arena = socket.arena;
        recvMsgs = arena.allocate(MMSGHDR_BYTES * Math.max(batchSize, config.groMessages()), 8);
        recvIov = arena.allocate(IOVEC_BYTES * Math.max(batchSize, config.groMessages()), 8);
        recvErrno = arena.allocate(LinuxNet.CAPTURE_STATE);
        pollFd = arena.allocate(LinuxNet.POLLFD);
        pollTimeout = arena.allocate(LinuxNet.TIMESPEC);
        recvTimeval = arena.allocate(LinuxNet.TIMESPEC); // struct timeval has the same two-long shape
        groMessages = groActive ? config.groMessages() : 0;
        groSlab = arena.allocate((long) MmsgUdpTransport.GRO_BUFFER_BYTES * groMessages, 64);
        groNames = arena.allocate((long) SocketAddresses.STRIDE * groMessages, 8);
        groControl = arena.allocate(GRO_CONTROL_BYTES * groMessages, 8);
        groLen = new int[groMessages];
        groSegment = new int[groMessages];
        groTruncated = new boolean[groMessages];
    }


    int recvBatch(DatagramBatch batch) {
        return receiveInto(batch, LinuxNet.MSG_DONTWAIT);
    }

    /**
     * Waits and receives in one syscall: the first {@code recvmmsg} blocks (MSG_WAITFORONE, bounded
     * by {@code SO_RCVTIMEO}) until a datagram arrives, then takes whatever else waits. An idle
     * receiver thus pays one syscall per wake instead of ppoll + recvmmsg.
     */
    int recvBatch(DatagramBatch batch, long timeoutNs) {
        if (timeoutNs <= 0 || groCursor < groReady) {
            return recvBatch(batch);
        }
        long us = Math.max(1, (timeoutNs + 999) / 1000); // SO_RCVTIMEO 0 would mean forever
        if (recvTimeoutRefused || (us != recvTimeoutUsSet && !setReceiveTimeout(us))) {
            if (!awaitReadable(timeoutNs)) { // ppoll, then recvmmsg
                batch.clear();
                return 0;
            }
            return recvBatch(batch);
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
            if (MmsgSocket.isTransient(err)) {
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
                    MemorySegment.copy(groSlab, (long) m * MmsgUdpTransport.GRO_BUFFER_BYTES + groCursorOffset,
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
            recvIov.set(JAVA_LONG, io + IOV_BASE, groSlab.address() + (long) j * MmsgUdpTransport.GRO_BUFFER_BYTES);
            recvIov.set(JAVA_LONG, io + IOV_LEN, MmsgUdpTransport.GRO_BUFFER_BYTES);
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

    boolean awaitReadable(long timeoutNs) {
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
}
