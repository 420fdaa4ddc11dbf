package io.punktfunk.core.crypto;

import io.punktfunk.core.wire.PacketSlab;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals media datagrams of one direction in place: stamps the next packet sequence into the
 * header, encrypts the shard with AES-128-GCM under nonce = salt ‖ sequence (big-endian), with the
 * whole 44-byte header as AAD, and writes the 16-byte tag after the shard.
 *
 * <p>The sealer owns the sequence counter, so a nonce can never repeat under its key — as long as
 * there is exactly one sealer per session and direction (a second one would restart at 0). One
 * {@link Cipher} is reused; the JDK still allocates ~1 KB per packet inside {@code Cipher.init}
 * (a fresh {@code GCMParameterSpec} and GCM engine per nonce — no public API avoids that; figures
 * in docs/wire-format.md). Not thread-safe.
 */
public final class PacketSealer {
    private static final VarHandle SEQ_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SEQ_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int TAG_BITS = MediaHeaderFlyweight.TAG_LENGTH * 8;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce;
    private long nextSequence;

    public PacketSealer(MediaKeys keys, Direction direction) {
        this.key = new SecretKeySpec(keys.key(direction), "AES");
        this.nonce = keys.nonceTemplate(direction);
        this.cipher = AesGcm.newCipher();
    }

    /**
     * Seals one datagram in place.
     *
     * @param buf        holds the header at {@code off}, the shard after it and 16 bytes of room for the tag
     * @param off        start of the datagram
     * @param shardBytes shard length (the header's shard bytes field)
     * @return the sequence the packet was sealed with
     */
    public long seal(byte[] buf, int off, int shardBytes) {
        long sequence = nextSequence;
        if (sequence < 0) {
            throw new IllegalStateException("packet sequence space exhausted; rekey the session");
        }
        nextSequence = sequence + 1;
        SEQ_LE.set(buf, off + MediaHeaderFlyweight.SEQUENCE_OFFSET, sequence);
        SEQ_BE.set(nonce, MediaKeys.SALT_BYTES, sequence);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(buf, off, MediaHeaderFlyweight.HEADER_LENGTH);
            int shardOff = off + MediaHeaderFlyweight.HEADER_LENGTH;
            cipher.doFinal(buf, shardOff, shardBytes, buf, shardOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("seal media packet failed", e);
        }
        return sequence;
    }

    /** Seals packets {@code [0, count)} of {@code batch}; each packet's shard length is its length minus the overhead. */
    public void sealBatch(PacketSlab batch) {
        byte[] slab = batch.array();
        for (int i = 0, n = batch.count(); i < n; i++) {
            seal(slab, batch.offset(i), batch.length(i) - MediaHeaderFlyweight.WIRE_OVERHEAD);
        }
    }

    /** The sequence the next sealed packet will carry (= packets sealed so far). */
    public long nextSequence() {
        return nextSequence;
    }
}
