package io.punktfunk.core.fec;

/**
 * A systematic Reed-Solomon erasure coder for one scheme. A block is k original shards and m
 * recovery shards, all {@code shardBytes} long; any k of the k + m restore the originals.
 *
 * <p>Shards are addressed by their wire shard index: {@code [0, k)} originals, {@code [k, k + m)}
 * recovery. Every shard's bytes start at offset 0 of its array; arrays may be longer than
 * {@code shardBytes}.
 *
 * <p>Instances keep work buffers between calls so the steady state allocates nothing; they are
 * <b>not</b> thread-safe. Use one coder per thread.
 */
public interface ErasureCoder {

    /** The scheme this coder implements. */
    FecScheme scheme();

    /**
     * Computes the m recovery shards of a block.
     *
     * @param originals  {@code originals[0..k)} hold the data shards
     * @param k          number of original shards, ≥ 1
     * @param recovery   {@code recovery[0..m)} receive the recovery shards (overwritten)
     * @param m          number of recovery shards, ≥ 1
     * @param shardBytes length of every shard (scheme rules apply, e.g. even for GF(2^16))
     * @throws FecShapeException if the shape or any buffer is unusable
     */
    void encode(byte[][] originals, int k, byte[][] recovery, int m, int shardBytes);

    /**
     * Restores every missing original of a block in place.
     *
     * @param shards     {@code shards[0..k+m)} in wire order; a missing original's array is the
     *                   destination and must be non-null and at least {@code shardBytes} long
     * @param present    {@code present[i]} tells whether {@code shards[i]} holds received bytes
     * @param k          number of original shards
     * @param m          number of recovery shards
     * @param shardBytes length of every shard
     * @return how many originals were restored (0 if none were missing)
     * @throws FecShapeException if fewer than k shards are present, or the shape is unusable
     */
    int decode(byte[][] shards, boolean[] present, int k, int m, int shardBytes);
}
