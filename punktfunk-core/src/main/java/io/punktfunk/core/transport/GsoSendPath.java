package io.punktfunk.core.transport;

import static io.punktfunk.core.transport.LinuxNet.CMSG_HDR_BYTES;
import static io.punktfunk.core.transport.LinuxNet.CMSG_LEN;
import static io.punktfunk.core.transport.LinuxNet.CMSG_LEVEL;
import static io.punktfunk.core.transport.LinuxNet.CMSG_SPACE_U16;
import static io.punktfunk.core.transport.LinuxNet.CMSG_TYPE;
import static io.punktfunk.core.transport.LinuxNet.IOVEC_BYTES;
import static io.punktfunk.core.transport.LinuxNet.IOV_BASE;
import static io.punktfunk.core.transport.LinuxNet.IOV_LEN;
import static io.punktfunk.core.transport.LinuxNet.MMSGHDR_BYTES;
import static io.punktfunk.core.transport.LinuxNet.MSG_CONTROL;
import static io.punktfunk.core.transport.LinuxNet.MSG_CONTROLLEN;
import static io.punktfunk.core.transport.LinuxNet.MSG_FLAGS;
import static io.punktfunk.core.transport.LinuxNet.MSG_IOV;
import static io.punktfunk.core.transport.LinuxNet.MSG_IOVLEN;
import static io.punktfunk.core.transport.LinuxNet.MSG_NAME;
import static io.punktfunk.core.transport.LinuxNet.MSG_NAMELEN;
import static io.punktfunk.core.transport.SocketAddresses.AF_INET;
import static io.punktfunk.core.transport.SocketAddresses.AF_INET6;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send path of {@link MmsgUdpTransport} (sender thread only): {@code sendmmsg} with UDP GSO for
 * runs of equal-size datagrams to one peer, v4-mapped rewriting for dual-stack sockets, never
 * blocking on a full buffer. Its mmsghdr/iovec/cmsg arrays are allocated once here.
 */
final class GsoSendPath {
    private static final Logger LOG = LoggerFactory.getLogger(MmsgUdpTransport.class);

    private final int fd;
    private final int family;
    private final int batchSize;
    private final TransportStats stats;
    private volatile boolean gsoActive;
    private final MemorySegment sendMsgs;
    private final MemorySegment[] sendMsgsFrom;
    private final MemorySegment sendIov;
    private final MemorySegment sendControl;
    private final MemorySegment sendNames;
    private final MemorySegment sendErrno;
    private final int[] msgFirst;
    private final int[] msgEnd;
    private final long[] msgBytes;

    GsoSendPath(MmsgSocket socket) {
        this.fd = socket.fd;
        this.family = socket.family;
        this.batchSize = socket.batchSize;
        this.stats = socket.stats;
        this.gsoActive = socket.gso;
        Arena arena = socket.arena;
        int maxIov = batchSize * MmsgUdpTransport.GSO_MAX_SEGMENTS;
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
    }

    boolean gsoActive() {
        return gsoActive;
    }


    int sendBatch(DatagramBatch batch, int from, int to) {
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
                if (MmsgSocket.isTransient(err)) {
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
        while (end < to && end - j < MmsgUdpTransport.GSO_MAX_SEGMENTS) {
            int len = batch.length(end);
            if (len == 0 || len > segment || total + len > MmsgUdpTransport.GSO_MAX_BYTES
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

}
