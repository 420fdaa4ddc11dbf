package io.punktfunk.core.fec.gf16;

/**
 * Split-nibble multiply tables (Plank et al.; fec-anchor.md §7.2, §8), 128 bytes per log constant,
 * 8 MiB in all, built once per process on first use.
 *
 * <p>For constant c the 128 bytes at {@code offset(c)} are eight 16-entry tables: the low output
 * byte of x·16^p·c for nibble p = 0..3 (x = 0..15), then the high output byte for p = 0..3.
 * Nibbles 0, 1 are the symbol's low byte, 2, 3 its high byte. The array has 16 spare bytes at the
 * end so a 32-byte vector load of the last table stays in bounds.
 */
final class Gf16MulTables {
    static final int BYTES_PER_CONSTANT = 128;

    /** The tables of all 65536 log constants, 65535 being the identity. */
    static final byte[] TABLES = build();

    private Gf16MulTables() {
    }

    /** Offset of the tables of log constant {@code logM} in {@link #TABLES}. */
    static int offset(int logM) {
        return logM * BYTES_PER_CONSTANT;
    }

    private static byte[] build() {
        byte[] t = new byte[Gf16.ORDER * BYTES_PER_CONSTANT + 16];
        int[] products = new int[16];
        for (int logM = 0; logM < Gf16.ORDER; logM++) {
            int base = logM * BYTES_PER_CONSTANT;
            for (int nibble = 0; nibble < 4; nibble++) {
                // Multiplication is linear over XOR: 4 products per nibble give the other 12.
                products[0] = 0;
                for (int bit = 0; bit < 4; bit++) {
                    int p = Gf16.mulLog(1 << (4 * nibble + bit), logM);
                    for (int x = 0; x < 1 << bit; x++) {
                        products[x | 1 << bit] = products[x] ^ p;
                    }
                }
                for (int x = 0; x < 16; x++) {
                    t[base + 16 * nibble + x] = (byte) products[x];
                    t[base + 64 + 16 * nibble + x] = (byte) (products[x] >>> 8);
                }
            }
        }
        return t;
    }
}
