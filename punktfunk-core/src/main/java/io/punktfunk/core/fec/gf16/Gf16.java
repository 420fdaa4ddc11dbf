package io.punktfunk.core.fec.gf16;

/**
 * GF(2^16) with polynomial 0x1002D, symbols in Cantor-basis coordinates (fec-anchor.md §7.1;
 * rs-simd {@code src/engine/tables.rs}). Logs are kept mod 65535, where 65535 also means 0; as a
 * butterfly skew, 65535 means "multiply by zero", i.e. XOR only.
 */
final class Gf16 {
    static final int ORDER = 65536;
    static final int MODULUS = 65535;
    private static final int POLYNOMIAL = 0x1002D;
    private static final int[] CANTOR_BASIS = {
        0x0001, 0xACCA, 0x3C0E, 0x163E, 0xC582, 0xED2E, 0x914C, 0x4012,
        0x6C98, 0x10D8, 0x6A72, 0xB900, 0xFDB8, 0xFB34, 0xFF38, 0x991E,
    };

    /** LOG[v] = discrete log of the element with Cantor coordinates v; LOG[0] = 65535. */
    static final char[] LOG = new char[ORDER];
    /** EXP[LOG[v]] = v; EXP[65535] = EXP[0] = 1. */
    static final char[] EXP = new char[ORDER];
    /** FFT twist factors as logs, indexed P + group + dist - 1 (fec-anchor.md §7.2, §7.4). */
    static final char[] SKEW = new char[MODULUS];

    static {
        int[] polyLog = new int[ORDER];
        int state = 1;
        for (int i = 0; i < MODULUS; i++) {
            polyLog[state] = i;
            state <<= 1;
            if (state >= ORDER) {
                state ^= POLYNOMIAL;
            }
        }
        polyLog[0] = MODULUS;
        int[] cantorToPoly = new int[ORDER];
        for (int bit = 0; bit < 16; bit++) {
            int width = 1 << bit;
            for (int j = 0; j < width; j++) {
                cantorToPoly[j + width] = cantorToPoly[j] ^ CANTOR_BASIS[bit];
            }
        }
        for (int v = 0; v < ORDER; v++) {
            LOG[v] = (char) polyLog[cantorToPoly[v]];
        }
        for (int v = 0; v < ORDER; v++) {
            EXP[LOG[v]] = (char) v;
        }
        EXP[MODULUS] = EXP[0];
        buildSkew();
    }

    private Gf16() {
    }

    /** (a + b) mod 65535 with partial reduction; 65535 may come out and equals 0. */
    static int addMod(int a, int b) {
        int sum = a + b;
        return (sum + (sum >>> 16)) & 0xFFFF;
    }

    /** a times the element whose log is logM. */
    static int mulLog(int a, int logM) {
        return a == 0 ? 0 : EXP[addMod(LOG[a], logM)];
    }

    // Leopard's construction: normalised subspace-vanishing polynomials evaluated on the basis.
    private static void buildSkew() {
        int[] skew = new int[MODULUS];
        int[] temp = new int[15];
        for (int i = 1; i < 16; i++) {
            temp[i - 1] = 1 << i;
        }
        for (int m = 0; m < 15; m++) {
            int step = 1 << (m + 1);
            skew[(1 << m) - 1] = 0;
            for (int i = m; i < 15; i++) {
                int s = 1 << (i + 1);
                for (int j = (1 << m) - 1; j < s; j += step) {
                    skew[j + s] = skew[j] ^ temp[i];
                }
            }
            temp[m] = MODULUS - LOG[mulLog(temp[m], LOG[temp[m] ^ 1])];
            for (int i = m + 1; i < 15; i++) {
                int sum = addMod(LOG[temp[i] ^ 1], temp[m]);
                temp[i] = mulLog(temp[i], sum);
            }
        }
        for (int i = 0; i < MODULUS; i++) {
            SKEW[i] = LOG[skew[i]];
        }
    }
}
