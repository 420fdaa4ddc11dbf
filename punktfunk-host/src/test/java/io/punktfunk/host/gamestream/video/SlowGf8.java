package io.punktfunk.host.gamestream.video;

/** GF(2^8) over 0x11D by shift-and-add and inverse by search: a test-only reference, slow on purpose. */
final class SlowGf8 {
    private SlowGf8() {
    }

    static int mul(int a, int b) {
        int r = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                r ^= a;
            }
            a <<= 1;
            if ((a & 0x100) != 0) {
                a ^= 0x11D;
            }
            b >>= 1;
        }
        return r;
    }

    static int inv(int a) {
        for (int x = 1; x < 256; x++) {
            if (mul(a, x) == 1) {
                return x;
            }
        }
        throw new ArithmeticException("0 has no inverse");
    }
}
