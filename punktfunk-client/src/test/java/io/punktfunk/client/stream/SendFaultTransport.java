package io.punktfunk.client.stream;

import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.TransportStats;
import java.net.InetSocketAddress;

/** A transport seam whose sends throw once armed: a host data plane that breaks mid-stream. */
final class SendFaultTransport implements Transport {
    private final Transport inner;
    volatile boolean armed;
    volatile boolean closed;

    SendFaultTransport(Transport inner) {
        this.inner = inner;
    }

    @Override
    public int sendBatch(DatagramBatch batch, int from, int to) {
        if (armed) {
            throw new IllegalStateException("injected: socket gone");
        }
        return inner.sendBatch(batch, from, to);
    }

    @Override
    public int recvBatch(DatagramBatch batch) {
        return inner.recvBatch(batch);
    }

    @Override
    public int recvBatch(DatagramBatch batch, long timeoutNs) {
        return inner.recvBatch(batch, timeoutNs);
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
        return "fault-" + inner.backendName();
    }

    @Override
    public void close() {
        closed = true;
        inner.close();
    }
}
