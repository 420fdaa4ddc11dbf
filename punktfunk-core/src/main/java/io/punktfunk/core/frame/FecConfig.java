package io.punktfunk.core.frame;

import io.punktfunk.core.fec.FecScheme;

/**
 * The FEC settings both ends agree on in the handshake (punktfunk-reference.md §1.7): scheme,
 * parity percentage (0 = no FEC) and K, the most data shards one block holds.
 *
 * @param scheme          erasure code
 * @param fecPercent      parity as a percentage of data shards, {@code [0, 90]}
 * @param maxDataPerBlock K; frames are cut into blocks of K data shards, the last holds the rest
 */
public record FecConfig(FecScheme scheme, int fecPercent, int maxDataPerBlock) {
    /** Highest parity percentage; the receiver's shard bound assumes it, so live changes never exceed it. */
    public static final int MAX_FEC_PERCENT = 90;
    /** Fewest parity shards of a block with FEC on (Moonlight's minRequiredFecPackets). */
    public static final int MIN_RECOVERY_SHARDS = 2;

    public FecConfig {
        if (scheme == null) {
            throw new IllegalArgumentException("fec scheme must be set");
        }
        if (fecPercent < 0 || fecPercent > MAX_FEC_PERCENT) {
            throw new IllegalArgumentException("fec percent must be in [0, " + MAX_FEC_PERCENT + "], got " + fecPercent);
        }
        if (maxDataPerBlock < 1 || maxDataPerBlock + MIN_RECOVERY_SHARDS > scheme.maxTotalShards()) {
            throw new IllegalArgumentException("max data shards per block must be in [1, "
                    + (scheme.maxTotalShards() - MIN_RECOVERY_SHARDS) + "] for " + scheme.vectorName()
                    + ", got " + maxDataPerBlock);
        }
    }

    /** The punktfunk/1 host default: GF(2^16), 10 % parity, K = 4096 (typical frames are one block). */
    public static FecConfig defaults() {
        return new FecConfig(FecScheme.GF16_LEOPARD, 10, 4096);
    }

    /** Parity shards for a block of {@code k} data shards at {@code percent}: 0, or max(ceil(k·pct/100), 2). */
    public static int recoveryFor(int k, int percent) {
        if (percent == 0) {
            return 0;
        }
        return Math.max((int) (((long) k * percent + 99) / 100), MIN_RECOVERY_SHARDS);
    }

    /**
     * Most shards (data + parity) one block may have: {@code min(scheme limit, K + recoveryFor(K, 90))}.
     * The sender clamps parity to it and the receiver rejects anything larger.
     */
    public int maxTotalShards() {
        return (int) Math.min(scheme.maxTotalShards(), (long) maxDataPerBlock + recoveryFor(maxDataPerBlock, MAX_FEC_PERCENT));
    }
}
