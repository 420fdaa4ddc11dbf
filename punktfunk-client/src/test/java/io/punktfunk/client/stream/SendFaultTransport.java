package io.punktfunk.client.stream;

import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.ForwardingTransport;
import io.punktfunk.core.transport.Transport;

/** A transport seam whose sends throw once armed: a host data plane that breaks mid-stream. */
final class SendFaultTransport extends ForwardingTransport {
    volatile boolean armed;
    volatile boolean closed;

    SendFaultTransport(Transport inner) {
        super(inner);
    }

    @Override
    public int sendBatch(DatagramBatch batch, int from, int to) {
        if (armed) {
            throw new IllegalStateException("injected: socket gone");
        }
        return inner.sendBatch(batch, from, to);
    }

    @Override
    public String backendName() {
        return "fault-" + inner.backendName();
    }

    @Override
    public void close() {
        closed = true;
        super.close();
    }
}
