package io.punktfunk.core.fec.gf8;

/**
 * The portable GF(2^8) multiply kernel, one 256-byte product-table lookup per byte. It serves
 * shards shorter than one vector and CPUs whose vectors cannot hold a 32-byte nibble table; its
 * methods mirror {@link VectorKernel}'s and accept any length.
 */
final class ScalarKernel {
    private ScalarKernel() {
    }

    /** Same contract as {@link VectorKernel#multiply}, for any {@code len >= 1}. */
    static void multiply(byte[] tables, int rows, int cols, byte[][] in, byte[][] out, int len) {
        byte[] mul = Gf8.mulTable();
        for (int r = 0; r < rows; r++) {
            byte[] o = out[r];
            int t = r * cols * NibbleTables.BYTES;
            int row = NibbleTables.constant(tables, t) << 8;
            byte[] x = in[0];
            for (int i = 0; i < len; i++) {
                o[i] = mul[row | (x[i] & 0xFF)];
            }
            for (int c = 1; c < cols; c++) {
                row = NibbleTables.constant(tables, t + c * NibbleTables.BYTES) << 8;
                x = in[c];
                for (int i = 0; i < len; i++) {
                    o[i] ^= mul[row | (x[i] & 0xFF)];
                }
            }
        }
    }

    /** {@code a[dst + i] ^= c × a[src + i]} for i in [0, len). */
    static void mulAddRow(byte[] a, int dst, int src, int c, int len) {
        byte[] mul = Gf8.mulTable();
        int row = c << 8;
        for (int i = 0; i < len; i++) {
            a[dst + i] ^= mul[row | (a[src + i] & 0xFF)];
        }
    }

    /** {@code a[off + i] = c × a[off + i]} for i in [0, len). */
    static void scaleRow(byte[] a, int off, int c, int len) {
        byte[] mul = Gf8.mulTable();
        int row = c << 8;
        for (int i = 0; i < len; i++) {
            a[off + i] = mul[row | (a[off + i] & 0xFF)];
        }
    }
}
