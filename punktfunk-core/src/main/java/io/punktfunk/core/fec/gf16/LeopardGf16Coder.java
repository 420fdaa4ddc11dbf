package io.punktfunk.core.fec.gf16;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.fec.FecShapes;

/**
 * GF(2^16) Leopard Reed-Solomon, byte-identical to reed-solomon-simd 3.1's default rate selection:
 * the same recovery bytes for any shape it accepts and any even shard length. Recovery shard j is
 * wire shard k + j. Not thread-safe: one instance per thread; work buffers are kept between calls.
 */
public final class LeopardGf16Coder implements ErasureCoder {
    private final WorkBuffer work = new WorkBuffer();
    private final Gf16Decoder decoder = new Gf16Decoder();

    @Override
    public FecScheme scheme() {
        return FecScheme.GF16_LEOPARD;
    }

    @Override
    public void encode(byte[][] originals, int k, byte[][] recovery, int m, int shardBytes) {
        FecShapes.checkLeopardShape(k, m, shardBytes);
        FecShapes.checkBuffers("original", originals, 0, k, shardBytes);
        FecShapes.checkBuffers("recovery", recovery, 0, m, shardBytes);
        if (Gf16Rate.of(k, m) == Gf16Rate.HIGH) {
            byte[] w = work.atLeast((int) HighRateEncoder.workBytes(k, m, shardBytes));
            HighRateEncoder.encode(originals, k, recovery, m, shardBytes, w);
        } else {
            byte[] w = work.atLeast((int) LowRateEncoder.workBytes(k, m, shardBytes));
            LowRateEncoder.encode(originals, k, recovery, m, shardBytes, w);
        }
    }

    @Override
    public int decode(byte[][] shards, boolean[] present, int k, int m, int shardBytes) {
        FecShapes.checkLeopardShape(k, m, shardBytes);
        int missing = FecShapes.checkDecode(FecScheme.GF16_LEOPARD, shards, present, k, m, shardBytes);
        if (missing == 0) {
            return 0;
        }
        byte[] w = work.atLeast((int) Gf16Decoder.workBytes(k, m, shardBytes));
        return decoder.decode(shards, present, k, m, shardBytes, w);
    }
}
