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
 * <p>Every {@code rekeyIntervalPackets} packets the sealer moves to the next epoch's key
 * ({@link KeySchedule}) and stamps the epoch's key phase into the header flags, which the AAD
 * covers. The sealer owns the sequence counter, so a nonce can never repeat under its key — as long as
 * there is exactly one sealer per session and direction (a second one would restart at 0). The
 * AES-GCM engine comes from {@link PacketAeads}: zero allocation per packet on the fast path (the
 * JDK's AES and GHASH intrinsics, reused across nonces), ~1 KB per packet on the JCA fallback
 * (docs/wire-format.md). Not thread-safe.
 */
public final class PacketSealer {
    private static final VarHandle SEQ_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SEQ_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * Packets sealed under one key before the next epoch: 2^22, half of the 2^23 that RFC 9001 §6.6
     * allows AES-128-GCM in QUIC, so a lost margin never matters (~18 s at 2.4 Gbit/s of 1468-byte datagrams).
     */
    public static final long DEFAULT_REKEY_INTERVAL_PACKETS = 1L << 22;

    private final KeySchedule schedule;
    private final long rekeyIntervalPackets;
    private PacketAead aead;
    private byte[] nonce;
    private long epoch;
    private int phaseBits;
    private long epochPackets;
    /** The next epoch's engine, derived one epoch ahead so the switch itself is a swap. */
    private KeySchedule.EpochKey next;
    private long nextSequence;

    public PacketSealer(MediaKeys keys, Direction direction) {
        this(keys, direction, DEFAULT_REKEY_INTERVAL_PACKETS);
    }

    /** A sealer that moves to a new key every {@code rekeyIntervalPackets} packets. */
    public PacketSealer(MediaKeys keys, Direction direction, long rekeyIntervalPackets) {
        if (rekeyIntervalPackets < 1 || rekeyIntervalPackets > DEFAULT_REKEY_INTERVAL_PACKETS * 2) {
            throw new IllegalArgumentException("rekey interval must be 1 … 2^23 packets");
        }
        this.rekeyIntervalPackets = rekeyIntervalPackets;
        this.schedule = new KeySchedule(keys, direction);
        KeySchedule.EpochKey first = schedule.open();
        this.aead = first.aead();
        this.nonce = first.nonce();
        schedule.advance();
        this.next = schedule.open();
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
        if (epochPackets == rekeyIntervalPackets) {
            nextEpoch();
        }
        epochPackets++;
        int flagsAt = off + MediaHeaderFlyweight.FLAGS_OFFSET;
        buf[flagsAt] = (byte) ((buf[flagsAt] & ~MediaHeaderFlyweight.KEY_PHASE_MASK) | phaseBits);
        SEQ_LE.set(buf, off + MediaHeaderFlyweight.SEQUENCE_OFFSET, sequence);
        SEQ_BE.set(nonce, MediaKeys.SALT_BYTES, sequence);
        aead.seal(nonce, buf, off, MediaHeaderFlyweight.HEADER_LENGTH, off + MediaHeaderFlyweight.HEADER_LENGTH, shardBytes);
        return sequence;
    }

    /**
     * Key update: the prepared engine takes over and the one after it is derived (allocates, once per
     * epoch). The sequence runs on across epochs, so one replay window covers them all.
     */
    private void nextEpoch() {
        aead = next.aead();
        nonce = next.nonce();
        epoch = next.epoch();
        phaseBits = (int) (epoch & 3) << MediaHeaderFlyweight.KEY_PHASE_SHIFT;
        epochPackets = 0;
        schedule.advance();
        next = schedule.open();
    }

    /** The epoch of the key the last packet was sealed with (= key updates so far). */
    public long epoch() {
        return epoch;
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
