package io.punktfunk.core.fec.gf8;

/**
 * Split-nibble product tables, the form in which the kernels take their constants. For a constant
 * c the table is 32 bytes: {@code lo[n] = c × n} then {@code hi[n] = c × (n << 4)} for n in
 * [0, 16), so that {@code c × x = lo[x & 15] ^ hi[x >>> 4]}. A vector kernel loads the 32 bytes
 * once and looks up both halves with one byte permute each (indices {@code x & 15} and
 * {@code (x >>> 4) | 16}).
 */
final class NibbleTables {
    /** Bytes per constant. */
    static final int BYTES = 32;
    /**
     * Spare bytes after the last table of an array: {@link VectorKernel} loads a table as one
     * vector of its species (64 bytes on AVX-512), so a load at the last table reads past it.
     * The lanes past 32 are never selected (indexes are below 32).
     */
    static final int PAD = 32;
    /** The table of every constant c at offset {@code c * BYTES}. */
    private static final byte[] ALL = new byte[256 * BYTES + PAD];

    static {
        for (int c = 0; c < 256; c++) {
            for (int n = 0; n < 16; n++) {
                ALL[c * BYTES + n] = (byte) Gf8.mul(c, n);
                ALL[c * BYTES + 16 + n] = (byte) Gf8.mul(c, n << 4);
            }
        }
    }

    private NibbleTables() {
    }

    /** Writes the table of constant {@code c} at {@code tables[offset .. offset + 32)}. */
    static void put(int c, byte[] tables, int offset) {
        if (VectorKernel.AVAILABLE) {
            VectorKernel.copyTable(ALL, c * BYTES, tables, offset);
        } else {
            System.arraycopy(ALL, c * BYTES, tables, offset, BYTES);
        }
    }

    /** The constant a table at {@code offset} was built from ({@code lo[1] = c × 1}). */
    static int constant(byte[] tables, int offset) {
        return tables[offset + 1] & 0xFF;
    }

    /** Every constant's table ({@code c} at {@code c * BYTES}); read-only. */
    static byte[] all() {
        return ALL;
    }
}
