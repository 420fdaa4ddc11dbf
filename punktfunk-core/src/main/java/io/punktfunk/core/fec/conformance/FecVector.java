package io.punktfunk.core.fec.conformance;

import io.punktfunk.core.fec.FecScheme;
import java.util.List;

/**
 * One conformance vector: shape, seed and the SHA-256 (lowercase hex) of the expected data and
 * recovery shards. {@code rate} is {@code "high"}, {@code "low"} or null (GF(2^8)).
 */
public record FecVector(FecScheme scheme, int k, int r, int shardBytes, long seed, String rate,
                        String dataSha256, String allRecoverySha256, List<String> recoverySha256) {

    /** A short label such as {@code gf16-leopard k=100 r=20 shard=1200 seed=1}. */
    public String label() {
        return scheme.vectorName() + " k=" + k + " r=" + r + " shard=" + shardBytes + " seed=" + seed
                + (rate != null ? " rate=" + rate : "");
    }
}
