package io.punktfunk.core.transport;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * Encodes socket addresses in the Linux native {@code sockaddr} form, so the FFM backend can point
 * {@code msg_name} straight at a batch's address slot. Every backend uses the same encoding.
 *
 * <pre>
 * struct sockaddr_in  { sa_family_t sin_family;   // u16, host order, AF_INET = 2
 *                       in_port_t   sin_port;     // u16, network order
 *                       struct in_addr sin_addr;  // 4 bytes, network order
 *                       char sin_zero[8]; };      // 16 bytes
 * struct sockaddr_in6 { sa_family_t sin6_family;  // u16, host order, AF_INET6 = 10
 *                       in_port_t   sin6_port;    // u16, network order
 *                       uint32_t    sin6_flowinfo;
 *                       struct in6_addr sin6_addr;  // 16 bytes at offset 8
 *                       uint32_t    sin6_scope_id; }; // 28 bytes
 * </pre>
 * A family of 0 marks "no address" (send to the connected peer).
 */
final class SocketAddresses {

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCKADDR_IN_BYTES = 16;
    static final int SOCKADDR_IN6_BYTES = 28;
    /** Room for either form, 8-byte aligned. */
    static final int STRIDE = 32;

    private static final ValueLayout.OfShort FAMILY = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfShort PORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt SCOPE = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    private SocketAddresses() {
    }

    static int family(MemorySegment seg, long off) {
        return seg.get(FAMILY, off) & 0xFFFF;
    }

    /** Native length of the address at {@code off}: 16, 28, or 0 when none is set. */
    static int length(MemorySegment seg, long off) {
        return switch (family(seg, off)) {
            case AF_INET -> SOCKADDR_IN_BYTES;
            case AF_INET6 -> SOCKADDR_IN6_BYTES;
            default -> 0;
        };
    }

    static void clear(MemorySegment seg, long off) {
        seg.asSlice(off, STRIDE).fill((byte) 0);
    }

    static void encode(InetSocketAddress address, MemorySegment seg, long off) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address: " + address);
        }
        clear(seg, off);
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet4Address) {
            seg.set(FAMILY, off, (short) AF_INET);
            seg.set(PORT, off + 2, (short) address.getPort());
            MemorySegment.copy(raw, 0, seg, ValueLayout.JAVA_BYTE, off + 4, 4);
        } else {
            seg.set(FAMILY, off, (short) AF_INET6);
            seg.set(PORT, off + 2, (short) address.getPort());
            MemorySegment.copy(raw, 0, seg, ValueLayout.JAVA_BYTE, off + 8, 16);
            seg.set(SCOPE, off + 24, ((Inet6Address) ip).getScopeId());
        }
    }

    static InetSocketAddress decode(MemorySegment seg, long off) {
        int family = family(seg, off);
        int port = seg.get(PORT, off + 2) & 0xFFFF;
        try {
            if (family == AF_INET) {
                byte[] raw = new byte[4];
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, off + 4, raw, 0, 4);
                return new InetSocketAddress(InetAddress.getByAddress(raw), port);
            }
            if (family == AF_INET6) {
                byte[] raw = new byte[16];
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, off + 8, raw, 0, 16);
                int scope = seg.get(SCOPE, off + 24);
                InetAddress ip = scope == 0 ? InetAddress.getByAddress(raw)
                        : Inet6Address.getByAddress(null, raw, scope);
                return new InetSocketAddress(ip, port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad native address length", e);
        }
        return null;
    }

    /** Whether two native addresses are the same endpoint (family, port, address, scope). */
    static boolean same(MemorySegment a, long aOff, MemorySegment b, long bOff) {
        int family = family(a, aOff);
        if (family != family(b, bOff)) {
            return false;
        }
        if (family == AF_INET) {
            return a.get(WORD, aOff) == b.get(WORD, bOff);
        }
        if (family == AF_INET6) {
            return a.get(SCOPE, aOff) == b.get(SCOPE, bOff) // family + port
                    && a.get(WORD, aOff + 8) == b.get(WORD, bOff + 8)
                    && a.get(WORD, aOff + 16) == b.get(WORD, bOff + 16)
                    && a.get(SCOPE, aOff + 24) == b.get(SCOPE, bOff + 24);
        }
        return true;
    }

    /** Writes the IPv4 address at {@code src} as a v4-mapped {@code sockaddr_in6} at {@code dst}. */
    static void toV4Mapped(MemorySegment src, long srcOff, MemorySegment dst, long dstOff) {
        short port = src.get(PORT, srcOff + 2);
        int v4 = src.get(SCOPE, srcOff + 4);
        clear(dst, dstOff);
        dst.set(FAMILY, dstOff, (short) AF_INET6);
        dst.set(PORT, dstOff + 2, port);
        dst.set(ValueLayout.JAVA_SHORT_UNALIGNED, dstOff + 18, (short) -1); // ::ffff:
        dst.set(SCOPE, dstOff + 20, v4);
    }

    /** Copies one native address ({@link #STRIDE} bytes). */
    static void copy(MemorySegment src, long srcOff, MemorySegment dst, long dstOff) {
        MemorySegment.copy(src, srcOff, dst, dstOff, STRIDE);
    }
}
