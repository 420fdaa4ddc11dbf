package io.punktfunk.core.fec.gf16;

import java.util.Arrays;

/**
 * Restores lost originals for either rate (rs-simd {@code rate_high.rs} / {@code rate_low.rs}
 * decoders; fec-anchor.md §7.6). Positions of the transform:
 * <pre>
 *   high: [0, r) recovery | [r, c) padding, erased | [c, c+k) originals | rest known zero,  c = NextPow2(r)
 *   low:  [0, k) originals | [k, c) known zero     | [c, c+r) recovery  | rest erased,      c = NextPow2(k)
 * </pre>
 * Kept shards are scaled by the locator, then IFFT, formal derivative and FFT over n = NextPow2(c +
 * other count), and each lost original is the result divided by the locator derivative. The IFFT
 * skips groups with no kept shard, the FFT groups with no lost original.
 */
final class Gf16Decoder {
    private final ErasureLocator locator = new ErasureLocator();
    private boolean[] erased = new boolean[0];
    private int[] logs = new int[0];
    private int[] nonzeroBefore = new int[0];
    private int[] wantedBefore = new int[0];
    private final int[] derivativeSources = new int[16];

    /** Work bytes a decode of this shape needs. */
    static long workBytes(int k, int r, int shardBytes) {
        return (long) Gf16Rate.decodeSize(k, r) * ShardLayout.stride(shardBytes);
    }

    /** Restores the missing originals in place; the shape and buffers are already checked. */
    int decode(byte[][] shards, boolean[] present, int k, int r, int shardBytes, byte[] w) {
        boolean high = Gf16Rate.of(k, r) == Gf16Rate.HIGH;
        int chunk = Gf16Rate.nextPow2(high ? r : k);
        int count = chunk + (high ? k : r);
        int n = Gf16Rate.nextPow2(count);
        int stride = ShardLayout.stride(shardBytes);
        int originalPos = high ? chunk : 0;
        int recoveryPos = high ? 0 : chunk;
        ensure(n);

        // Which positions hold kept shards, which are erased, which lost originals we want.
        Arrays.fill(erased, 0, count, false);
        if (high) {
            Arrays.fill(erased, r, chunk, true);
        }
        int lost = 0;
        for (int i = 0; i < k; i++) {
            if (!present[i]) {
                erased[originalPos + i] = true;
                lost++;
            }
        }
        if (lost == 0) {
            return 0;
        }
        for (int j = 0; j < r; j++) {
            if (!present[k + j]) {
                erased[recoveryPos + j] = true;
            }
        }
        locator.evaluate(erased, count, !high, logs);

        // Scale kept shards by the locator; everything else is zero.
        int kept = 0;
        for (int p = 0; p < n; p++) {
            nonzeroBefore[p] = kept;
            byte[] src = p < count ? sourceOf(shards, present, k, r, high, chunk, p) : null;
            int at = p * stride;
            if (src == null) {
                Arrays.fill(w, at, at + stride, (byte) 0);
            } else {
                loadScaled(src, shardBytes, w, at, logs[p]);
                kept++;
            }
        }
        nonzeroBefore[n] = kept;
        int wanted = 0;
        for (int p = 0; p < n; p++) {
            wantedBefore[p] = wanted;
            if (p >= originalPos && p < originalPos + k && !present[p - originalPos]) {
                wanted++;
            }
        }
        wantedBefore[n] = wanted;

        AdditiveFft.ifft(w, stride, 0, n, count, 0, nonzeroBefore);
        AdditiveFft.formalDerivative(w, stride, n, derivativeSources);
        AdditiveFft.fft(w, stride, 0, n, count, 0, wantedBefore);

        for (int i = 0; i < k; i++) {
            if (!present[i]) {
                int p = originalPos + i;
                storeScaled(w, p * stride, shards[i], shardBytes, Gf16.MODULUS - logs[p]);
            }
        }
        return lost;
    }

    /** The caller's bytes for transform position p, or null if nothing is kept there. */
    private static byte[] sourceOf(byte[][] shards, boolean[] present, int k, int r, boolean high, int chunk,
                                   int p) {
        int index;
        if (high) {
            index = p < r ? k + p : (p >= chunk ? p - chunk : -1);
        } else {
            index = p < k ? p : (p >= chunk ? k + p - chunk : -1);
        }
        return index >= 0 && present[index] ? shards[index] : null;
    }

    /** Work shard at {@code at} = src · exp(logM), in block layout. */
    private static void loadScaled(byte[] src, int shardBytes, byte[] w, int at, int logM) {
        int full = shardBytes & ~63;
        Gf16KernelDispatch.mul(w, at, src, 0, full, logM);
        if (full < shardBytes) {
            ShardLayout.loadTail(src, shardBytes, w, at);
            Gf16KernelDispatch.mul(w, at + full, w, at + full, 64, logM);
        }
    }

    /** dst = work shard at {@code at} · exp(logM), back in caller layout. */
    private static void storeScaled(byte[] w, int at, byte[] dst, int shardBytes, int logM) {
        int full = shardBytes & ~63;
        Gf16KernelDispatch.mul(dst, 0, w, at, full, logM);
        if (full < shardBytes) {
            Gf16KernelDispatch.mul(w, at + full, w, at + full, 64, logM);
            ShardLayout.storeTail(w, at, dst, shardBytes);
        }
    }

    private void ensure(int n) {
        if (erased.length < n) {
            erased = new boolean[n];
            logs = new int[n];
            nonzeroBefore = new int[n + 1];
            wantedBefore = new int[n + 1];
        }
    }
}
