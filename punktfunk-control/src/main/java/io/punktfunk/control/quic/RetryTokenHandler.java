package io.punktfunk.control.quic;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicTokenHandler;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * QUIC Retry (RFC 9000 §8.1.2) only while the host is under a handshake flood. In normal operation
 * no Retry is sent (it would add a round trip to every connect). Once more than a threshold of
 * connections are handshaking, a client's first Initial gets a Retry carrying
 * {@code issued-at u64 ‖ HMAC-SHA256(key, issued-at ‖ ip ‖ port ‖ odcid)[16] ‖ odcid}; the host creates
 * connection state only for Initials that echo a valid token from the same address within
 * {@link #TOKEN_LIFETIME_NS}, so spoofed-source floods cost it no TLS state. The key is fresh per
 * process. Called on the UDP channel's event loop only.
 */
final class RetryTokenHandler implements QuicTokenHandler {
    /** A token is good for this long after the Retry: one round trip plus generous scheduling slack. */
    static final long TOKEN_LIFETIME_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int TIME_BYTES = 8;
    private static final int MAC_BYTES = 16;
    /** QUIC connection ids are at most 20 bytes (RFC 9000 §17.2). */
    private static final int MAX_CID_BYTES = 20;

    private final Mac mac;
    private final IntSupplier handshaking;
    private final int threshold;
    private final LongSupplier nanoClock;
    private final byte[] digest = new byte[32];
    private long retriesSent;
    private long tokensRejected;

    RetryTokenHandler(IntSupplier handshaking, int threshold, LongSupplier nanoClock) {
        this.handshaking = handshaking;
        this.threshold = threshold;
        this.nanoClock = nanoClock;
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
        if (handshaking.getAsInt() <= threshold) {
            return false; // not under pressure: admit without the extra round trip
        }
        long now = nanoClock.getAsLong();
        out.writeLong(now);
        out.writeBytes(sign(now, address, dcid, dcid.readerIndex(), dcid.readableBytes()), 0, MAC_BYTES);
        out.writeBytes(dcid, dcid.readerIndex(), dcid.readableBytes());
        retriesSent++;
        return true;
    }

    @Override
    public int validateToken(ByteBuf token, InetSocketAddress address) {
        int r = token.readerIndex();
        int odcidLen = token.readableBytes() - TIME_BYTES - MAC_BYTES;
        if (odcidLen < 0 || odcidLen > MAX_CID_BYTES) {
            tokensRejected++;
            return -1;
        }
        long issued = token.getLong(r);
        if (nanoClock.getAsLong() - issued > TOKEN_LIFETIME_NS || nanoClock.getAsLong() - issued < 0) {
            tokensRejected++;
            return -1;
        }
        byte[] expected = sign(issued, address, token, r + TIME_BYTES + MAC_BYTES, odcidLen);
        byte[] got = new byte[MAC_BYTES];
        token.getBytes(r + TIME_BYTES, got);
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, MAC_BYTES), got)) {
            tokensRejected++;
            return -1;
        }
        return TIME_BYTES + MAC_BYTES; // odcid starts here (offset into the token as given)
    }

    @Override
    public int maxTokenLength() {
        return TIME_BYTES + MAC_BYTES + MAX_CID_BYTES;
    }

    long retriesSent() {
        return retriesSent;
    }

    long tokensRejected() {
        return tokensRejected;
    }

    private byte[] sign(long issued, InetSocketAddress address, ByteBuf cid, int cidOffset, int cidLen) {
        mac.update(longBytes(issued));
        mac.update(address.getAddress().getAddress());
        mac.update(new byte[] {(byte) (address.getPort() >>> 8), (byte) address.getPort()});
        byte[] id = new byte[cidLen];
        cid.getBytes(cidOffset, id);
        mac.update(id);
        try {
            mac.doFinal(digest, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        return digest;
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }
}
