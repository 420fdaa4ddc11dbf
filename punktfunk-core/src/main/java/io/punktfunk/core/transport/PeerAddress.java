package io.punktfunk.core.transport;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;

/**
 * A remote UDP endpoint held in native {@code sockaddr} form, created once per peer and reused on
 * every send, so addressing a datagram costs a 32-byte copy rather than an object. Mutable: a
 * receiver can {@link DatagramBatch#peer(int, PeerAddress) copy} a datagram's source into one.
 */
public final class PeerAddress {

    final MemorySegment sockaddr = Arena.ofAuto().allocate(SocketAddresses.STRIDE, 8);
    private InetSocketAddress cached;

    private PeerAddress() {
    }

    /** A holder with no address set. */
    public static PeerAddress empty() {
        return new PeerAddress();
    }

    /** The endpoint {@code address} (must be resolved). */
    public static PeerAddress of(InetSocketAddress address) {
        PeerAddress peer = new PeerAddress();
        peer.set(address);
        return peer;
    }

    /** Sets this holder to {@code address}. */
    public PeerAddress set(InetSocketAddress address) {
        SocketAddresses.encode(address, sockaddr, 0);
        cached = address;
        return this;
    }

    /** Whether an address is set. */
    public boolean isSet() {
        return SocketAddresses.length(sockaddr, 0) != 0;
    }

    /** This endpoint as a JDK address (cached; allocates only after the address changed). */
    public InetSocketAddress toSocketAddress() {
        InetSocketAddress a = cached;
        if (a == null && isSet()) {
            a = SocketAddresses.decode(sockaddr, 0);
            cached = a;
        }
        return a;
    }

    void copyFrom(MemorySegment seg, long off) {
        if (!SocketAddresses.same(seg, off, sockaddr, 0)) {
            SocketAddresses.copy(seg, off, sockaddr, 0);
            cached = null;
        }
    }

    /** Whether both hold the same endpoint. */
    public boolean sameAs(PeerAddress other) {
        return SocketAddresses.same(sockaddr, 0, other.sockaddr, 0);
    }

    @Override
    public String toString() {
        return String.valueOf(toSocketAddress());
    }
}
