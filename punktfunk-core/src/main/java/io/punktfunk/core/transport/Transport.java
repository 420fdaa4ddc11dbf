package io.punktfunk.core.transport;

import java.net.InetSocketAddress;

/**
 * The data-plane datagram seam (punktfunk-reference.md §1.12). Sends and receives whole
 * {@link DatagramBatch}es without blocking and without allocating.
 *
 * <p>A full send buffer is a local drop, not an error: the rest of that batch is dropped and
 * counted ({@link TransportCounter#PACKETS_SEND_DROPPED}); transient network errors are counted
 * drops too. Only real faults (a closed or misconfigured socket) throw
 * {@link java.io.UncheckedIOException}.
 *
 * <p>One thread may send while another receives; each direction is single-threaded.
 */
public interface Transport extends AutoCloseable {

    /**
     * Sends datagrams {@code [from, to)} of {@code batch}.
     *
     * @return how many were handed on; the rest were dropped and counted
     */
    int sendBatch(DatagramBatch batch, int from, int to);

    /** Sends every datagram in {@code batch}; see {@link #sendBatch(DatagramBatch, int, int)}. */
    default int sendBatch(DatagramBatch batch) {
        return sendBatch(batch, 0, batch.count());
    }

    /** Sends datagram {@code index} of {@code batch}; false if it was dropped. */
    default boolean send(DatagramBatch batch, int index) {
        return sendBatch(batch, index, index + 1) == 1;
    }

    /**
     * Clears {@code batch} and fills it with the datagrams waiting now, without blocking.
     * Datagrams longer than {@link DatagramBatch#maxDatagramBytes()} are dropped and counted
     * ({@link TransportCounter#PACKETS_TRUNCATED}).
     *
     * @return number of datagrams received (0 if none were waiting)
     */
    int recvBatch(DatagramBatch batch);

    /**
     * Like {@link #recvBatch(DatagramBatch)}, but first waits up to {@code timeoutNs} (0: not at
     * all) for a datagram. A receive loop calls this with a timeout after a batch came back short
     * of capacity (the socket is drained) and with 0 after a full one. Backends that can wait and
     * receive in one syscall do; the default is {@link #awaitReadable} then {@link #recvBatch}.
     * Such a backend may overrun a short timeout by the kernel's timer granularity (the FFM
     * backend's {@code SO_RCVTIMEO} is counted in jiffies: ~8 ms for 1 ms asked); data ends the
     * wait at once either way.
     *
     * @return number of datagrams received (0 if none came in time)
     */
    default int recvBatch(DatagramBatch batch, long timeoutNs) {
        if (timeoutNs > 0 && !awaitReadable(timeoutNs)) {
            batch.clear();
            return 0;
        }
        return recvBatch(batch);
    }

    /**
     * Waits up to {@code timeoutNs} for something to receive, so an idle receiver sleeps rather
     * than spins. May return early (spuriously true, or false on interrupt). A receive loop that
     * calls this whenever {@link #recvBatch} came back short of the batch's capacity skips the
     * empty receive call that would otherwise end each drain.
     *
     * @return true if a {@link #recvBatch} is likely to return datagrams
     */
    boolean awaitReadable(long timeoutNs);

    /** The bound local address. */
    InetSocketAddress localAddress();

    /** Live counters. */
    TransportStats stats();

    /** Which implementation this is (for logs and benchmark output). */
    String backendName();

    /** Releases the socket and native memory. Call after the I/O threads stopped. */
    @Override
    void close();
}
