package io.punktfunk.core.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The 44-byte punktfunk/1 media header, little-endian, at the start of every media datagram
 * (layout and rules: {@code docs/wire-format.md}; fields from punktfunk-reference.md §1.2/§1.4).
 *
 * <pre>
 *  0 magic u8 | 1 version u8 | 2 fec scheme u8 | 3 flags u8 | 4 frame index u32
 *  8 packet sequence u64                       | 16 pts ns u64
 * 24 frame bytes u32 | 28 user flags u32 | 32 block index u16 | 34 block count u16
 * 36 shard index u16 | 38 k u16 | 40 m u16 | 42 shard bytes u16 | 44 shard … | tag 16
 * </pre>
 *
 * Instance accessors work on a wrapped segment + offset (fluent setters); the static
 * {@code (segment, offset)} twins serve scans. Unsigned fields come back widened
 * ({@code u16} and {@code u8} as {@code int}, {@code u32} as {@code long} where noted).
 */
public final class MediaHeaderFlyweight {
    /** First byte of every punktfunk/1 media datagram. */
    public static final byte MAGIC = (byte) 0xC9;
    /** Header layout version this class reads and writes. */
    public static final int VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 1;
    public static final int FEC_SCHEME_OFFSET = 2;
    public static final int FLAGS_OFFSET = 3;
    public static final int FRAME_INDEX_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 8;
    public static final int PTS_NS_OFFSET = 16;
    public static final int FRAME_BYTES_OFFSET = 24;
    public static final int USER_FLAGS_OFFSET = 28;
    public static final int BLOCK_INDEX_OFFSET = 32;
    public static final int BLOCK_COUNT_OFFSET = 34;
    public static final int SHARD_INDEX_OFFSET = 36;
    public static final int DATA_SHARDS_OFFSET = 38;
    public static final int RECOVERY_SHARDS_OFFSET = 40;
    public static final int SHARD_BYTES_OFFSET = 42;
    /** Header length; the shard starts here. */
    public static final int HEADER_LENGTH = 44;
    /** AES-GCM tag appended after the encrypted shard. */
    public static final int TAG_LENGTH = 16;
    /** Bytes a datagram carries on top of its shard. */
    public static final int WIRE_OVERHEAD = HEADER_LENGTH + TAG_LENGTH;

    /** Picture (video) packet; GameStream's value. */
    public static final int FLAG_PICTURE = 0x1;
    /** Last packet of the frame in emission order. */
    public static final int FLAG_LAST = 0x2;
    /** First packet of the frame in emission order. */
    public static final int FLAG_FIRST = 0x4;
    /** Speed-test filler: counted, never reassembled or decoded. */
    public static final int FLAG_PROBE = 0x8;
    /** Key phase: the sealing key's epoch mod 4, in bits 4–5 of the flags (docs/wire-format.md "Key update"). */
    public static final int KEY_PHASE_MASK = 0x30;
    /** Shift of the key phase within the flags byte. */
    public static final int KEY_PHASE_SHIFT = 4;
    /** Client-to-host hello: announces the client's address to the host, carries no shard. */
    public static final int FLAG_HELLO = 0x40;

    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private MemorySegment segment = MemorySegment.NULL;
    private long offset;

    /** Points this flyweight at the header starting at {@code offset} of {@code segment}. */
    public MediaHeaderFlyweight wrap(MemorySegment segment, long offset) {
        this.segment = segment;
        this.offset = offset;
        return this;
    }

    /** Offset of the wrapped header in its segment. */
    public long offset() {
        return offset;
    }

    /** Writes magic and version; every other field is left as is. */
    public MediaHeaderFlyweight magicAndVersion() {
        segment.set(U8, offset + MAGIC_OFFSET, MAGIC);
        segment.set(U8, offset + VERSION_OFFSET, (byte) VERSION);
        return this;
    }

    public int fecScheme() {
        return fecScheme(segment, offset);
    }

    public MediaHeaderFlyweight fecScheme(int wireId) {
        segment.set(U8, offset + FEC_SCHEME_OFFSET, (byte) wireId);
        return this;
    }

    public int flags() {
        return flags(segment, offset);
    }

    public MediaHeaderFlyweight flags(int flags) {
        segment.set(U8, offset + FLAGS_OFFSET, (byte) flags);
        return this;
    }

    public int frameIndex() {
        return frameIndex(segment, offset);
    }

    public MediaHeaderFlyweight frameIndex(int frameIndex) {
        segment.set(U32, offset + FRAME_INDEX_OFFSET, frameIndex);
        return this;
    }

    public long sequence() {
        return sequence(segment, offset);
    }

    public MediaHeaderFlyweight sequence(long sequence) {
        sequence(segment, offset, sequence);
        return this;
    }

    public long ptsNs() {
        return ptsNs(segment, offset);
    }

    public MediaHeaderFlyweight ptsNs(long ptsNs) {
        segment.set(U64, offset + PTS_NS_OFFSET, ptsNs);
        return this;
    }

    /** Frame length in bytes, unsigned 32-bit. */
    public long frameBytes() {
        return frameBytes(segment, offset);
    }

    public MediaHeaderFlyweight frameBytes(long frameBytes) {
        segment.set(U32, offset + FRAME_BYTES_OFFSET, (int) frameBytes);
        return this;
    }

    public int userFlags() {
        return userFlags(segment, offset);
    }

    public MediaHeaderFlyweight userFlags(int userFlags) {
        segment.set(U32, offset + USER_FLAGS_OFFSET, userFlags);
        return this;
    }

    public int blockIndex() {
        return blockIndex(segment, offset);
    }

    public MediaHeaderFlyweight blockIndex(int blockIndex) {
        segment.set(U16, offset + BLOCK_INDEX_OFFSET, (short) blockIndex);
        return this;
    }

    public int blockCount() {
        return blockCount(segment, offset);
    }

    public MediaHeaderFlyweight blockCount(int blockCount) {
        segment.set(U16, offset + BLOCK_COUNT_OFFSET, (short) blockCount);
        return this;
    }

    public int shardIndex() {
        return shardIndex(segment, offset);
    }

    public MediaHeaderFlyweight shardIndex(int shardIndex) {
        segment.set(U16, offset + SHARD_INDEX_OFFSET, (short) shardIndex);
        return this;
    }

    public int dataShards() {
        return dataShards(segment, offset);
    }

    public MediaHeaderFlyweight dataShards(int k) {
        segment.set(U16, offset + DATA_SHARDS_OFFSET, (short) k);
        return this;
    }

    public int recoveryShards() {
        return recoveryShards(segment, offset);
    }

    public MediaHeaderFlyweight recoveryShards(int m) {
        segment.set(U16, offset + RECOVERY_SHARDS_OFFSET, (short) m);
        return this;
    }

    public int shardBytes() {
        return shardBytes(segment, offset);
    }

    public MediaHeaderFlyweight shardBytes(int shardBytes) {
        segment.set(U16, offset + SHARD_BYTES_OFFSET, (short) shardBytes);
        return this;
    }

    // Static twins, little-endian at every access.

    public static int magic(MemorySegment s, long off) {
        return s.get(U8, off + MAGIC_OFFSET) & 0xFF;
    }

    public static int version(MemorySegment s, long off) {
        return s.get(U8, off + VERSION_OFFSET) & 0xFF;
    }

    public static int fecScheme(MemorySegment s, long off) {
        return s.get(U8, off + FEC_SCHEME_OFFSET) & 0xFF;
    }

    public static int flags(MemorySegment s, long off) {
        return s.get(U8, off + FLAGS_OFFSET) & 0xFF;
    }

    public static int frameIndex(MemorySegment s, long off) {
        return s.get(U32, off + FRAME_INDEX_OFFSET);
    }

    public static long sequence(MemorySegment s, long off) {
        return s.get(U64, off + SEQUENCE_OFFSET);
    }

    public static void sequence(MemorySegment s, long off, long sequence) {
        s.set(U64, off + SEQUENCE_OFFSET, sequence);
    }

    public static long ptsNs(MemorySegment s, long off) {
        return s.get(U64, off + PTS_NS_OFFSET);
    }

    public static long frameBytes(MemorySegment s, long off) {
        return Integer.toUnsignedLong(s.get(U32, off + FRAME_BYTES_OFFSET));
    }

    public static int userFlags(MemorySegment s, long off) {
        return s.get(U32, off + USER_FLAGS_OFFSET);
    }

    public static int blockIndex(MemorySegment s, long off) {
        return s.get(U16, off + BLOCK_INDEX_OFFSET) & 0xFFFF;
    }

    public static int blockCount(MemorySegment s, long off) {
        return s.get(U16, off + BLOCK_COUNT_OFFSET) & 0xFFFF;
    }

    public static int shardIndex(MemorySegment s, long off) {
        return s.get(U16, off + SHARD_INDEX_OFFSET) & 0xFFFF;
    }

    public static int dataShards(MemorySegment s, long off) {
        return s.get(U16, off + DATA_SHARDS_OFFSET) & 0xFFFF;
    }

    public static int recoveryShards(MemorySegment s, long off) {
        return s.get(U16, off + RECOVERY_SHARDS_OFFSET) & 0xFFFF;
    }

    public static int shardBytes(MemorySegment s, long off) {
        return s.get(U16, off + SHARD_BYTES_OFFSET) & 0xFFFF;
    }
}
