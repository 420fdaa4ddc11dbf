package io.punktfunk.control.quic;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicTokenHandler;
import java.net.InetSocketAddress;

/**
 * Never sends a QUIC Retry. The host uses {@link RetryTokenHandler} (Retry only under a handshake
 * flood); this one serves test relays that have no admission of their own.
 */
final class NoRetryTokenHandler implements QuicTokenHandler {
    static final NoRetryTokenHandler INSTANCE = new NoRetryTokenHandler();

    @Override
    public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
        return false;
    }

    @Override
    public int validateToken(ByteBuf token, InetSocketAddress address) {
        return 0;
    }

    @Override
    public int maxTokenLength() {
        return 0;
    }
}
