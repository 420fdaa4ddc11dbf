package io.punktfunk.core.crypto;

import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Opens media datagrams of one direction in place, the inverse of {@link PacketSealer}: replay
 * plausibility first (cheap), then the AES-GCM open with the header as AAD, and only after the tag
 * verified is the sequence accepted into the {@link ReplayWindow}. The tag is checked before
 * anything is decrypted, so a refused packet's bytes stay as they arrived. A refused packet is
 * counted ({@code DROP_REPLAY} or {@code DROP_AEAD}) and never throws. Allocates nothing per packet
 * on the {@link PacketAeads} fast path. Not thread-safe.
 */
public final class PacketOpener {
    private static final VarHandle SEQ_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SEQ_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final PacketAead aead;
    private final byte[] nonce;
    private final ReplayWindow replay = new ReplayWindow();
    private final DataPlaneCounters counters;

    public PacketOpener(MediaKeys keys, Direction direction, DataPlaneCounters counters) {
        this.aead = PacketAeads.create(keys.key(direction));
        this.nonce = keys.nonceTemplate(direction);
        this.counters = counters;
    }

    /**
     * Authenticates and decrypts one datagram in place; on success the shard at
     * {@code off + HEADER_LENGTH} is plaintext (the tag bytes after it are left as they were).
     *
     * @param buf the datagram
     * @param off its start
     * @param len its length; the caller has checked it is the header's shard bytes + overhead
     * @return true if opened; false if refused, with the drop counted
     */
    public boolean open(byte[] buf, int off, int len) {
        long sequence = (long) SEQ_LE.get(buf, off + MediaHeaderFlyweight.SEQUENCE_OFFSET);
        if (!replay.plausible(sequence)) {
            counters.drop(DataPlaneCounter.DROP_REPLAY);
            return false;
        }
        SEQ_BE.set(nonce, MediaKeys.SALT_BYTES, sequence);
        // Short or inconsistent input the caller let through fails here too: a counted drop, never a throw.
        if (!aead.open(nonce, buf, off, MediaHeaderFlyweight.HEADER_LENGTH, off + MediaHeaderFlyweight.HEADER_LENGTH,
                len - MediaHeaderFlyweight.HEADER_LENGTH)) {
            counters.drop(DataPlaneCounter.DROP_AEAD);
            return false;
        }
        replay.accept(sequence);
        return true;
    }

    /** Highest sequence accepted so far, or -1. */
    public long highestSequence() {
        return replay.highest();
    }
}
