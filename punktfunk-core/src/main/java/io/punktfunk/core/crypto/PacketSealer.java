package io.punktfunk.core.crypto;

import io.punktfunk.core.wire.PacketSlab;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Seals media datagrams of one direction in place: stamps the next packet sequence into the
 * header, encrypts the shard with AES-128-GCM under nonce = salt ‖ sequence (big-endian), with the
 * whole 44-byte header as AAD, and writes the 16-byte tag after the shard.
 *
 * <p>The sealer owns the sequence counter, so a nonce can never repeat under its key — as long as
 * there is exactly one sealer per session and direction (a second one would restart at 0). The
 * AES-GCM engine comes from {@link PacketAeads}: zero allocation per packet on the fast path (the
 * JDK's AES and GHASH intrinsics, reused across nonces), ~1 KB per packet on the JCA fallback
 * (docs/wire-format.md). Not thread-safe.
 */
public final class PacketSealer {
    private static final VarHandle SEQ_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SEQ_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final PacketAead aead;
    private final byte[] nonce;
    private long nextSequence;

    public PacketSealer(MediaKeys keys, Direction direction) {
        this.aead = PacketAeads.create(keys.key(direction));
        this.nonce = keys.nonceTemplate(direction);
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
        aead.seal(nonce, buf, off, MediaHeaderFlyweight.HEADER_LENGTH, off + MediaHeaderFlyweight.HEADER_LENGTH, shardBytes);
        return sequence;
    }

    /** Seals packets {@code [0, count)} of {@code batch}; each packet's shard length is its length minus the overhead. */
    public void sealBatch(PacketSlab batch) {
        sealRange(batch, 0, batch.count());
    }

    /** Seals packets {@code [from, to)} of {@code batch}, in order (sequences follow the wire order). */
    public void sealRange(PacketSlab batch, int from, int to) {
        Objects.checkFromToIndex(from, to, batch.count());
        byte[] slab = batch.array();
        for (int i = from; i < to; i++) {
            seal(slab, batch.offset(i), batch.length(i) - MediaHeaderFlyweight.WIRE_OVERHEAD);
        }
    }

    /** The sequence the next sealed packet will carry (= packets sealed so far). */
    public long nextSequence() {
        return nextSequence;
    }
}
