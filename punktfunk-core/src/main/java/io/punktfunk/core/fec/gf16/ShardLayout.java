package io.punktfunk.core.fec.gf16;

/**
 * Moves shards between the caller's bytes and the work buffer's 64-byte blocks. Full blocks are
 * copied as they are; a tail of t = len % 64 bytes holds t/2 symbols, low bytes first then high
 * bytes, and goes to offsets 0 and 32 of a padded block (fec-anchor.md §5.3; rs-simd
 * {@code src/engine/shards.rs}). Unused lanes of that block are never read back: every operation
 * acts on each symbol position on its own.
 */
final class ShardLayout {
    private ShardLayout() {
    }

    /** Bytes one work shard takes: len rounded up to a whole 64-byte block. */
    static int stride(int shardBytes) {
        return (shardBytes + 63) & ~63;
    }

    /** Copies a shard of {@code len} bytes into the work block layout at {@code dst[dOff..]}. */
    static void load(byte[] src, int len, byte[] dst, int dOff) {
        System.arraycopy(src, 0, dst, dOff, len & ~63);
        loadTail(src, len, dst, dOff);
    }

    /** Only the tail part of {@link #load}: the last partial block, if any. */
    static void loadTail(byte[] src, int len, byte[] dst, int dOff) {
        int full = len & ~63;
        int half = (len - full) >> 1;
        if (half > 0) {
            System.arraycopy(src, full, dst, dOff + full, half);
            System.arraycopy(src, full + half, dst, dOff + full + 32, half);
        }
    }

    /** Copies a work shard at {@code src[sOff..]} back to caller layout, {@code len} bytes. */
    static void store(byte[] src, int sOff, byte[] dst, int len) {
        System.arraycopy(src, sOff, dst, 0, len & ~63);
        storeTail(src, sOff, dst, len);
    }

    /** Only the tail part of {@link #store}. */
    static void storeTail(byte[] src, int sOff, byte[] dst, int len) {
        int full = len & ~63;
        int half = (len - full) >> 1;
        if (half > 0) {
            System.arraycopy(src, sOff + full, dst, full, half);
            System.arraycopy(src, sOff + full + 32, dst, full + half, half);
        }
    }

    /** Loads {@code count} originals from {@code from} into work shards at pos, zero-pads to size. */
    static void loadChunk(byte[][] originals, int from, int count, int shardBytes, byte[] w, int pos, int size,
                          int stride) {
        for (int i = 0; i < count; i++) {
            load(originals[from + i], shardBytes, w, (pos + i) * stride);
        }
        java.util.Arrays.fill(w, (pos + count) * stride, (pos + size) * stride, (byte) 0);
    }
}
