package io.punktfunk.core.transport;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * libc socket calls and struct layouts for the FFM UDP backend (Linux x86_64 and aarch64, LP64).
 * Every call that can fail captures {@code errno} into a caller-owned segment, so the send and
 * receive threads each keep their own.
 */
@SuppressWarnings("restricted") // the point of this class: libc downcalls, enabled by --enable-native-access
final class LinuxNet {

    // <sys/socket.h>, <netinet/udp.h>, <errno.h>: identical on x86_64 and aarch64 (asm-generic).
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    /** struct timeval: how long a blocking receive waits for its first datagram. */
    static final int SO_RCVTIMEO = 20;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;
    static final int UDP_GRO = 104;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    /** recvmmsg: block for the first datagram only, then take what else waits. */
    static final int MSG_WAITFORONE = 0x10000;
    static final short POLLIN = 0x1;

    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;
    static final int EINVAL = 22;
    static final int EMSGSIZE = 90;
    static final int ENETDOWN = 100;
    static final int ENETUNREACH = 101;
    static final int ECONNRESET = 104;
    static final int ENOBUFS = 105;
    static final int ECONNREFUSED = 111;
    static final int EHOSTDOWN = 112;
    static final int EHOSTUNREACH = 113;

    /** struct iovec { void *iov_base; size_t iov_len; };  // 16 bytes */
    static final StructLayout IOVEC = MemoryLayout.structLayout(
            ADDRESS.withName("iov_base"),
            JAVA_LONG.withName("iov_len"));

    /**
     * struct msghdr {
     *     void         *msg_name;       // 0   peer sockaddr or NULL
     *     socklen_t     msg_namelen;    // 8   in: room, out: length written
     *     struct iovec *msg_iov;        // 16
     *     size_t        msg_iovlen;     // 24
     *     void         *msg_control;    // 32  cmsg buffer or NULL
     *     size_t        msg_controllen; // 40
     *     int           msg_flags;      // 48  out: MSG_TRUNC, MSG_CTRUNC ...
     * };                                // 56 bytes
     */
    static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4));

    /** struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; };  // 64 bytes */
    static final StructLayout MMSGHDR = MemoryLayout.structLayout(
            MSGHDR.withName("msg_hdr"),
            JAVA_INT.withName("msg_len"),
            MemoryLayout.paddingLayout(4));

    /**
     * struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; unsigned char data[]; };
     * CMSG_LEN(n) = 16 + n, CMSG_SPACE(n) = 16 + align8(n).
     */
    static final StructLayout CMSGHDR = MemoryLayout.structLayout(
            JAVA_LONG.withName("cmsg_len"),
            JAVA_INT.withName("cmsg_level"),
            JAVA_INT.withName("cmsg_type"));

    /** struct pollfd { int fd; short events; short revents; };  // 8 bytes */
    static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents"));

    /** struct timespec { time_t tv_sec; long tv_nsec; };  // 16 bytes */
    static final StructLayout TIMESPEC = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_LONG.withName("tv_nsec"));

    static final long IOVEC_BYTES = IOVEC.byteSize();
    static final long IOV_BASE = IOVEC.byteOffset(groupElement("iov_base"));
    static final long IOV_LEN = IOVEC.byteOffset(groupElement("iov_len"));
    static final long MMSGHDR_BYTES = MMSGHDR.byteSize();
    static final long MSG_NAME = offsetInMmsghdr("msg_name");
    static final long MSG_NAMELEN = offsetInMmsghdr("msg_namelen");
    static final long MSG_IOV = offsetInMmsghdr("msg_iov");
    static final long MSG_IOVLEN = offsetInMmsghdr("msg_iovlen");
    static final long MSG_CONTROL = offsetInMmsghdr("msg_control");
    static final long MSG_CONTROLLEN = offsetInMmsghdr("msg_controllen");
    static final long MSG_FLAGS = offsetInMmsghdr("msg_flags");
    static final long MSG_LEN = MMSGHDR.byteOffset(groupElement("msg_len"));
    static final long CMSG_HDR_BYTES = CMSGHDR.byteSize();
    static final long CMSG_LEN = CMSGHDR.byteOffset(groupElement("cmsg_len"));
    static final long CMSG_LEVEL = CMSGHDR.byteOffset(groupElement("cmsg_level"));
    static final long CMSG_TYPE = CMSGHDR.byteOffset(groupElement("cmsg_type"));
    /** CMSG_SPACE(sizeof(uint16_t)): one UDP_SEGMENT control message. */
    static final long CMSG_SPACE_U16 = CMSG_HDR_BYTES + 8;
    /** Room for the UDP_GRO control message (an int) plus slack for others the kernel may add. */
    static final long GRO_CONTROL_BYTES = 64;

    static final StructLayout CAPTURE_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO = CAPTURE_STATE.byteOffset(groupElement("errno"));

    static final boolean AVAILABLE;
    static final String UNAVAILABLE_REASON;

    private static final MethodHandle SOCKET;
    private static final MethodHandle BIND;
    private static final MethodHandle CONNECT;
    private static final MethodHandle GETSOCKNAME;
    private static final MethodHandle SETSOCKOPT;
    private static final MethodHandle GETSOCKOPT;
    private static final MethodHandle SENDMMSG;
    private static final MethodHandle RECVMMSG;
    private static final MethodHandle PPOLL;
    private static final MethodHandle SENDMMSG_FAST;
    private static final MethodHandle RECVMMSG_FAST;
    private static final MethodHandle PPOLL_FAST;
    private static final MethodHandle CLOSE;
    private static final MethodHandle STRERROR;

    static {
        MethodHandle socket = null, bind = null, connect = null, getsockname = null, setsockopt = null;
        MethodHandle getsockopt = null, sendmmsg = null, recvmmsg = null, ppoll = null, close = null;
        MethodHandle strerror = null, sendmmsgFast = null, recvmmsgFast = null, ppollFast = null;
        String reason = null;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            reason = "not Linux (" + os + ")";
        } else if (!(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            reason = "unsupported architecture " + arch;
        } else {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option errno = Linker.Option.captureCallState("errno");
                socket = bindCall(linker, libc, "socket", errno, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
                bind = bindCall(linker, libc, "bind", errno, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
                connect = bindCall(linker, libc, "connect", errno, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
                getsockname = bindCall(linker, libc, "getsockname", errno, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
                setsockopt = bindCall(linker, libc, "setsockopt", errno,
                        JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
                getsockopt = bindCall(linker, libc, "getsockopt", errno,
                        JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
                sendmmsg = bindCall(linker, libc, "sendmmsg", errno, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
                recvmmsg = bindCall(linker, libc, "recvmmsg", errno,
                        JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
                ppoll = bindCall(linker, libc, "ppoll", errno, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
                close = bindCall(linker, libc, "close", errno, JAVA_INT, JAVA_INT);
                sendmmsgFast = bindCall(linker, libc, "sendmmsg", null,
                        JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
                recvmmsgFast = bindCall(linker, libc, "recvmmsg", null,
                        JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
                ppollFast = bindCall(linker, libc, "ppoll", null, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
                strerror = linker.downcallHandle(libc.findOrThrow("strerror"),
                        FunctionDescriptor.of(ADDRESS, JAVA_INT));
            } catch (RuntimeException | LinkageError e) {
                reason = "FFM downcalls unavailable: " + e;
            }
        }
        AVAILABLE = reason == null;
        UNAVAILABLE_REASON = reason;
        SOCKET = socket;
        BIND = bind;
        CONNECT = connect;
        GETSOCKNAME = getsockname;
        SETSOCKOPT = setsockopt;
        GETSOCKOPT = getsockopt;
        SENDMMSG = sendmmsg;
        RECVMMSG = recvmmsg;
        PPOLL = ppoll;
        CLOSE = close;
        STRERROR = strerror;
        SENDMMSG_FAST = sendmmsgFast;
        RECVMMSG_FAST = recvmmsgFast;
        PPOLL_FAST = ppollFast;
    }

    private LinuxNet() {
    }

    private static MethodHandle bindCall(Linker linker, SymbolLookup libc, String name, Linker.Option errno,
                                         MemoryLayout ret, MemoryLayout... args) {
        FunctionDescriptor fd = FunctionDescriptor.of(ret, args);
        MemorySegment symbol = libc.findOrThrow(name);
        return errno == null ? linker.downcallHandle(symbol, fd) : linker.downcallHandle(symbol, fd, errno);
    }

    private static long offsetInMmsghdr(String field) {
        return MMSGHDR.byteOffset(groupElement("msg_hdr"), groupElement(field));
    }

    static int errno(MemorySegment state) {
        return state.get(JAVA_INT, ERRNO);
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0) + " (errno " + errno + ")";
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    static int socket(MemorySegment st, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(st, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int bind(MemorySegment st, int fd, MemorySegment addr, int len) {
        try {
            return (int) BIND.invokeExact(st, fd, addr, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int connect(MemorySegment st, int fd, MemorySegment addr, int len) {
        try {
            return (int) CONNECT.invokeExact(st, fd, addr, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockname(MemorySegment st, int fd, MemorySegment addr, MemorySegment lenInOut) {
        try {
            return (int) GETSOCKNAME.invokeExact(st, fd, addr, lenInOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setsockopt(MemorySegment st, int fd, int level, int name, MemorySegment val, int len) {
        try {
            return (int) SETSOCKOPT.invokeExact(st, fd, level, name, val, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockopt(MemorySegment st, int fd, int level, int name, MemorySegment val, MemorySegment len) {
        try {
            return (int) GETSOCKOPT.invokeExact(st, fd, level, name, val, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // The hot-path calls come in two forms. Capturing errno makes the JDK slice the capture
    // segment on every call (SharedUtils.checkCaptureSegment), an allocation only C2 inlining
    // removes, and not always. So the hot path calls without capture, and only after a failure
    // issues the same non-blocking call again with errno captured: it fails the same way, or
    // simply succeeds this time.

    /** sendmmsg without errno; on −1 call the capturing overload to learn why. */
    static int sendmmsg(int fd, MemorySegment msgs, int vlen, int flags) {
        try {
            return (int) SENDMMSG_FAST.invokeExact(fd, msgs, vlen, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** recvmmsg without errno and without timeout. */
    static int recvmmsg(int fd, MemorySegment msgs, int vlen, int flags) {
        try {
            return (int) RECVMMSG_FAST.invokeExact(fd, msgs, vlen, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** ppoll without errno and without signal mask. */
    static int ppoll(MemorySegment fds, long nfds, MemorySegment timeout) {
        try {
            return (int) PPOLL_FAST.invokeExact(fds, nfds, timeout, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int sendmmsg(MemorySegment st, int fd, MemorySegment msgs, int vlen, int flags) {
        try {
            return (int) SENDMMSG.invokeExact(st, fd, msgs, vlen, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int recvmmsg(MemorySegment st, int fd, MemorySegment msgs, int vlen, int flags) {
        try {
            return (int) RECVMMSG.invokeExact(st, fd, msgs, vlen, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int ppoll(MemorySegment st, MemorySegment fds, long nfds, MemorySegment timeout) {
        try {
            return (int) PPOLL.invokeExact(st, fds, nfds, timeout, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int close(MemorySegment st, int fd) {
        try {
            return (int) CLOSE.invokeExact(st, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native call failed", t);
    }
}
