package io.punktfunk.core.fec.gf8;

/**
 * nanors' parity matrix: recovery shard j of a block with m recovery shards is
 * {@code Σ_i inverse((m + i) XOR j) × original_i} (nanors {@code rs.c}, {@code reed_solomon_new}:
 * {@code row[i] = GF2_8_INV[(ps + i) ^ j]}).
 *
 * <p>This is the Cauchy matrix {@code 1 / (x_i + y_j)} with {@code x_i = m + i} and
 * {@code y_j = j}: the two sets are disjoint ({@code m + i >= m > j}) and lie in [0, 255) because
 * k + m ≤ 255, so every square submatrix is invertible, which is what makes any k shards enough.
 */
final class CauchyMatrix {
    private CauchyMatrix() {
    }

    /** Coefficient of original {@code i} in recovery shard {@code j} of a block with m recovery shards. */
    static int coefficient(int m, int j, int i) {
        return Gf8.inv((m + i) ^ j);
    }

    /** Writes the m × k encode matrix as nibble tables, row j (recovery shard) by column i. */
    static void writeEncodeTables(int k, int m, byte[] tables) {
        int t = 0;
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < k; i++, t += NibbleTables.BYTES) {
                NibbleTables.put(coefficient(m, j, i), tables, t);
            }
        }
    }
}
