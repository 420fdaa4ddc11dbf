package io.punktfunk.core.fec.gf8;

/**
 * A deliberately plain model of the code, written from the formula and independent of the
 * production tables: shift-and-add multiplication modulo 0x11D, inverse by search, and parity
 * {@code j = Σ_i inverse((m + i) XOR j) × data_i}.
 */
final class SlowCauchyReference {
    private static final byte[] PRODUCTS = new byte[256 * 256];

    static {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                PRODUCTS[a << 8 | b] = (byte) shiftAndAdd(a, b);
            }
        }
    }

    private SlowCauchyReference() {
    }

    /** Carry-less multiply, reducing by x^8 + x^4 + x^3 + x^2 + 1 as bits overflow. */
    static int shiftAndAdd(int a, int b) {
        int product = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                product ^= a;
            }
            a <<= 1;
            if ((a & 0x100) != 0) {
                a ^= 0x11D;
            }
            b >>>= 1;
        }
        return product;
    }

    static int mul(int a, int b) {
        return PRODUCTS[a << 8 | b] & 0xFF;
    }

    static int inverse(int a) {
        for (int x = 1; x < 256; x++) {
            if (mul(a, x) == 1) {
                return x;
            }
        }
        throw new ArithmeticException("0 has no inverse");
    }

    /** The m recovery shards of {@code data[0..k)}, each {@code len} bytes. */
    static byte[][] parity(byte[][] data, int k, int m, int len) {
        byte[][] out = new byte[m][len];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < k; i++) {
                int c = inverse((m + i) ^ j);
                for (int b = 0; b < len; b++) {
                    out[j][b] ^= (byte) mul(c, data[i][b] & 0xFF);
                }
            }
        }
        return out;
    }
}
