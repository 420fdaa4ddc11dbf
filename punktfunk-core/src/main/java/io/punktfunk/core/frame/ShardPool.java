package io.punktfunk.core.frame;

/**
 * Free list of shard buffers for the reassembler, so the steady state allocates none. Buffers are
 * exactly one shard long; a buffer of another size (after a shard-size change) is let go instead of
 * reused. The free list holds at most {@code capBytes}, so idle memory stays bounded too.
 */
final class ShardPool {
    private final long capBytes;
    private byte[][] free = new byte[64][];
    private int freeCount;
    private long freeBytes;

    ShardPool(long capBytes) {
        this.capBytes = capBytes;
    }

    /** A buffer of exactly {@code shardBytes}; contents undefined. */
    byte[] take(int shardBytes) {
        while (freeCount > 0) {
            byte[] b = free[--freeCount];
            free[freeCount] = null;
            freeBytes -= b.length;
            if (b.length == shardBytes) {
                return b;
            }
        }
        return new byte[shardBytes];
    }

    /** Returns a buffer; dropped if the free list is full. */
    void give(byte[] b) {
        if (freeBytes + b.length > capBytes) {
            return;
        }
        if (freeCount == free.length) {
            free = java.util.Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = b;
        freeBytes += b.length;
    }
}
