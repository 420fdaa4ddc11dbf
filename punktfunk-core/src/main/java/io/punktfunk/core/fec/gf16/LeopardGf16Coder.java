package io.punktfunk.core.fec.gf16;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.FecScheme;

/** Placeholder until the coder lands; every call fails loudly. */
public final class LeopardGf16Coder implements ErasureCoder {
    @Override
    public FecScheme scheme() {
        return FecScheme.GF16_LEOPARD;
    }

    @Override
    public void encode(byte[][] originals, int k, byte[][] recovery, int m, int shardBytes) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public int decode(byte[][] shards, boolean[] present, int k, int m, int shardBytes) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
