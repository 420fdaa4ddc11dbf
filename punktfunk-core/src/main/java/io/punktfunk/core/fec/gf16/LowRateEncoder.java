package io.punktfunk.core.fec.gf16;

/**
 * Low-rate encoding, used when NextPow2(k) chunks the recovery (rs-simd
 * {@code src/rate/rate_low.rs}): c = NextPow2(k); the originals, zero-padded to c, are IFFT'd once
 * (skew 0), and recovery chunk j is FFT_c of that with skew c·(j+1).
 */
final class LowRateEncoder {
    private LowRateEncoder() {
    }

    /** Bytes of work buffer needed: r rounded up to whole chunks of NextPow2(k). */
    static long workBytes(int k, int r, int shardBytes) {
        long c = Gf16Rate.nextPow2(k);
        return (r + c - 1) / c * c * ShardLayout.stride(shardBytes);
    }

    static void encode(byte[][] originals, int k, byte[][] recovery, int r, int shardBytes, byte[] w) {
        int c = Gf16Rate.nextPow2(k);
        int stride = ShardLayout.stride(shardBytes);
        ShardLayout.loadChunk(originals, 0, k, shardBytes, w, 0, c, stride);
        AdditiveFft.ifft(w, stride, 0, c, k, 0, null);
        for (int chunkStart = c; chunkStart < r; chunkStart += c) {
            System.arraycopy(w, 0, w, chunkStart * stride, c * stride);
        }
        for (int chunkStart = 0; chunkStart < r; chunkStart += c) {
            AdditiveFft.fft(w, stride, chunkStart, c, Math.min(c, r - chunkStart), chunkStart + c, null);
        }
        for (int i = 0; i < r; i++) {
            ShardLayout.store(w, i * stride, recovery[i], shardBytes);
        }
    }
}
