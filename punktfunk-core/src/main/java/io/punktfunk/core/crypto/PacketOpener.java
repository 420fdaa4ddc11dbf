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
 * anything is decrypted, so a refused packet's bytes stay as they arrived. The header's key phase
 * selects the epoch's key ({@link KeySchedule}); the receiver follows the sender's key updates. A refused packet is
 * counted ({@code DROP_REPLAY} or {@code DROP_AEAD}) and never throws. Allocates nothing per packet
 * on the {@link PacketAeads} fast path. Not thread-safe.
 */
public final class PacketOpener {
    private static final VarHandle SEQ_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SEQ_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** How long the previous epoch's key is still accepted after the first packet of a new epoch opened. */
    public static final long DEFAULT_KEY_OVERLAP_NS = 1_000_000_000L;

    private final KeySchedule schedule;
    private final long overlapNs;
    private final ReplayWindow replay = new ReplayWindow();
    private final DataPlaneCounters counters;
    private KeySchedule.EpochKey current;
    /** Epoch current + 1, derived ahead so following the sender costs one swap. */
    private KeySchedule.EpochKey next;
    /** Epoch current − 1 until {@link #previousUntilNs}, then null. */
    private KeySchedule.EpochKey previous;
    private long previousUntilNs;

    public PacketOpener(MediaKeys keys, Direction direction, DataPlaneCounters counters) {
        this(keys, direction, counters, DEFAULT_KEY_OVERLAP_NS);
    }

    /** An opener that accepts the previous epoch's key for {@code overlapNs} after a key update. */
    public PacketOpener(MediaKeys keys, Direction direction, DataPlaneCounters counters, long overlapNs) {
        if (overlapNs < 0) {
            throw new IllegalArgumentException("key overlap must be ≥ 0");
        }
        this.schedule = new KeySchedule(keys, direction);
        this.overlapNs = overlapNs;
        this.counters = counters;
        this.current = schedule.open();
        schedule.advance();
        this.next = schedule.open();
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
        return open(buf, off, len, System.nanoTime());
    }

    /**
     * {@link #open(byte[], int, int)} at {@code nowNs}, the clock the key overlap runs on. The key
     * phase picks the key before any crypto: current, next (a key update: on success the opener
     * follows), previous (only within the overlap) or none (dropped as {@code drop_key_epoch}).
     */
    public boolean open(byte[] buf, int off, int len, long nowNs) {
        long sequence = (long) SEQ_LE.get(buf, off + MediaHeaderFlyweight.SEQUENCE_OFFSET);
        if (!replay.plausible(sequence)) {
            counters.drop(DataPlaneCounter.DROP_REPLAY);
            return false;
        }
        int phase = (buf[off + MediaHeaderFlyweight.FLAGS_OFFSET] & MediaHeaderFlyweight.KEY_PHASE_MASK)
                >>> MediaHeaderFlyweight.KEY_PHASE_SHIFT;
        int ahead = (phase - (int) current.epoch()) & 3;
        KeySchedule.EpochKey key = switch (ahead) {
            case 0 -> current;
            case 1 -> next;
            case 3 -> previous != null && nowNs - previousUntilNs < 0 ? previous : null;
            default -> null;
        };
        if (key == null) {
            counters.drop(DataPlaneCounter.DROP_KEY_EPOCH);
            return false;
        }
        byte[] nonce = key.nonce();
        SEQ_BE.set(nonce, MediaKeys.SALT_BYTES, sequence);
        // Short or inconsistent input the caller let through fails here too: a counted drop, never a throw.
        if (!key.aead().open(nonce, buf, off, MediaHeaderFlyweight.HEADER_LENGTH, off + MediaHeaderFlyweight.HEADER_LENGTH,
                len - MediaHeaderFlyweight.HEADER_LENGTH)) {
            counters.drop(DataPlaneCounter.DROP_AEAD);
            return false;
        }
        replay.accept(sequence);
        if (ahead == 1) {
            follow(nowNs);
        }
        return true;
    }

    /**
     * An authentic packet of the next epoch arrived: it becomes current, the old current stays
     * usable for the overlap (stragglers, reordering), and the epoch after is derived (allocates,
     * once per epoch). Only an authenticated packet moves the opener, so a forger cannot.
     */
    private void follow(long nowNs) {
        previous = current;
        previousUntilNs = nowNs + overlapNs;
        current = next;
        schedule.advance();
        next = schedule.open();
        counters.increment(DataPlaneCounter.KEY_UPDATES);
    }

    /** The epoch of the current key. */
    public long epoch() {
        return current.epoch();
    }

    /** Highest sequence accepted so far, or -1. */
    public long highestSequence() {
        return replay.highest();
    }
}
