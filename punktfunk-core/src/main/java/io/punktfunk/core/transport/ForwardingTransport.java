package io.punktfunk.core.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Base for send-side decorators: everything but {@link #sendBatch} goes to the wrapped transport,
 * so a decorator states only what it changes.
 */
public abstract class ForwardingTransport implements Transport {
    /** The wrapped transport. */
    protected final Transport inner;

    protected ForwardingTransport(Transport inner) {
        this.inner = Objects.requireNonNull(inner);
    }

    /** The wrapped transport. */
    public Transport inner() {
        return inner;
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
        return inner.backendName();
    }

    @Override
    public void close() {
        inner.close();
    }
}
