package io.punktfunk.control.handshake;

import io.punktfunk.core.fec.FecScheme;

/**
 * FEC configuration the host announces (reference §1.7): the erasure code, the starting parity
 * percentage (0 = off; adaptive FEC moves it within 5–50 % later) and the data shards per block.
 */
public record FecParameters(FecScheme scheme, int percent, int maxDataPerBlock) {
    /** Host default: GF(2^16) Leopard, adaptive start 10 %, K = 4096 so even multi-MB IDRs are one block. */
    public static final FecParameters DEFAULT = new FecParameters(FecScheme.GF16_LEOPARD, 10, 4096);

    public FecParameters {
        if (percent < 0 || percent > 90) {
            throw new IllegalArgumentException("fec percent must be 0..90, got " + percent);
        }
        if (maxDataPerBlock < 1 || maxDataPerBlock > scheme.maxTotalShards()) {
            throw new IllegalArgumentException("max data shards per block must be 1.." + scheme.maxTotalShards());
        }
    }
}
