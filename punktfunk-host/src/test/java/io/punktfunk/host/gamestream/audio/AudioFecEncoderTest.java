package io.punktfunk.host.gamestream.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AudioFecEncoderTest {

    private static int[] parityOf(int... data) {
        byte[][] shards = new byte[4][1];
        for (int i = 0; i < 4; i++) {
            shards[i][0] = (byte) data[i];
        }
        int[] out = new int[2];
        byte[] p = new byte[1];
        for (int row = 0; row < 2; row++) {
            AudioFecEncoder.encode(row, shards, new int[] {1, 1, 1, 1}, 0, 1, p, 0);
            out[row] = p[0] & 0xFF;
        }
        return out;
    }

    @Test
    void unitInputsGiveTheReferenceMatrixColumns() {
        // gamestream.md §7: rows {0x77, 0x40, 0x38, 0x0e} and {0xc7, 0xa7, 0x0d, 0x6c}
        assertThat(parityOf(1, 0, 0, 0)).containsExactly(0x77, 0xc7);
        assertThat(parityOf(0, 1, 0, 0)).containsExactly(0x40, 0xa7);
        assertThat(parityOf(0, 0, 1, 0)).containsExactly(0x38, 0x0d);
        assertThat(parityOf(0, 0, 0, 1)).containsExactly(0x0e, 0x6c);
    }

    @Test
    void theFieldIs0x11d() {
        assertThat(AudioFecEncoder.multiply(0x80, 2)).isEqualTo(0x1D); // x^8 = x^4 + x^3 + x^2 + 1
        assertThat(AudioFecEncoder.multiply(0x77, 1)).isEqualTo(0x77);
        assertThat(parityOf(2, 0, 0, 0)[0]).isEqualTo(AudioFecEncoder.multiply(0x77, 2));
    }

    @Test
    void parityIsLinearAndShortShardsCountAsZeroPadded() {
        SplittableRandom random = new SplittableRandom(7);
        byte[][] a = new byte[4][64];
        byte[][] b = new byte[4][64];
        byte[][] sum = new byte[4][64];
        for (int i = 0; i < 4; i++) {
            random.nextBytes(a[i]);
            random.nextBytes(b[i]);
            for (int j = 0; j < 64; j++) {
                sum[i][j] = (byte) (a[i][j] ^ b[i][j]);
            }
        }
        int[] full = {64, 64, 64, 64};
        for (int row = 0; row < 2; row++) {
            byte[] pa = new byte[64];
            byte[] pb = new byte[64];
            byte[] ps = new byte[64];
            AudioFecEncoder.encode(row, a, full, 0, 64, pa, 0);
            AudioFecEncoder.encode(row, b, full, 0, 64, pb, 0);
            AudioFecEncoder.encode(row, sum, full, 0, 64, ps, 0);
            for (int j = 0; j < 64; j++) {
                assertThat(ps[j]).isEqualTo((byte) (pa[j] ^ pb[j]));
            }
        }
        byte[][] shortOne = {a[0], a[1], a[2].clone(), a[3]};
        java.util.Arrays.fill(shortOne[2], 40, 64, (byte) 0);
        byte[] padded = new byte[64];
        byte[] declaredShort = new byte[64];
        AudioFecEncoder.encode(0, shortOne, full, 0, 64, padded, 0);
        AudioFecEncoder.encode(0, a, new int[] {64, 64, 40, 64}, 0, 64, declaredShort, 0);
        assertThat(declaredShort).isEqualTo(padded);
    }
}
