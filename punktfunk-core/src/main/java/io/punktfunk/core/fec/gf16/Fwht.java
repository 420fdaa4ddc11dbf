package io.punktfunk.core.fec.gf16;

/**
 * Walsh-Hadamard transform over the 65536 positions, mod 65535 (rs-simd {@code src/engine/fwht.rs}).
 * Works on exact ints and folds mod 65535 only after the 8th and 16th layers, which keeps every
 * value below 2^25 in magnitude for inputs in [-65536, 65536] and keeps the layer loops simple
 * enough for C2 to vectorise. Outputs are in [0, 65535].
 */
final class Fwht {
    private Fwht() {
    }

    /** Transforms {@code data[0, 65536)}; only {@code data[0, nonzero)} may be nonzero on entry. */
    static void transform(int[] data, int nonzero) {
        for (int layer = 0; layer < 16; layer++) {
            int dist = 1 << layer;
            int group = dist << 1;
            for (int r = 0; r < nonzero; r += group) {
                butterflies(data, r, dist);
            }
            if (layer == 7) {
                fold(data); // groups at or past `nonzero` still hold only zeros
            }
        }
        fold(data);
    }

    private static void butterflies(int[] d, int r, int dist) {
        for (int i = r; i < r + dist; i++) {
            int a = d[i];
            int b = d[i + dist];
            d[i] = a + b;
            d[i + dist] = a - b;
        }
    }

    /** Reduces every entry mod 65535 into [0, 65535]; 65535 stands for 0. */
    private static void fold(int[] d) {
        for (int i = 0; i < d.length; i++) {
            int v = d[i];
            v = (v & 0xFFFF) + (v >> 16);
            v = (v & 0xFFFF) + (v >> 16);
            v += (v >> 31) & Gf16.MODULUS;
            d[i] = (v & 0xFFFF) + (v >>> 16);
        }
    }
}
