package io.punktfunk.core.fec.gf16;

/**
 * Which of rs-simd's two layouts a block uses, as its {@code DefaultRate} picks it
 * ({@code src/rate/rate_default.rs}): high rate when NextPow2(k) > NextPow2(r), low rate when
 * smaller, and on a tie high rate if k ≤ r, low rate otherwise. Encoder and decoder must agree.
 */
enum Gf16Rate {
    /** Recovery chunk of NextPow2(r); originals sit after it in chunks of that size. */
    HIGH,
    /** Original chunk of NextPow2(k); recovery sits after it in chunks of that size. */
    LOW;

    static Gf16Rate of(int k, int r) {
        int kPow2 = nextPow2(k);
        int rPow2 = nextPow2(r);
        if (kPow2 != rPow2) {
            return kPow2 > rPow2 ? HIGH : LOW;
        }
        return k <= r ? HIGH : LOW;
    }

    /** Smallest power of two ≥ n, for 1 ≤ n ≤ 2^30. */
    static int nextPow2(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /** Shards in the decoder's transform: NextPow2(chunk + the other side's count). */
    static int decodeSize(int k, int r) {
        return of(k, r) == HIGH ? nextPow2(nextPow2(r) + k) : nextPow2(nextPow2(k) + r);
    }
}
