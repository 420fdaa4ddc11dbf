package io.punktfunk.core.fec.gf8;

/**
 * Arithmetic in GF(2^8) with the reduction polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and
 * generator 2, the field nanors (and so Moonlight) uses. Elements are ints in [0, 256).
 */
final class Gf8 {
    /** x^8 + x^4 + x^3 + x^2 + 1. */
    static final int POLYNOMIAL = 0x11D;

    /** {@code EXP[i] = 2^i}, doubled in length so {@code EXP[log a + log b]} needs no modulo. */
    private static final byte[] EXP = new byte[510];
    /** {@code LOG[a]} for a ≠ 0; {@code LOG[0]} is unused. */
    private static final int[] LOG = new int[256];
    /** {@code INV[a] = a^-1} for a ≠ 0; {@code INV[0] = 0} by convention (nanors' table does the same). */
    private static final byte[] INV = new byte[256];
    /** {@code MUL[(a << 8) | b] = a × b}: one 256-byte row per constant, for the scalar paths. */
    private static final byte[] MUL = new byte[256 * 256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = (byte) x;
            EXP[i + 255] = (byte) x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= POLYNOMIAL;
            }
        }
        for (int a = 1; a < 256; a++) {
            INV[a] = EXP[(255 - LOG[a]) % 255];
            for (int b = 1; b < 256; b++) {
                MUL[(a << 8) | b] = EXP[LOG[a] + LOG[b]];
            }
        }
    }

    private Gf8() {
    }

    static int mul(int a, int b) {
        return MUL[(a << 8) | b] & 0xFF;
    }

    /** The multiplicative inverse; 0 maps to 0 (callers never invert 0 on a valid path). */
    static int inv(int a) {
        return INV[a] & 0xFF;
    }

    /** The 256-entry product row of constant {@code c}, read-only: {@code c × b = row[(c << 8) | b]}. */
    static byte[] mulTable() {
        return MUL;
    }
}
