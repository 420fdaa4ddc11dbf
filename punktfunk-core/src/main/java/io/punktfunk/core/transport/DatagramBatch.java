package io.punktfunk.core.transport;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A reusable batch of datagrams over one native slab: the unit {@link Transport#sendBatch} and
 * {@link Transport#recvBatch} move. Create one per I/O thread and refill it forever; nothing in it
 * allocates after construction.
 *
 * <p>The slab has {@code capacity} regions of {@link #regionBytes()} each (at least
 * {@code maxDatagramBytes + 1}, so a datagram too long for the batch is recognisable on every
 * receive path). Entry {@code i} of the batch lives in some region; read it through
 * {@link #slab()} at {@link #offset(int)} for {@link #length(int)} bytes, or through
 * {@link #buffer(int)}. Each entry also carries a peer address (native {@code sockaddr}): the
 * destination when sending (none = the connected peer), the source after receiving.
 *
 * <p>Not thread-safe; hand a whole batch between threads, never share one.
 */
public final class DatagramBatch implements AutoCloseable {

    /** Largest datagram payload punktfunk sends: a 9000-byte jumbo frame plus headroom. */
    public static final int MAX_DATAGRAM_BYTES = 9216;
    /** The common datagram: a 1408-byte shard sealed to 1454 bytes (reference §1.8). */
    public static final int DEFAULT_DATAGRAM_BYTES = 1472;

    private final Arena arena = Arena.ofShared();
    private final int capacity;
    private final int maxDatagramBytes;
    private final int regionBytes;
    private final MemorySegment slab;
    private final MemorySegment addresses;
    private final ByteBuffer[] views;
    private final int[] region;
    private final int[] length;
    private int count;
    private int nextRegion;

    /**
     * @param capacity         most datagrams the batch holds, 1..65536
     * @param maxDatagramBytes longest datagram payload it holds, 1..{@value #MAX_DATAGRAM_BYTES}
     *                         (longer received datagrams are dropped and counted as truncated)
     */
    public DatagramBatch(int capacity, int maxDatagramBytes) {
        if (capacity < 1 || capacity > 65536) {
            throw new IllegalArgumentException("batch capacity must be 1..65536: " + capacity);
        }
        if (maxDatagramBytes < 1 || maxDatagramBytes > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException(
                    "max datagram must be 1.." + MAX_DATAGRAM_BYTES + " bytes: " + maxDatagramBytes);
        }
        this.capacity = capacity;
        this.maxDatagramBytes = maxDatagramBytes;
        this.regionBytes = (maxDatagramBytes + 1 + 63) & ~63; // +1: room to see an overlong datagram
        this.slab = arena.allocate((long) capacity * regionBytes, 64);
        this.addresses = arena.allocate((long) capacity * SocketAddresses.STRIDE, 8);
        this.views = new ByteBuffer[capacity];
        for (int r = 0; r < capacity; r++) {
            views[r] = slab.asSlice((long) r * regionBytes, regionBytes).asByteBuffer();
        }
        this.region = new int[capacity];
        this.length = new int[capacity];
    }

    /** Most datagrams this batch holds. */
    public int capacity() {
        return capacity;
    }

    /** Longest datagram payload this batch holds. */
    public int maxDatagramBytes() {
        return maxDatagramBytes;
    }

    /** Bytes reserved per datagram (≥ max + 1, 64-byte aligned). */
    public int regionBytes() {
        return regionBytes;
    }

    /** Number of datagrams in the batch. */
    public int count() {
        return count;
    }

    /** Whether no more datagrams fit. */
    public boolean isFull() {
        return nextRegion == capacity;
    }

    /** Empties the batch (keeps the memory). */
    public void clear() {
        count = 0;
        nextRegion = 0;
    }

    /** The slab every datagram lives in. */
    public MemorySegment slab() {
        return slab;
    }

    /** Offset of datagram {@code i} in {@link #slab()}. */
    public long offset(int i) {
        return (long) region[checkIndex(i)] * regionBytes;
    }

    /** Length of datagram {@code i}. */
    public int length(int i) {
        return length[checkIndex(i)];
    }

    /** Changes the length of datagram {@code i} (e.g. after sealing in place). */
    public void setLength(int i, int len) {
        checkLength(len);
        length[checkIndex(i)] = len;
    }

    /**
     * A buffer view of datagram {@code i}: position 0, limit its length, capacity
     * {@link #regionBytes()}. The view object is reused; its byte order is big-endian unless the
     * caller changes it.
     */
    public ByteBuffer buffer(int i) {
        return views[region[checkIndex(i)]].clear().limit(length[i]);
    }

    /**
     * Appends a datagram of {@code len} bytes to the connected peer (no address); write its bytes
     * at {@link #offset(int)} afterwards.
     *
     * @return the new datagram's index
     * @throws IllegalStateException if the batch is full
     */
    public int add(int len) {
        int i = append(len);
        SocketAddresses.clear(addresses, addressOffset(i));
        return i;
    }

    /** Appends a datagram of {@code len} bytes addressed to {@code peer}; see {@link #add(int)}. */
    public int add(int len, PeerAddress peer) {
        int i = append(len);
        SocketAddresses.copy(peer.sockaddr, 0, addresses, addressOffset(i));
        return i;
    }

    /** Appends a copy of {@code len} bytes of {@code src} at {@code srcOffset} for {@code peer} (null = none). */
    public int add(MemorySegment src, long srcOffset, int len, PeerAddress peer) {
        int i = peer == null ? add(len) : add(len, peer);
        MemorySegment.copy(src, srcOffset, slab, offset(i), len);
        return i;
    }

    /** Whether datagram {@code i} carries an address. */
    public boolean hasPeer(int i) {
        return SocketAddresses.length(addresses, addressOffset(checkIndex(i))) != 0;
    }

    /** Copies datagram {@code i}'s address into {@code dst} (no allocation when unchanged). */
    public void peer(int i, PeerAddress dst) {
        dst.copyFrom(addresses, addressOffset(checkIndex(i)));
    }

    /** Whether datagram {@code i}'s address is {@code peer}. */
    public boolean peerIs(int i, PeerAddress peer) {
        return SocketAddresses.same(addresses, addressOffset(checkIndex(i)), peer.sockaddr, 0);
    }

    /** Readdresses datagram {@code i}. */
    public void setPeer(int i, PeerAddress peer) {
        SocketAddresses.copy(peer.sockaddr, 0, addresses, addressOffset(checkIndex(i)));
    }

    /** Datagram {@code i}'s address as a JDK object, or null; allocates, so not for hot paths. */
    public InetSocketAddress peerSocketAddress(int i) {
        return SocketAddresses.decode(addresses, addressOffset(checkIndex(i)));
    }

    @Override
    public void close() {
        arena.close();
    }

    // ---- for backends -------------------------------------------------------------------------

    MemorySegment addresses() {
        return addresses;
    }

    long addressOffset(int i) {
        return (long) region[i] * SocketAddresses.STRIDE;
    }

    /** Next free region (where a backend receives the next datagram), or capacity if full. */
    int nextRegion() {
        return nextRegion;
    }

    long regionOffset(int r) {
        return (long) r * regionBytes;
    }

    long regionAddressOffset(int r) {
        return (long) r * SocketAddresses.STRIDE;
    }

    ByteBuffer regionView(int r) {
        return views[r];
    }

    /** Records that region {@code r} (≥ {@link #nextRegion()}) now holds a datagram of {@code len} bytes. */
    void commitRegion(int r, int len) {
        region[count] = r;
        length[count] = len;
        count++;
        nextRegion = r + 1;
    }

    private int append(int len) {
        checkLength(len);
        if (nextRegion == capacity) {
            throw new IllegalStateException("batch full (" + capacity + " datagrams)");
        }
        int i = count;
        region[i] = nextRegion++;
        length[i] = len;
        count++;
        return i;
    }

    private void checkLength(int len) {
        if (len < 0 || len > maxDatagramBytes) {
            throw new IllegalArgumentException(
                    "datagram length must be 0.." + maxDatagramBytes + ": " + len);
        }
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("datagram " + i + " of " + count);
        }
        return i;
    }
}
