package io.punktfunk.core.fec.gf8;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Gf8Test {

    @Test
    void productsMatchShiftAndAddModulo0x11D() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertThat(Gf8.mul(a, b)).as("%d × %d", a, b).isEqualTo(SlowCauchyReference.shiftAndAdd(a, b));
            }
        }
    }

    @Test
    void everyNonZeroElementHasItsInverse() {
        for (int a = 1; a < 256; a++) {
            assertThat(SlowCauchyReference.shiftAndAdd(a, Gf8.inv(a))).as("%d × inv(%d)", a, a).isEqualTo(1);
        }
    }

    @Test
    void splitNibbleTablesRebuildEveryProduct() {
        byte[] tables = new byte[256 * NibbleTables.BYTES];
        for (int c = 0; c < 256; c++) {
            NibbleTables.put(c, tables, c * NibbleTables.BYTES);
        }
        for (int c = 0; c < 256; c++) {
            int t = c * NibbleTables.BYTES;
            assertThat(NibbleTables.constant(tables, t)).isEqualTo(c);
            for (int x = 0; x < 256; x++) {
                int product = (tables[t + (x & 15)] ^ tables[t + 16 + (x >>> 4)]) & 0xFF;
                assertThat(product).as("%d × %d", c, x).isEqualTo(SlowCauchyReference.shiftAndAdd(c, x));
            }
        }
    }
}
