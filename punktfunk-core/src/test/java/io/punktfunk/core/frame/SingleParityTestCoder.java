package io.punktfunk.core.frame;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.fec.FecShapeException;
import io.punktfunk.core.fec.FecShapes;

/**
 * Test seam, not an FEC backend: every recovery shard is the XOR of the block's originals, so it
 * restores exactly one missing original. Lets the packet layer's FEC plumbing be tested without
 * the Reed-Solomon coders; tests needing multi-loss recovery use the real coder.
 */
final class SingleParityTestCoder implements ErasureCoder {
    private final FecScheme scheme;
    int encodeCalls;
    int lastK;
    int lastM;

    SingleParityTestCoder(FecScheme scheme) {
        this.scheme = scheme;
    }

    @Override
    public FecScheme scheme() {
        return scheme;
    }

    @Override
    public void encode(byte[][] originals, int k, byte[][] recovery, int m, int shardBytes) {
        FecShapes.checkShape(scheme, k, m, shardBytes);
        encodeCalls++;
        lastK = k;
        lastM = m;
        for (int j = 0; j < m; j++) {
            byte[] r = recovery[j];
            java.util.Arrays.fill(r, 0, shardBytes, (byte) 0);
            for (int i = 0; i < k; i++) {
                byte[] o = originals[i];
                for (int x = 0; x < shardBytes; x++) {
                    r[x] ^= o[x];
                }
            }
        }
    }

    @Override
    public int decode(byte[][] shards, boolean[] present, int k, int m, int shardBytes) {
        int missing = FecShapes.checkDecode(scheme, shards, present, k, m, shardBytes);
        if (missing == 0) {
            return 0;
        }
        int parity = -1;
        for (int j = k; j < k + m; j++) {
            if (present[j]) {
                parity = j;
                break;
            }
        }
        if (missing > 1 || parity < 0) {
            throw new FecShapeException("single-parity test coder restores one original, " + missing + " missing");
        }
        int hole = 0;
        while (present[hole]) {
            hole++;
        }
        byte[] out = shards[hole];
        System.arraycopy(shards[parity], 0, out, 0, shardBytes);
        for (int i = 0; i < k; i++) {
            if (i != hole) {
                for (int x = 0; x < shardBytes; x++) {
                    out[x] ^= shards[i][x];
                }
            }
        }
        return 1;
    }
}
