package io.punktfunk.host.gamestream.client.audio;

/**
 * Rebuilds up to two missing payloads of a GameStream audio FEC block (4 data + 2 parity,
 * gamestream.md §7) from the fixed matrix rows {0x77, 0x40, 0x38, 0x0e} and {0xc7, 0xa7, 0x0d,
 * 0x6c}: with the known payloads moved to the right side, one missing payload is one division,
 * two are a 2 × 2 system solved per byte by Cramer's rule (+ and − are both XOR).
 */
final class AudioFecBlockDecoder {
    static final int[][] MATRIX = {{0x77, 0x40, 0x38, 0x0e}, {0xc7, 0xa7, 0x0d, 0x6c}};

    private AudioFecBlockDecoder() {
    }

    /**
     * @param data   4 payloads, null where missing; missing ones are filled in
     * @param parity 2 parity payloads, null where missing
     * @return how many payloads were rebuilt, or −1 if too many are missing
     */
    static int recover(byte[][] data, byte[][] parity, int length) {
        int[] missing = new int[4];
        int nMissing = 0;
        for (int i = 0; i < 4; i++) {
            if (data[i] == null) {
                missing[nMissing++] = i;
            }
        }
        if (nMissing == 0) {
            return 0;
        }
        int[] rows = new int[2];
        int nRows = 0;
        for (int r = 0; r < 2; r++) {
            if (parity[r] != null) {
                rows[nRows++] = r;
            }
        }
        if (nRows < nMissing || nMissing > 2) {
            return -1;
        }
        // syndrome[r] = parity[r] - sum of known data times the row
        byte[][] syndrome = new byte[nMissing][length];
        for (int e = 0; e < nMissing; e++) {
            int r = rows[e];
            for (int b = 0; b < length; b++) {
                int s = parity[r][b] & 0xFF;
                for (int i = 0; i < 4; i++) {
                    if (data[i] != null) {
                        s ^= Gf256.mul(MATRIX[r][i], data[i][b] & 0xFF);
                    }
                }
                syndrome[e][b] = (byte) s;
            }
        }
        if (nMissing == 1) {
            int c = MATRIX[rows[0]][missing[0]];
            byte[] out = new byte[length];
            for (int b = 0; b < length; b++) {
                out[b] = (byte) Gf256.div(syndrome[0][b] & 0xFF, c);
            }
            data[missing[0]] = out;
            return 1;
        }
        int a = MATRIX[rows[0]][missing[0]];
        int bq = MATRIX[rows[0]][missing[1]];
        int c = MATRIX[rows[1]][missing[0]];
        int d = MATRIX[rows[1]][missing[1]];
        int det = Gf256.mul(a, d) ^ Gf256.mul(bq, c);
        byte[] x = new byte[length];
        byte[] y = new byte[length];
        for (int b = 0; b < length; b++) {
            int s0 = syndrome[0][b] & 0xFF;
            int s1 = syndrome[1][b] & 0xFF;
            x[b] = (byte) Gf256.div(Gf256.mul(s0, d) ^ Gf256.mul(bq, s1), det);
            y[b] = (byte) Gf256.div(Gf256.mul(a, s1) ^ Gf256.mul(s0, c), det);
        }
        data[missing[0]] = x;
        data[missing[1]] = y;
        return 2;
    }
}
