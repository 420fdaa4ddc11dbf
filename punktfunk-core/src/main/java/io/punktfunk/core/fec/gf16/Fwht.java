package io.punktfunk.core.fec.gf16;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.LSHR;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Walsh-Hadamard transform over the 65536 positions, mod 65535 (rs-simd {@code src/engine/fwht.rs}),
 * vectorised with {@link IntLanes} int vectors (16 lanes on AVX-512, 8 on AVX2): the log2(lanes)
 * layers inside a vector by lane permutes, the rest between vectors. Works on exact ints and folds
 * mod 65535 only after the 8th and 16th layers, which keeps every value below 2^25 in magnitude for
 * inputs in [-65536, 65536]. Without {@link IntLanes#VECTORIZED} vectors the same steps run scalar.
 */
final class Fwht {
    private static final VectorSpecies<Integer> S = IntLanes.SPECIES;
    private static final int LANES = IntLanes.COUNT;
    private static final int LAYERS_IN_VECTOR = IntLanes.LOG2;
    // Per in-vector layer t: the partner lane (l ^ 2^t), and the lanes (bit t set) taking the
    // difference; null for layers past LAYERS_IN_VECTOR, which narrower vectors run between vectors.
    private static final VectorShuffle<Integer> PARTNER0 = partner(0);
    private static final VectorShuffle<Integer> PARTNER1 = partner(1);
    private static final VectorShuffle<Integer> PARTNER2 = partner(2);
    private static final VectorShuffle<Integer> PARTNER3 = partner(3);
    private static final VectorMask<Integer> UPPER0 = upper(0);
    private static final VectorMask<Integer> UPPER1 = upper(1);
    private static final VectorMask<Integer> UPPER2 = upper(2);
    private static final VectorMask<Integer> UPPER3 = upper(3);

    private Fwht() {
    }

    /** Transforms {@code data[0, 65536)}; only {@code data[0, nonzero)} may be nonzero on entry. */
    static void transform(int[] data, int nonzero) {
        if (!IntLanes.VECTORIZED) {
            transformScalar(data, nonzero);
            return;
        }
        int end = Math.min(Gf16.ORDER, (nonzero + LANES - 1) & -LANES);
        for (int i = 0; i < end; i += LANES) {
            // Written out, not a helper: an un-inlined helper gets its vectors boxed. The
            // conditions are constants, so C2 keeps exactly the layers this width has.
            IntVector v = IntVector.fromArray(S, data, i);
            IntVector p = v.rearrange(PARTNER0);
            v = v.add(p).blend(p.sub(v), UPPER0);
            if (LAYERS_IN_VECTOR > 1) {
                p = v.rearrange(PARTNER1);
                v = v.add(p).blend(p.sub(v), UPPER1);
            }
            if (LAYERS_IN_VECTOR > 2) {
                p = v.rearrange(PARTNER2);
                v = v.add(p).blend(p.sub(v), UPPER2);
            }
            if (LAYERS_IN_VECTOR > 3) {
                p = v.rearrange(PARTNER3);
                v = v.add(p).blend(p.sub(v), UPPER3);
            }
            v.intoArray(data, i);
        }
        for (int dist = LANES; dist < Gf16.ORDER; dist <<= 1) {
            for (int r = 0; r < nonzero; r += dist << 1) {
                for (int i = r; i < r + dist; i += LANES) {
                    IntVector a = IntVector.fromArray(S, data, i);
                    IntVector b = IntVector.fromArray(S, data, i + dist);
                    a.add(b).intoArray(data, i);
                    a.sub(b).intoArray(data, i + dist);
                }
            }
            if (dist == 128) {
                fold(data); // groups at or past `nonzero` still hold only zeros
            }
        }
        fold(data);
    }

    /** {@code data[i] = data[i] * factor[i] mod 65535}, both in [0, 65535]; result in [0, 65535]. */
    static void multiply(int[] data, int[] factor) {
        if (!IntLanes.VECTORIZED) {
            multiplyScalar(data, factor);
            return;
        }
        for (int i = 0; i < Gf16.ORDER; i += LANES) {
            // The unsigned 32-bit product is exact; 2^16 ≡ 1 folds it.
            IntVector p = IntVector.fromArray(S, data, i).mul(IntVector.fromArray(S, factor, i));
            p = p.and(0xFFFF).add(p.lanewise(LSHR, 16));
            p = p.and(0xFFFF).add(p.lanewise(LSHR, 16));
            p.intoArray(data, i);
        }
    }

    /** Reduces every entry mod 65535 into [0, 65535]; 65535 stands for 0. */
    private static void fold(int[] d) {
        if (!IntLanes.VECTORIZED) {
            foldScalar(d);
            return;
        }
        for (int i = 0; i < Gf16.ORDER; i += LANES) {
            IntVector v = IntVector.fromArray(S, d, i);
            v = v.and(0xFFFF).add(v.lanewise(ASHR, 16));
            v = v.and(0xFFFF).add(v.lanewise(ASHR, 16));
            v = v.add(v.lanewise(ASHR, 31).and(Gf16.MODULUS));
            v.and(0xFFFF).add(v.lanewise(LSHR, 16)).intoArray(d, i);
        }
    }

    private static void transformScalar(int[] data, int nonzero) {
        for (int dist = 1; dist < Gf16.ORDER; dist <<= 1) {
            for (int r = 0; r < nonzero; r += dist << 1) {
                for (int i = r; i < r + dist; i++) {
                    int a = data[i];
                    int b = data[i + dist];
                    data[i] = a + b;
                    data[i + dist] = a - b;
                }
            }
            if (dist == 128) {
                foldScalar(data);
            }
        }
        foldScalar(data);
    }

    private static void multiplyScalar(int[] data, int[] factor) {
        for (int i = 0; i < Gf16.ORDER; i++) {
            int p = data[i] * factor[i];
            p = (p & 0xFFFF) + (p >>> 16);
            data[i] = (p & 0xFFFF) + (p >>> 16);
        }
    }

    private static void foldScalar(int[] d) {
        for (int i = 0; i < Gf16.ORDER; i++) {
            int v = d[i];
            v = (v & 0xFFFF) + (v >> 16);
            v = (v & 0xFFFF) + (v >> 16);
            v += (v >> 31) & Gf16.MODULUS;
            d[i] = (v & 0xFFFF) + (v >>> 16);
        }
    }

    private static VectorShuffle<Integer> partner(int t) {
        return t < LAYERS_IN_VECTOR ? VectorShuffle.fromOp(S, lane -> lane ^ (1 << t)) : null;
    }

    private static VectorMask<Integer> upper(int t) {
        if (t >= LAYERS_IN_VECTOR) {
            return null;
        }
        boolean[] bits = new boolean[LANES];
        for (int lane = 0; lane < LANES; lane++) {
            bits[lane] = (lane >> t & 1) != 0;
        }
        return VectorMask.fromArray(S, bits, 0);
    }
}
