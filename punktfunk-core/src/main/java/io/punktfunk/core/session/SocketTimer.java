package io.punktfunk.core.session;

import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.TransportStats;
import java.net.InetSocketAddress;

/**
 * Wraps the host's transport to add up the time spent inside {@code sendBatch}, so the PERF line's
 * socket time excludes the pacer's sleeps between chunks. Two clock reads per batch, no allocation.
 */
final class SocketTimer implements Transport {
    private final Transport inner;
    private long sendNs;

    SocketTimer(Transport inner) {
        this.inner = inner;
    }

    /** Nanoseconds spent in {@code sendBatch} so far (send thread only). */
    long sendNs() {
        return sendNs;
    }

    @Override
    public int sendBatch(DatagramBatch batch, int from, int to) {
        long t0 = System.nanoTime();
        int n = inner.sendBatch(batch, from, to);
        sendNs += System.nanoTime() - t0;
        return n;
    }

    @Override
    public int recvBatch(DatagramBatch batch) {
        return inner.recvBatch(batch);
    }

    @Override
    public boolean awaitReadable(long timeoutNs) {
        return inner.awaitReadable(timeoutNs);
    }

    @Override
    public InetSocketAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public TransportStats stats() {
        return inner.stats();
    }

    @Override
    public String backendName() {
        return inner.backendName();
    }

    @Override
    public void close() {
        inner.close();
    }
}
