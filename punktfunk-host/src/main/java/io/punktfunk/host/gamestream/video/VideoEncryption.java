package io.punktfunk.host.gamestream.video;

import io.punktfunk.core.crypto.PacketAead;
import io.punktfunk.core.crypto.PacketAeads;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Optional video encryption, {@code SS_ENC_VIDEO} (gamestream.md §6.5): each finished shard
 * (after FEC) is sealed whole with AES-128-GCM under the launch's {@code rikey}, no AAD, and sent
 * behind a 32-byte prefix:
 *
 * <pre>
 *  0 u8[12] IV = LE64 packet counter ‖ 0 0 0 ‖ 'V'     16 u8[16] GCM tag
 * 12 LE32   frame index                                 32 ciphertext (packet size + 16 bytes)
 * </pre>
 *
 * The counter never repeats under one key (one instance per stream). Seals through the core's
 * {@link PacketAead}, allocation-free on the JDK fast path. One thread.
 */
final class VideoEncryption {
    static final int PREFIX_BYTES = 32;
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final PacketAead aead;
    private final byte[] iv = new byte[PacketAead.NONCE_BYTES];
    private final MemorySegment ivSegment = MemorySegment.ofArray(iv);
    private byte[] scratch = new byte[0];
    private long counter;

    VideoEncryption(byte[] rikey) {
        if (rikey == null || rikey.length != 16) {
            throw new IllegalArgumentException("video encryption needs a 16-byte AES key");
        }
        this.aead = PacketAeads.create(rikey);
        iv[11] = 'V';
    }

    /**
     * Seals {@code shard[0, len)} and writes prefix and ciphertext ({@code PREFIX_BYTES + len} bytes)
     * to {@code dst} at {@code dstOffset}.
     */
    void seal(byte[] shard, int len, int frameIndex, MemorySegment dst, long dstOffset) {
        if (scratch.length < len + PacketAead.TAG_BYTES) {
            scratch = new byte[len + PacketAead.TAG_BYTES];
        }
        ivSegment.set(LE64, 0, counter++);
        System.arraycopy(shard, 0, scratch, 0, len);
        aead.seal(iv, scratch, 0, 0, 0, len);
        MemorySegment.copy(iv, 0, dst, ValueLayout.JAVA_BYTE, dstOffset, iv.length);
        dst.set(LE32, dstOffset + 12, frameIndex);
        MemorySegment.copy(scratch, len, dst, ValueLayout.JAVA_BYTE, dstOffset + 16, PacketAead.TAG_BYTES);
        MemorySegment.copy(scratch, 0, dst, ValueLayout.JAVA_BYTE, dstOffset + PREFIX_BYTES, len);
    }
}
