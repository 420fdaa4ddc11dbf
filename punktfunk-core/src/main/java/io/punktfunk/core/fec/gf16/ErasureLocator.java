package io.punktfunk.core.fec.gf16;

import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Logs of the erasure locator polynomial at every position of a decode (fec-anchor.md §7.6 step 2;
 * rs-simd {@code eval_poly}): for a position i, {@code Σ over erased j ≠ i of LOG[i ^ j]} mod 65535.
 * At a kept position that is the log of the locator there, at an erased one the log of its
 * derivative.
 *
 * <p>Two ways give identical values. The direct sum costs |set| · count table reads; the FWHT way
 * (two 65536-point transforms) costs about the same whatever the shape, so it is used only when the
 * direct sum would be larger. When every position past {@code count} is erased (low rate), the
 * direct sum runs over the kept positions instead: the logs of all nonzero elements add up to
 * 0 mod 65535, so the erased sum is minus the kept sum. {@code LOG[0] = 65535 ≡ 0} makes the
 * {@code j = i} term vanish by itself.
 *
 * <p>The direct sum runs one {@link IntLanes} vector of positions at a time (16 on AVX-512, 8 on
 * AVX2): for an aligned block of that many positions, {@code i ^ j} covers one aligned block of the
 * log table, permuted by the low log2(lanes) bits of j.
 */
final class ErasureLocator {
    /**
     * Direct sums up to this many table reads; past it the two transforms are cheaper. Measured
     * on Zen 4 (16 lanes): the direct sum takes about 45 µs per million, the transforms about 65 µs
     * in all. On Zen 3 (AVX2, 8 lanes) about 105 µs per million and 220 µs, a crossover near 2.1
     * million, so the limit is conservative there (at most ~70 µs lost per decode).
     */
    static final long DIRECT_LIMIT = 1_400_000;
    /** Direct sums below this many table reads run scalar. */
    private static final long SCALAR_LIMIT = 4096;

    private static final VectorSpecies<Integer> S = IntLanes.SPECIES;
    private static final int LANES = IntLanes.COUNT;
    private static final IntVector IOTA = IntVector.zero(S).addIndex(1);

    private int[] set = new int[64];
    private int[] walsh;

    /**
     * Fills {@code out[0, count)} with locator logs in [0, 65535].
     *
     * @param erased       {@code erased[i]} for positions i in [0, count)
     * @param tailErased   whether every position in [count, 65536) is erased (else known zero)
     */
    void evaluate(boolean[] erased, int count, boolean tailErased, int[] out) {
        int size = 0;
        for (int i = 0; i < count; i++) {
            if (erased[i] != tailErased) {
                size++;
            }
        }
        if ((long) size * count <= DIRECT_LIMIT) {
            direct(erased, count, tailErased, size, out);
        } else {
            viaTransform(erased, count, tailErased, out);
        }
    }

    /** {@link #evaluate} by the direct sum whatever it costs. */
    void direct(boolean[] erased, int count, boolean tailErased, int[] out) {
        int size = 0;
        for (int i = 0; i < count; i++) {
            if (erased[i] != tailErased) {
                size++;
            }
        }
        direct(erased, count, tailErased, size, out);
    }

    private void direct(boolean[] erased, int count, boolean tailErased, int size, int[] out) {
        if (set.length < size) {
            set = new int[Math.max(size, set.length * 2)];
        }
        int[] s = set;
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (erased[i] != tailErased) {
                s[n++] = i;
            }
        }
        Arrays.fill(out, 0, count, 0);
        int[] log = LogInts.TABLE;
        // Small sums stay scalar: cheap already, and free of vector code that would allocate
        // until C2 has compiled it (a small block's first decodes run before that). Without
        // IntLanes vectors every sum runs scalar.
        int vectorEnd = !IntLanes.VECTORIZED || (long) n * count < SCALAR_LIMIT ? 0 : count & -LANES;
        // Partial sums stay below 2^31: at most 16384 terms of < 65535 between reductions.
        for (int e = 0; e < n; e++) {
            int j = s[e];
            if (vectorEnd > 0) {
                int blockOfJ = j & -LANES;
                IntVector permute = IOTA.lanewise(VectorOperators.XOR, j & (LANES - 1));
                for (int i = 0; i < vectorEnd; i += LANES) {
                    IntVector logs = IntVector.fromArray(S, log, i ^ blockOfJ);
                    IntVector.fromArray(S, out, i).add(permute.selectFrom(logs)).intoArray(out, i);
                }
            }
            for (int i = vectorEnd; i < count; i++) {
                out[i] += log[i ^ j];
            }
            if ((e & 0x3FFF) == 0x3FFF) {
                reduce(out, count);
            }
        }
        reduce(out, count);
        if (tailErased) {
            for (int i = 0; i < count; i++) {
                int v = Gf16.MODULUS - out[i];
                out[i] = v == Gf16.MODULUS ? 0 : v;
            }
        }
    }

    private static void reduce(int[] out, int count) {
        for (int i = 0; i < count; i++) {
            out[i] %= Gf16.MODULUS;
        }
    }

    /** {@link #evaluate} by the two transforms whatever they cost. */
    void viaTransform(boolean[] erased, int count, boolean tailErased, int[] out) {
        if (walsh == null) {
            walsh = new int[Gf16.ORDER];
        }
        int[] e = walsh;
        for (int i = 0; i < count; i++) {
            e[i] = erased[i] ? 1 : 0;
        }
        Arrays.fill(e, count, Gf16.ORDER, tailErased ? 1 : 0);
        Fwht.transform(e, tailErased ? Gf16.ORDER : count);
        int[] logWalsh = LogWalsh.TABLE;
        Fwht.multiply(e, logWalsh);
        Fwht.transform(e, Gf16.ORDER);
        for (int i = 0; i < count; i++) {
            int v = e[i];
            out[i] = v == Gf16.MODULUS ? 0 : v;
        }
    }

    /** The log table as ints, for vector loads. */
    private static final class LogInts {
        static final int[] TABLE = build();

        private static int[] build() {
            int[] t = new int[Gf16.ORDER];
            for (int i = 0; i < Gf16.ORDER; i++) {
                t[i] = Gf16.LOG[i];
            }
            return t;
        }
    }

    /** FWHT of the log table with entry 0 set to 0 (rs-simd {@code initialize_log_walsh}). */
    private static final class LogWalsh {
        static final int[] TABLE = build();

        private static int[] build() {
            int[] t = new int[Gf16.ORDER];
            for (int i = 1; i < Gf16.ORDER; i++) {
                t[i] = Gf16.LOG[i];
            }
            Fwht.transform(t, Gf16.ORDER);
            return t;
        }
    }
}
