package io.punktfunk.core.fec;

/**
 * Shape checks shared by every coder, run before any kernel touches memory so a bad call fails
 * with a plain message instead of an exception from deep inside a transform.
 */
public final class FecShapes {
    private FecShapes() {
    }

    /** Checks k, m and the shard length against the scheme's limits. */
    public static void checkShape(FecScheme scheme, int k, int m, int shardBytes) {
        if (k < 1) {
            throw new FecShapeException("original shard count must be at least 1, got " + k);
        }
        if (m < 1) {
            throw new FecShapeException("recovery shard count must be at least 1, got " + m);
        }
        if ((long) k + m > scheme.maxTotalShards()) {
            throw new FecShapeException(scheme.vectorName() + " allows at most " + scheme.maxTotalShards()
                    + " shards per block, got " + k + "+" + m + "=" + (k + m));
        }
        if (shardBytes < 1) {
            throw new FecShapeException("shard length must be positive, got " + shardBytes);
        }
        if (scheme == FecScheme.GF16_LEOPARD && (shardBytes & 1) != 0) {
            throw new FecShapeException("gf16-leopard shard length must be even, got " + shardBytes);
        }
    }

    /**
     * Checks a gf16-leopard shape: the generic limits, then reed-solomon-simd's count rule
     * ({@code rate_default.rs}: NextPow2 of the smaller count plus the larger count ≤ 65536, which
     * is NextPow2(m) + k for high rate and the mirror for low rate), then that the decoder's work
     * area (a power of two of 64-byte-rounded shards, at most NextPow2 of that sum) fits one array.
     */
    public static void checkLeopardShape(int k, int m, int shardBytes) {
        checkShape(FecScheme.GF16_LEOPARD, k, m, shardBytes);
        long smallerPow2 = Math.min(nextPow2(k), nextPow2(m));
        long larger = Math.max(k, m);
        if (smallerPow2 + larger > 65536) {
            throw new FecShapeException("gf16-leopard cannot code " + k + "+" + m + ": NextPow2(smaller count) "
                    + smallerPow2 + " + larger count " + larger + " exceeds 65536");
        }
        long workBytes = nextPow2(smallerPow2 + larger) * (((long) shardBytes + 63) & ~63L);
        if (workBytes > Integer.MAX_VALUE - 64) {
            throw new FecShapeException("gf16-leopard block " + k + "+" + m + " of " + shardBytes
                    + "-byte shards needs a " + workBytes + "-byte work area, more than one array holds");
        }
    }

    private static long nextPow2(long n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
    }

    /** Checks that {@code shards[from..from+count)} exist and hold at least {@code shardBytes}. */
    public static void checkBuffers(String what, byte[][] shards, int from, int count, int shardBytes) {
        if (shards == null) {
            throw new FecShapeException(what + " array is null");
        }
        if (shards.length < from + count) {
            throw new FecShapeException(what + " array has " + shards.length + " entries, need " + (from + count));
        }
        for (int i = from; i < from + count; i++) {
            byte[] s = shards[i];
            if (s == null) {
                throw new FecShapeException(what + " shard " + i + " is null");
            }
            if (s.length < shardBytes) {
                throw new FecShapeException(what + " shard " + i + " has " + s.length + " bytes, need " + shardBytes);
            }
        }
    }

    /**
     * Checks a decode call: buffers present for the shards marked present and for every missing
     * original, and at least k shards present. Returns the number of missing originals.
     */
    public static int checkDecode(FecScheme scheme, byte[][] shards, boolean[] present, int k, int m, int shardBytes) {
        checkShape(scheme, k, m, shardBytes);
        if (shards == null || present == null) {
            throw new FecShapeException("shards and present must not be null");
        }
        int total = k + m;
        if (shards.length < total || present.length < total) {
            throw new FecShapeException("need " + total + " shard slots and flags, got " + shards.length
                    + " and " + present.length);
        }
        int have = 0;
        int missingOriginals = 0;
        for (int i = 0; i < total; i++) {
            if (present[i]) {
                have++;
            } else if (i >= k) {
                continue;
            } else {
                missingOriginals++;
            }
            byte[] s = shards[i];
            if (s == null) {
                throw new FecShapeException((present[i] ? "present" : "missing original") + " shard " + i + " is null");
            }
            if (s.length < shardBytes) {
                throw new FecShapeException("shard " + i + " has " + s.length + " bytes, need " + shardBytes);
            }
        }
        if (missingOriginals > 0 && have < k) {
            throw new FecShapeException("too few shards to recover: have " + have + " of " + total + ", need " + k);
        }
        return missingOriginals;
    }
}
