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
 *
 * <p>Cache blocking: layers whose groups span at most {@link #BLOCK_BYTES} run block by block (the
 * IFFT's first layers, the FFT's last), so a block stays in L2 through all of them; only the few
 * layers with larger groups stream over the whole range. Groups are the same, only the order
 * changes, and each group depends on nothing outside itself.
 */
final class AdditiveFft {
    /** Bytes of shards one cache block spans: a quarter of Zen 4's 1 MiB L2, leaving room for tables. */
    private static final int BLOCK_BYTES = 256 * 1024;
    /**
     * Whether a group's two layers run fused ({@link Gf16Kernels#ifft4}: 24 table vectors live) or
     * one layer per pass. Fused wins with AVX-512's 32 vector registers; with AVX2's 16 the fused
     * kernel spills and one layer per pass measured 1.7× the throughput per layer (Zen 3). The fused
     * kernels exist only as vectors: with {@link Gf16ScalarKernels} this is false, and an override
     * {@code -Dpunktfunk.fec.fusedLayers=true} is ignored.
     */
    static final boolean FUSED = Gf16KernelDispatch.VECTOR
            && Boolean.parseBoolean(System.getProperty("punktfunk.fec.fusedLayers",
                    String.valueOf(jdk.incubator.vector.ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 512)));

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
            Gf16KernelDispatch.xor(w, accPos * stride, w, pos * stride, stride);
        } else {
            ifft(w, stride, pos, size, truncated, skewDelta, null, accPos);
        }
    }

    private static void ifft(byte[] w, int stride, int pos, int size, int truncated, int skewDelta,
                             int[] nonzeroBefore, int accPos) {
        int block = blockShards(stride, size);
        int dist = 1;
        if (block < size) {
            for (int b = 0; b < truncated; b += block) {
                int end = Math.min(b + block, truncated);
                for (int d = 1; 4 * d <= block; d <<= 2) {
                    for (int r = b; r < end; r += 4 * d) {
                        ifftGroup(w, stride, pos, r, d, size, skewDelta, nonzeroBefore);
                    }
                }
            }
            while (4 * dist <= block) {
                dist <<= 2;
            }
        }
        for (; 4 * dist <= size; dist <<= 2) {
            if (accPos >= 0 && 4 * dist == size) {
                ifftLastGroupAccumulate(w, stride, pos, dist, skewDelta, accPos);
            } else {
                for (int r = 0; r < truncated; r += 4 * dist) {
                    ifftGroup(w, stride, pos, r, dist, size, skewDelta, nonzeroBefore);
                }
            }
        }
        if (dist < size) { // odd layer count: one last layer, one group
            int s0 = pos * stride;
            int span = dist * stride;
            int log = Gf16.SKEW[dist + skewDelta - 1];
            if (accPos >= 0 && log != Gf16.MODULUS) {
                Gf16KernelDispatch.ifft2Acc(w, s0, s0 + span, span, log, accPos * stride);
            } else {
                ifftLayer(w, s0, s0 + span, span, log);
                if (accPos >= 0) {
                    Gf16KernelDispatch.xor(w, accPos * stride, w, s0, size * stride);
                }
            }
        }
    }

    /** Two IFFT layers (dist, 2 dist) on the group of 4 dist shards starting at r. */
    private static void ifftGroup(byte[] w, int stride, int pos, int r, int dist, int size, int skewDelta,
                                  int[] nonzeroBefore) {
        if (nonzeroBefore != null && nonzeroBefore[Math.min(r + 4 * dist, size)] == nonzeroBefore[r]) {
            return;
        }
        int base = r + dist + skewDelta - 1;
        int log01 = Gf16.SKEW[base];
        int log02 = Gf16.SKEW[base + dist];
        int log23 = Gf16.SKEW[base + 2 * dist];
        int s0 = (pos + r) * stride;
        int span = dist * stride;
        if (FUSED && log01 != Gf16.MODULUS && log23 != Gf16.MODULUS && log02 != Gf16.MODULUS) {
            Gf16Kernels.ifft4(w, s0, span, span, log01, log23, log02);
        } else {
            ifftLayer(w, s0, s0 + span, span, log01);
            ifftLayer(w, s0 + 2 * span, s0 + 3 * span, span, log23);
            ifftLayer(w, s0, s0 + 2 * span, 2 * span, log02);
        }
    }

    /** The last two IFFT layers (one group of the whole range), XORed into the accumulator. */
    private static void ifftLastGroupAccumulate(byte[] w, int stride, int pos, int dist, int skewDelta, int accPos) {
        int base = dist + skewDelta - 1;
        int log01 = Gf16.SKEW[base];
        int log02 = Gf16.SKEW[base + dist];
        int log23 = Gf16.SKEW[base + 2 * dist];
        int s0 = pos * stride;
        int span = dist * stride;
        if (FUSED && log01 != Gf16.MODULUS && log23 != Gf16.MODULUS && log02 != Gf16.MODULUS) {
            Gf16Kernels.ifft4Acc(w, s0, span, span, log01, log23, log02, accPos * stride);
        } else if (log02 != Gf16.MODULUS) {
            ifftLayer(w, s0, s0 + span, span, log01);
            ifftLayer(w, s0 + 2 * span, s0 + 3 * span, span, log23);
            Gf16KernelDispatch.ifft2Acc(w, s0, s0 + 2 * span, 2 * span, log02, accPos * stride);
        } else {
            ifftGroup(w, stride, pos, 0, dist, 4 * dist, skewDelta, null);
            Gf16KernelDispatch.xor(w, accPos * stride, w, s0, 4 * span);
        }
    }

    static void fft(byte[] w, int stride, int pos, int size, int truncated, int skewDelta, int[] wantedBefore) {
        int block = blockShards(stride, size);
        int dist4 = size;
        int dist = size >> 2;
        for (; dist != 0 && dist4 > block; dist4 = dist, dist >>= 2) {
            for (int r = 0; r < truncated; r += dist4) {
                fftGroup(w, stride, pos, r, dist, size, skewDelta, wantedBefore);
            }
        }
        boolean oddLayer = (Integer.numberOfTrailingZeros(size) & 1) != 0;
        for (int b = 0; b < truncated; b += block) {
            int end = Math.min(b + block, truncated);
            for (int d = dist, d4 = dist4; d != 0; d4 = d, d >>= 2) {
                for (int r = b; r < end; r += d4) {
                    fftGroup(w, stride, pos, r, d, size, skewDelta, wantedBefore);
                }
            }
            if (oddLayer) {
                for (int r = b; r < end; r += 2) {
                    if (wantedBefore == null || wantedBefore[Math.min(r + 2, size)] != wantedBefore[r]) {
                        int s0 = (pos + r) * stride;
                        fftLayer(w, s0, s0 + stride, stride, Gf16.SKEW[r + skewDelta]);
                    }
                }
            }
        }
    }

    /** Two FFT layers (2 dist, dist) on the group of 4 dist shards starting at r. */
    private static void fftGroup(byte[] w, int stride, int pos, int r, int dist, int size, int skewDelta,
                                 int[] wantedBefore) {
        if (wantedBefore != null && wantedBefore[Math.min(r + 4 * dist, size)] == wantedBefore[r]) {
            return;
        }
        int base = r + dist + skewDelta - 1;
        int log01 = Gf16.SKEW[base];
        int log02 = Gf16.SKEW[base + dist];
        int log23 = Gf16.SKEW[base + 2 * dist];
        int s0 = (pos + r) * stride;
        int span = dist * stride;
        if (FUSED && log01 != Gf16.MODULUS && log23 != Gf16.MODULUS && log02 != Gf16.MODULUS) {
            Gf16Kernels.fft4(w, s0, span, span, log01, log23, log02);
        } else {
            fftLayer(w, s0, s0 + 2 * span, 2 * span, log02);
            fftLayer(w, s0, s0 + span, span, log01);
            fftLayer(w, s0 + 2 * span, s0 + 3 * span, span, log23);
        }
    }

    /**
     * Shards per cache block: the largest power of two within BLOCK_BYTES but at least 4 (blocks
     * must hold whole layer pairs), or size if all fit.
     */
    private static int blockShards(int stride, int size) {
        int fit = Integer.highestOneBit(Math.max(1, BLOCK_BYTES / stride));
        return Math.min(Math.max(4, fit), size);
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
            Gf16KernelDispatch.xorSum(w, p * stride, sources, n, stride);
        }
    }

    private static void ifftLayer(byte[] w, int x, int y, int len, int logM) {
        if (logM == Gf16.MODULUS) {
            Gf16KernelDispatch.xor(w, y, w, x, len);
        } else {
            Gf16KernelDispatch.ifft2(w, x, y, len, logM);
        }
    }

    private static void fftLayer(byte[] w, int x, int y, int len, int logM) {
        if (logM == Gf16.MODULUS) {
            Gf16KernelDispatch.xor(w, y, w, x, len);
        } else {
            Gf16KernelDispatch.fft2(w, x, y, len, logM);
        }
    }
}
