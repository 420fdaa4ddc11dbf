package io.punktfunk.core.fec.gf16;

/**
 * The novel-basis additive FFT and IFFT over work shards (fec-anchor.md §7.4; rs-simd
 * {@code src/engine/fft.rs}), two layers per pass, and the formal derivative (rs-simd
 * {@code src/engine/utils.rs}).
 *
 * <p>Shard p of the work buffer starts at byte {@code p * stride}. A transform over
 * {@code [pos, pos + size)} with skew delta P gives the pair (a, a + d) of a group that starts at g
 * the constant {@code SKEW[P + g + d - 1]}. Since the pairs of a group are consecutive shards, each
 * butterfly call covers a whole group's half at once.
 *
 * <p>Pruning: groups starting at or past {@code truncated} are skipped (IFFT: zero inputs give zero
 * outputs; FFT: those outputs are not wanted). The decoder also passes prefix counts: for the IFFT,
 * of nonzero inputs (a group with none stays zero); for the FFT, of wanted outputs (a group feeding
 * none is skipped). Counts are over positions relative to {@code pos}; null means no pruning.
 */
final class AdditiveFft {
    private AdditiveFft() {
    }

    static void ifft(byte[] w, int stride, int pos, int size, int truncated, int skewDelta, int[] nonzeroBefore) {
        ifft(w, stride, pos, size, truncated, skewDelta, nonzeroBefore, -1);
    }

    /**
     * IFFT of shards [pos, pos + size) XORed into shards [accPos, accPos + size): the last layer
     * adds its outputs to the accumulator instead of storing them, which saves the encoder a pass
     * over the chunk. Shards [pos, pos + size) are left as scratch.
     */
    static void ifftAccumulate(byte[] w, int stride, int pos, int size, int truncated, int skewDelta, int accPos) {
        if (size == 1) {
            Gf16Kernels.xor(w, accPos * stride, w, pos * stride, stride);
        } else {
            ifft(w, stride, pos, size, truncated, skewDelta, null, accPos);
        }
    }

    private static void ifft(byte[] w, int stride, int pos, int size, int truncated, int skewDelta,
                             int[] nonzeroBefore, int accPos) {
        char[] skew = Gf16.SKEW;
        int dist = 1;
        int dist4 = 4;
        while (dist4 <= size) {
            for (int r = 0; r < truncated; r += dist4) {
                if (nonzeroBefore != null && nonzeroBefore[Math.min(r + dist4, size)] == nonzeroBefore[r]) {
                    continue;
                }
                int base = r + dist + skewDelta - 1;
                int log01 = skew[base];
                int log02 = skew[base + dist];
                int log23 = skew[base + 2 * dist];
                int s0 = (pos + r) * stride;
                int span = dist * stride;
                boolean multiplies = log01 != Gf16.MODULUS && log23 != Gf16.MODULUS && log02 != Gf16.MODULUS;
                if (accPos >= 0 && dist4 == size) { // last layer pair: one group, whole chunk
                    if (multiplies) {
                        Gf16Kernels.ifft4Acc(w, s0, span, span, log01, log23, log02, accPos * stride);
                        continue;
                    }
                    ifftLayer(w, s0, s0 + span, span, log01);
                    ifftLayer(w, s0 + 2 * span, s0 + 3 * span, span, log23);
                    ifftLayer(w, s0, s0 + 2 * span, 2 * span, log02);
                    Gf16Kernels.xor(w, accPos * stride, w, s0, size * stride);
                } else if (multiplies) {
                    Gf16Kernels.ifft4(w, s0, span, span, log01, log23, log02);
                } else {
                    ifftLayer(w, s0, s0 + span, span, log01);
                    ifftLayer(w, s0 + 2 * span, s0 + 3 * span, span, log23);
                    ifftLayer(w, s0, s0 + 2 * span, 2 * span, log02);
                }
            }
            dist = dist4;
            dist4 <<= 2;
        }
        if (dist < size) {
            int s0 = pos * stride;
            int span = dist * stride;
            int log = skew[dist + skewDelta - 1];
            if (accPos >= 0 && log != Gf16.MODULUS) {
                Gf16Kernels.ifft2Acc(w, s0, s0 + span, span, log, accPos * stride);
            } else {
                ifftLayer(w, s0, s0 + span, span, log);
                if (accPos >= 0) {
                    Gf16Kernels.xor(w, accPos * stride, w, s0, size * stride);
                }
            }
        }
    }

    static void fft(byte[] w, int stride, int pos, int size, int truncated, int skewDelta, int[] wantedBefore) {
        char[] skew = Gf16.SKEW;
        int dist4 = size;
        int dist = size >> 2;
        while (dist != 0) {
            for (int r = 0; r < truncated; r += dist4) {
                if (wantedBefore != null && wantedBefore[Math.min(r + dist4, size)] == wantedBefore[r]) {
                    continue;
                }
                int base = r + dist + skewDelta - 1;
                int log01 = skew[base];
                int log02 = skew[base + dist];
                int log23 = skew[base + 2 * dist];
                int s0 = (pos + r) * stride;
                int span = dist * stride;
                if (log01 != Gf16.MODULUS && log23 != Gf16.MODULUS && log02 != Gf16.MODULUS) {
                    Gf16Kernels.fft4(w, s0, span, span, log01, log23, log02);
                } else {
                    fftLayer(w, s0, s0 + 2 * span, 2 * span, log02);
                    fftLayer(w, s0, s0 + span, span, log01);
                    fftLayer(w, s0 + 2 * span, s0 + 3 * span, span, log23);
                }
            }
            dist4 = dist;
            dist >>= 2;
        }
        if (dist4 == 2) {
            for (int r = 0; r < truncated; r += 2) {
                if (wantedBefore != null && wantedBefore[Math.min(r + 2, size)] == wantedBefore[r]) {
                    continue;
                }
                int s0 = (pos + r) * stride;
                fftLayer(w, s0, s0 + stride, stride, skew[r + skewDelta]);
            }
        }
    }

    /**
     * Formal derivative in the novel basis over shards [0, count), count a power of two (rs-simd
     * {@code formal_derivative}: for each i, with w its lowest set bit, {@code work[i - w, i) ^=
     * work[i, i + w)}). Each step there reads only shards no earlier step wrote, so the result is
     * {@code work[p] ^= XOR of work[p | w] over the bits w clear in p}; computed that way, in
     * increasing p, each shard is written once instead of once per bit.
     */
    static void formalDerivative(byte[] w, int stride, int count, int[] sources) {
        for (int p = 0; p < count - 1; p++) {
            int n = 0;
            for (int bit = 1; bit < count; bit <<= 1) {
                if ((p & bit) == 0) {
                    sources[n++] = (p | bit) * stride;
                }
            }
            Gf16Kernels.xorSum(w, p * stride, sources, n, stride);
        }
    }

    private static void ifftLayer(byte[] w, int x, int y, int len, int logM) {
        if (logM == Gf16.MODULUS) {
            Gf16Kernels.xor(w, y, w, x, len);
        } else {
            Gf16Kernels.ifft2(w, x, y, len, logM);
        }
    }

    private static void fftLayer(byte[] w, int x, int y, int len, int logM) {
        if (logM == Gf16.MODULUS) {
            Gf16Kernels.xor(w, y, w, x, len);
        } else {
            Gf16Kernels.fft2(w, x, y, len, logM);
        }
    }
}
