package io.punktfunk.core.fec.gf8;

import java.util.Arrays;

/**
 * Plans the decode of one erasure pattern: which k shards to read and the g × k matrix that turns
 * them into the g missing originals, as nibble tables for the multiply kernel.
 *
 * <p>Decoding means inverting the k × k submatrix of the systematic generator made of the rows of
 * k present shards (identity rows for present originals, Cauchy rows for the first g present
 * recovery shards), but only the g rows of that inverse belonging to missing originals are ever
 * used. Those rows come from eliminating just the g × g Cauchy block A = C[parities][missing]:
 * Gauss-Jordan on {@code [A | I | C[parities][present]]} leaves {@code [I | A⁻¹ | A⁻¹ C[parities][present]]},
 * i.e. missing = A⁻¹ × parities + A⁻¹ C × present originals (addition is subtraction in GF(2^8)).
 * That costs g²(k + g) instead of k³.
 *
 * <p>Buffers grow to the largest pattern seen and are reused, so steady-state decodes allocate
 * nothing. Not thread-safe.
 */
final class RecoveryMatrix {
    private static final int ROW_ALIGN = VectorKernel.AVAILABLE ? VectorKernel.LANES : 1;

    /** Original index of each missing original, in order; row r of the result restores missing[r]. */
    private final int[] missing = new int[255];
    /** Shard index read for each column of the result: g recovery shards, then present originals. */
    private final int[] sources = new int[255];
    private byte[] augmented = new byte[0];
    private byte[] tables = new byte[0];

    /**
     * Plans the pattern {@code present[0..k+m)}; the caller has checked that at least k shards are
     * present. Returns the number of missing originals g (0 leaves nothing to do).
     */
    int prepare(boolean[] present, int k, int m) {
        int g = 0;
        int presentOriginals = 0;
        for (int i = 0; i < k; i++) {
            if (present[i]) {
                sources[presentOriginals++] = i;
            } else {
                missing[g++] = i;
            }
        }
        if (g == 0) {
            return 0;
        }
        // Shift the present originals right and put the first g present recovery shards in front.
        System.arraycopy(sources, 0, sources, g, presentOriginals);
        for (int j = 0, found = 0; found < g; j++) {
            if (present[k + j]) {
                sources[found++] = k + j;
            }
        }
        int width = k + g;
        int stride = (width + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
        if (augmented.length < g * stride) {
            augmented = new byte[g * stride];
        }
        fillAugmented(k, m, g, stride);
        eliminate(g, stride);
        writeTables(k, g, stride);
        return g;
    }

    /** Original index restored by result row r. */
    int missing(int r) {
        return missing[r];
    }

    /** Shard index feeding result column c, c in [0, k). */
    int source(int c) {
        return sources[c];
    }

    /** The g × k recovery tables, row r (missing original) by column c (source). */
    byte[] tables() {
        return tables;
    }

    /** Row r: {@code [C[p_r][missing] | e_r | C[p_r][present originals] | 0 padding]}. */
    private void fillAugmented(int k, int m, int g, int stride) {
        byte[] a = augmented;
        Arrays.fill(a, 0, g * stride, (byte) 0);
        for (int r = 0; r < g; r++) {
            int j = sources[r] - k;
            int row = r * stride;
            for (int c = 0; c < g; c++) {
                a[row + c] = (byte) CauchyMatrix.coefficient(m, j, missing[c]);
            }
            a[row + g + r] = 1;
            for (int c = g; c < k; c++) {
                a[row + g + c] = (byte) CauchyMatrix.coefficient(m, j, sources[c]);
            }
        }
    }

    /**
     * Gauss-Jordan on the g × g block. No pivot search: A is a square Cauchy matrix, so each of its
     * leading principal submatrices is a Cauchy matrix too and invertible, hence every pivot met in
     * order is non-zero.
     */
    private void eliminate(int g, int stride) {
        byte[] a = augmented;
        for (int x = 0; x < g; x++) {
            int pivotRow = x * stride;
            int pivot = a[pivotRow + x] & 0xFF;
            if (pivot != 1) {
                scaleRow(a, pivotRow, Gf8.inv(pivot), stride);
            }
            for (int r = 0; r < g; r++) {
                int f = a[r * stride + x] & 0xFF;
                if (r != x && f != 0) {
                    mulAddRow(a, r * stride, pivotRow, f, stride);
                }
            }
        }
    }

    private void writeTables(int k, int g, int stride) {
        int need = g * k * NibbleTables.BYTES + NibbleTables.PAD;
        if (tables.length < need) {
            tables = new byte[need];
        }
        int t = 0;
        for (int r = 0; r < g; r++) {
            int row = r * stride + g;
            for (int c = 0; c < k; c++, t += NibbleTables.BYTES) {
                NibbleTables.put(augmented[row + c] & 0xFF, tables, t);
            }
        }
    }

    private static void scaleRow(byte[] a, int off, int c, int len) {
        if (VectorKernel.AVAILABLE) {
            VectorKernel.scaleRow(a, off, c, len);
        } else {
            ScalarKernel.scaleRow(a, off, c, len);
        }
    }

    private static void mulAddRow(byte[] a, int dst, int src, int c, int len) {
        if (VectorKernel.AVAILABLE) {
            VectorKernel.mulAddRow(a, dst, src, c, len);
        } else {
            ScalarKernel.mulAddRow(a, dst, src, c, len);
        }
    }
}
