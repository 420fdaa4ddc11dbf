package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Retry tokens on a hand-driven clock: only under pressure, bound to address, port and original DCID, short-lived. */
class RetryTokenHandlerTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final AtomicInteger handshaking = new AtomicInteger();
    private final RetryTokenHandler handler = new RetryTokenHandler(handshaking::get, 16, now::get);
    private final InetSocketAddress client = new InetSocketAddress("192.168.1.20", 40000);
    private final ByteBuf dcid = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    private ByteBuf mint() {
        ByteBuf token = Unpooled.buffer();
        assertThat(handler.writeToken(token, dcid, client)).isTrue();
        return token;
    }

    @Test
    void noRetryWhileTheHostIsNotUnderPressure() {
        handshaking.set(16);
        assertThat(handler.writeToken(Unpooled.buffer(), dcid, client)).isFalse();
        assertThat(handler.retriesSent()).isZero();
    }

    @Test
    void aTokenFromTheSameAddressValidatesAndPointsAtTheOriginalDcid() {
        handshaking.set(17);
        ByteBuf token = mint();
        int offset = handler.validateToken(token.slice(), client);
        assertThat(offset).isPositive();
        byte[] odcid = new byte[token.readableBytes() - offset];
        token.getBytes(offset, odcid);
        assertThat(odcid).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void anotherAddressOrPortATamperedOrAStaleTokenIsRejected() {
        handshaking.set(17);
        ByteBuf token = mint();
        assertThat(handler.validateToken(token.slice(), new InetSocketAddress("192.168.1.21", 40000))).isEqualTo(-1);
        assertThat(handler.validateToken(token.slice(), new InetSocketAddress("192.168.1.20", 40001))).isEqualTo(-1);
        ByteBuf tampered = token.copy();
        tampered.setByte(tampered.writerIndex() - 1, 9); // a different original DCID
        assertThat(handler.validateToken(tampered, client)).isEqualTo(-1);
        assertThat(handler.validateToken(Unpooled.wrappedBuffer(new byte[5]), client)).isEqualTo(-1);
        now.addAndGet(RetryTokenHandler.TOKEN_LIFETIME_NS + 1);
        assertThat(handler.validateToken(token.slice(), client)).isEqualTo(-1);
        assertThat(handler.tokensRejected()).isEqualTo(5);
    }
}
