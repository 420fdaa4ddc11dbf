package io.punktfunk.host.gamestream.audio;

/**
 * GameStream's audio FEC (gamestream.md §7): every 4 consecutive data packets get 2 parity shards
 * from a fixed Reed-Solomon matrix over GF(2^8) (polynomial 0x11D), not the nanors formula the
 * video uses:
 *
 * <pre>
 *  parity 0 = 0x77·D0 + 0x40·D1 + 0x38·D2 + 0x0e·D3
 *  parity 1 = 0xc7·D0 + 0xa7·D1 + 0x0d·D2 + 0x6c·D3      (+ is XOR)
 * </pre>
 *
 * over the (encrypted) payloads, byte by byte. With 8 constants, one 256-byte product row each
 * is all the field this needs. Allocation-free; immutable tables, so any thread.
 */
final class AudioFecEncoder {
    static final int DATA_SHARDS = 4;
    static final int PARITY_SHARDS = 2;
    static final int[][] MATRIX = {{0x77, 0x40, 0x38, 0x0e}, {0xc7, 0xa7, 0x0d, 0x6c}};

    /** {@code PRODUCTS[r][c][x] = MATRIX[r][c] × x}. */
    private static final byte[][][] PRODUCTS = new byte[PARITY_SHARDS][DATA_SHARDS][256];

    static {
        for (int r = 0; r < PARITY_SHARDS; r++) {
            for (int c = 0; c < DATA_SHARDS; c++) {
                for (int x = 0; x < 256; x++) {
                    PRODUCTS[r][c][x] = (byte) multiply(MATRIX[r][c], x);
                }
            }
        }
    }

    private AudioFecEncoder() {
    }

    /** GF(2^8) product by shift-and-add; used once per table entry. */
    static int multiply(int a, int b) {
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

    /**
     * Writes parity row {@code row} of the 4 shards ({@code data[i]} from {@code dataOffset}, each
     * {@code length} bytes; shorter ones count as zero-padded, per {@code lengths}) to
     * {@code out[outOffset, + length)}.
     */
    static void encode(int row, byte[][] data, int[] lengths, int dataOffset, int length, byte[] out, int outOffset) {
        byte[] p0 = PRODUCTS[row][0];
        byte[] p1 = PRODUCTS[row][1];
        byte[] p2 = PRODUCTS[row][2];
        byte[] p3 = PRODUCTS[row][3];
        for (int b = 0; b < length; b++) {
            int i = dataOffset + b;
            out[outOffset + b] = (byte) (p0[at(data[0], lengths[0], dataOffset, i)]
                    ^ p1[at(data[1], lengths[1], dataOffset, i)]
                    ^ p2[at(data[2], lengths[2], dataOffset, i)]
                    ^ p3[at(data[3], lengths[3], dataOffset, i)]);
        }
    }

    private static int at(byte[] shard, int length, int offset, int i) {
        return i - offset < length ? shard[i] & 0xFF : 0;
    }
}
