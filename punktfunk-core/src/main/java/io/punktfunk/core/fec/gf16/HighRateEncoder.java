package io.punktfunk.core.fec.gf16;

/**
 * High-rate encoding, used when NextPow2(r) chunks the originals (rs-simd
 * {@code src/rate/rate_high.rs}; fec-anchor.md §7.5): recovery = FFT_m(XOR over chunks j of
 * IFFT_m(original chunk j, skew m·(j+1))), m = NextPow2(r). Work: [0, m) accumulates, [m, 2m) holds
 * the chunk being transformed.
 */
final class HighRateEncoder {
    private HighRateEncoder() {
    }

    /** Bytes of work buffer needed. */
    static long workBytes(int k, int r, int shardBytes) {
        int m = Gf16Rate.nextPow2(r);
        return (long) (k > m ? 2 * m : m) * ShardLayout.stride(shardBytes);
    }

    static void encode(byte[][] originals, int k, byte[][] recovery, int r, int shardBytes, byte[] w) {
        int m = Gf16Rate.nextPow2(r);
        int stride = ShardLayout.stride(shardBytes);
        int first = Math.min(k, m);
        ShardLayout.loadChunk(originals, 0, first, shardBytes, w, 0, m, stride);
        AdditiveFft.ifft(w, stride, 0, m, first, m, null);
        for (int chunkStart = m; chunkStart < k; chunkStart += m) {
            int count = Math.min(m, k - chunkStart);
            ShardLayout.loadChunk(originals, chunkStart, count, shardBytes, w, m, m, stride);
            AdditiveFft.ifftAccumulate(w, stride, m, m, count, chunkStart + m, 0);
        }
        AdditiveFft.fft(w, stride, 0, m, r, 0, null);
        for (int i = 0; i < r; i++) {
            ShardLayout.store(w, i * stride, recovery[i], shardBytes);
        }
    }
}
