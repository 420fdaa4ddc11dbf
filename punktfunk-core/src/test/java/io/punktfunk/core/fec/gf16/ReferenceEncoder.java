package io.punktfunk.core.fec.gf16;

/**
 * A slow, scalar encoder written straight from rs-simd's rate encoders and naive engine: one layer
 * at a time, no truncation, no pruning, symbols as ints. Tests compare the fast coder against it on
 * shapes the shared vectors do not cover. Shares only the field tables with the code under test.
 */
final class ReferenceEncoder {
    private ReferenceEncoder() {
    }

    static byte[][] encode(byte[][] originals, int k, int r, int shardBytes) {
        int symbols = shardBytes / 2;
        int[][] data = new int[k][];
        for (int i = 0; i < k; i++) {
            data[i] = toSymbols(originals[i], shardBytes);
        }
        int[][] rec = Gf16Rate.of(k, r) == Gf16Rate.HIGH ? high(data, k, r, symbols) : low(data, k, r, symbols);
        byte[][] out = new byte[r][];
        for (int j = 0; j < r; j++) {
            out[j] = fromSymbols(rec[j], shardBytes);
        }
        return out;
    }

    private static int[][] high(int[][] data, int k, int r, int symbols) {
        int m = Gf16Rate.nextPow2(r);
        int[][] acc = new int[m][symbols];
        for (int start = 0; start < k; start += m) {
            int[][] chunk = new int[m][symbols];
            for (int i = 0; i < m && start + i < k; i++) {
                chunk[i] = data[start + i].clone();
            }
            ifft(chunk, start + m);
            for (int i = 0; i < m; i++) {
                for (int s = 0; s < symbols; s++) {
                    acc[i][s] ^= chunk[i][s];
                }
            }
        }
        fft(acc, 0);
        return acc;
    }

    private static int[][] low(int[][] data, int k, int r, int symbols) {
        int c = Gf16Rate.nextPow2(k);
        int[][] coeff = new int[c][symbols];
        for (int i = 0; i < k; i++) {
            coeff[i] = data[i].clone();
        }
        ifft(coeff, 0);
        int[][] out = new int[r][];
        for (int start = 0; start < r; start += c) {
            int[][] chunk = new int[c][];
            for (int i = 0; i < c; i++) {
                chunk[i] = coeff[i].clone();
            }
            fft(chunk, start + c);
            for (int i = 0; i < c && start + i < r; i++) {
                out[start + i] = chunk[i];
            }
        }
        return out;
    }

    private static void ifft(int[][] v, int skewDelta) {
        for (int dist = 1; dist < v.length; dist <<= 1) {
            for (int g = 0; g < v.length; g += 2 * dist) {
                int log = Gf16.SKEW[skewDelta + g + dist - 1];
                for (int i = g; i < g + dist; i++) {
                    for (int s = 0; s < v[i].length; s++) {
                        v[i + dist][s] ^= v[i][s];
                        if (log != Gf16.MODULUS) {
                            v[i][s] ^= Gf16.mulLog(v[i + dist][s], log);
                        }
                    }
                }
            }
        }
    }

    private static void fft(int[][] v, int skewDelta) {
        for (int dist = v.length >> 1; dist > 0; dist >>= 1) {
            for (int g = 0; g < v.length; g += 2 * dist) {
                int log = Gf16.SKEW[skewDelta + g + dist - 1];
                for (int i = g; i < g + dist; i++) {
                    for (int s = 0; s < v[i].length; s++) {
                        if (log != Gf16.MODULUS) {
                            v[i][s] ^= Gf16.mulLog(v[i + dist][s], log);
                        }
                        v[i + dist][s] ^= v[i][s];
                    }
                }
            }
        }
    }

    /** Symbol s of a shard: low byte at 64·(s/32) + s%32, high 32 bytes later; tail per §5.3. */
    static int[] toSymbols(byte[] shard, int len) {
        int[] out = new int[len / 2];
        for (int s = 0; s < out.length; s++) {
            out[s] = (shard[lowAt(s, len)] & 0xFF) | (shard[highAt(s, len)] & 0xFF) << 8;
        }
        return out;
    }

    static byte[] fromSymbols(int[] symbols, int len) {
        byte[] out = new byte[len];
        for (int s = 0; s < symbols.length; s++) {
            out[lowAt(s, len)] = (byte) symbols[s];
            out[highAt(s, len)] = (byte) (symbols[s] >>> 8);
        }
        return out;
    }

    private static int lowAt(int s, int len) {
        int full = len & ~63;
        return 2 * s < full ? (s / 32) * 64 + s % 32 : full + (s - full / 2);
    }

    private static int highAt(int s, int len) {
        int full = len & ~63;
        return 2 * s < full ? (s / 32) * 64 + 32 + s % 32 : full + (len - full) / 2 + (s - full / 2);
    }
}
