package io.punktfunk.core.transport;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of an in-process datagram pipe, for tests and benchmarks without a network. Each
 * direction is a bounded queue over preallocated native memory; a full queue drops and counts the
 * rest of a batch exactly like a full socket buffer, so nothing here allocates per datagram.
 * Whatever address a datagram carries, it goes to the other end.
 */
public final class LoopbackTransport implements Transport {

    /** Both ends of a loopback pipe. */
    public record Pair(LoopbackTransport left, LoopbackTransport right) implements AutoCloseable {
        @Override
        public void close() {
            left.close();
            right.close();
        }
    }

    private static final AtomicInteger NEXT_PORT = new AtomicInteger(40000);

    private final Queue inbound;
    private final Queue outbound;
    private final InetSocketAddress localAddress;
    private final PeerAddress localPeer;
    private final TransportStats stats = new TransportStats();

    private LoopbackTransport(Queue inbound, Queue outbound) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.localAddress = new InetSocketAddress("127.0.0.1", NEXT_PORT.getAndIncrement());
        this.localPeer = PeerAddress.of(localAddress);
    }

    /**
     * Creates a connected pair.
     *
     * @param queueDatagrams   datagrams each direction buffers before dropping
     * @param maxDatagramBytes longest datagram carried (longer sends are dropped as transient)
     */
    public static Pair pair(int queueDatagrams, int maxDatagramBytes) {
        Queue ab = new Queue(queueDatagrams, maxDatagramBytes);
        Queue ba = new Queue(queueDatagrams, maxDatagramBytes);
        return new Pair(new LoopbackTransport(ba, ab), new LoopbackTransport(ab, ba));
    }

    @Override
    public int sendBatch(DatagramBatch batch, int from, int to) {
        Objects.checkFromToIndex(from, to, batch.count());
        Queue q = outbound;
        long bytes = 0, dropped = 0, tooLong = 0;
        int sent = 0;
        q.lock.lock();
        try {
            for (int i = from; i < to; i++) {
                int len = batch.length(i);
                if (len > q.maxDatagramBytes) {
                    tooLong++;
                    continue;
                }
                if (q.size == q.capacity) {
                    dropped += to - i;
                    break;
                }
                int slot = (q.head + q.size) % q.capacity;
                MemorySegment.copy(batch.slab(), batch.offset(i), q.slab, (long) slot * q.maxDatagramBytes, len);
                SocketAddresses.copy(localPeer.sockaddr, 0, q.addresses, (long) slot * SocketAddresses.STRIDE);
                q.length[slot] = len;
                q.size++;
                sent++;
                bytes += len;
            }
            q.available = q.size;
        } finally {
            q.lock.unlock();
        }
        Thread waiter = q.waiter;
        if (sent > 0 && waiter != null) {
            LockSupport.unpark(waiter);
        }
        stats.add(TransportCounter.PACKETS_SENT, sent);
        stats.add(TransportCounter.BYTES_SENT, bytes);
        stats.add(TransportCounter.PACKETS_SEND_DROPPED, dropped);
        stats.add(TransportCounter.PACKETS_SEND_TRANSIENT_DROPPED, tooLong);
        stats.increment(TransportCounter.SEND_SYSCALLS);
        return sent;
    }

    @Override
    public int recvBatch(DatagramBatch batch) {
        batch.clear();
        Queue q = inbound;
        long bytes = 0, truncated = 0;
        int max = batch.maxDatagramBytes();
        q.lock.lock();
        try {
            while (q.size > 0 && !batch.isFull()) {
                int slot = q.head;
                int len = q.length[slot];
                q.head = (q.head + 1) % q.capacity;
                q.size--;
                if (len > max) {
                    truncated++;
                    continue;
                }
                int r = batch.nextRegion();
                MemorySegment.copy(q.slab, (long) slot * q.maxDatagramBytes, batch.slab(), batch.regionOffset(r), len);
                SocketAddresses.copy(q.addresses, (long) slot * SocketAddresses.STRIDE,
                        batch.addresses(), batch.regionAddressOffset(r));
                batch.commitRegion(r, len);
                bytes += len;
            }
            q.available = q.size;
        } finally {
            q.lock.unlock();
        }
        stats.add(TransportCounter.PACKETS_RECEIVED, batch.count());
        stats.add(TransportCounter.BYTES_RECEIVED, bytes);
        stats.add(TransportCounter.PACKETS_TRUNCATED, truncated);
        stats.increment(TransportCounter.RECV_SYSCALLS);
        return batch.count();
    }

    @Override
    public boolean awaitReadable(long timeoutNs) {
        Queue q = inbound;
        if (q.available > 0) {
            return true;
        }
        q.waiter = Thread.currentThread();
        try {
            if (q.available > 0) {
                return true;
            }
            LockSupport.parkNanos(this, Math.max(0, timeoutNs));
            return q.available > 0;
        } finally {
            q.waiter = null;
            stats.increment(TransportCounter.POLL_SYSCALLS);
        }
    }

    /** Datagrams waiting at this end. */
    public int pending() {
        return inbound.available;
    }

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
        return "loopback";
    }

    @Override
    public void close() {
        // Memory belongs to the queues, shared with the other end: freed by the GC with both ends.
    }

    /** One direction: a ring of fixed-size native slots. */
    private static final class Queue {
        final ReentrantLock lock = new ReentrantLock();
        final int capacity;
        final int maxDatagramBytes;
        final MemorySegment slab;
        final MemorySegment addresses;
        final int[] length;
        int head;
        int size;
        volatile int available;
        volatile Thread waiter;

        Queue(int capacity, int maxDatagramBytes) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queue capacity must be ≥ 1: " + capacity);
            }
            if (maxDatagramBytes < 1 || maxDatagramBytes > DatagramBatch.MAX_DATAGRAM_BYTES) {
                throw new IllegalArgumentException("max datagram must be 1.." + DatagramBatch.MAX_DATAGRAM_BYTES);
            }
            this.capacity = capacity;
            this.maxDatagramBytes = maxDatagramBytes;
            Arena arena = Arena.ofAuto();
            this.slab = arena.allocate((long) capacity * maxDatagramBytes, 64);
            this.addresses = arena.allocate((long) capacity * SocketAddresses.STRIDE, 8);
            this.length = new int[capacity];
        }
    }
}
