package io.punktfunk.core.fec.gf16;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector kernels: GF(2^16) multiply-by-constant over 64-byte blocks (32 low bytes then 32 high
 * bytes, fec-anchor.md §5.2) and the FFT/IFFT butterflies built on it (§7.4).
 *
 * <p>Every method uses the one {@code static final} 256-bit species, so C2 keeps each kernel on the
 * intrinsic path (a species-generic kernel fell off it, §8). 256-bit {@code selectFrom} compiles to
 * one byte permute on AVX-512 VBMI; a 512-bit whole-block variant measured 25 % slower here.
 * Lengths are multiples of 64 and every offset is in range: callers check shapes first.
 */
final class Gf16Kernels {
    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_256;
    private static final byte[] T = Gf16MulTables.TABLES;
    private static final byte LOW_NIBBLE = 0x0F;
    private static final byte UPPER_TABLE = 0x10;

    private Gf16Kernels() {
    }

    /** {@code dst[0, len) ^= src[0, len)}. */
    static void xor(byte[] dst, int dOff, byte[] src, int sOff, int len) {
        for (int i = 0; i < len; i += 32) {
            ByteVector.fromArray(S, dst, dOff + i)
                    .lanewise(VectorOperators.XOR, ByteVector.fromArray(S, src, sOff + i))
                    .intoArray(dst, dOff + i);
        }
    }

    /** {@code dst = src * exp(logM)}; dst may be src at the same offset. */
    static void mul(byte[] dst, int dOff, byte[] src, int sOff, int len, int logM) {
        int t = Gf16MulTables.offset(logM);
        ByteVector l01 = ByteVector.fromArray(S, T, t);
        ByteVector l23 = ByteVector.fromArray(S, T, t + 32);
        ByteVector h01 = ByteVector.fromArray(S, T, t + 64);
        ByteVector h23 = ByteVector.fromArray(S, T, t + 96);
        for (int i = 0; i < len; i += 64) {
            ByteVector yl = ByteVector.fromArray(S, src, sOff + i);
            ByteVector yh = ByteVector.fromArray(S, src, sOff + i + 32);
            ByteVector n0 = yl.and(LOW_NIBBLE);
            ByteVector n1 = highNibble(yl);
            ByteVector n2 = yh.and(LOW_NIBBLE);
            ByteVector n3 = highNibble(yh);
            product(n0, n1, n2, n3, l01, l23).intoArray(dst, dOff + i);
            product(n0, n1, n2, n3, h01, h23).intoArray(dst, dOff + i + 32);
        }
    }

    /** {@code x ^= y * exp(logM)}. */
    static void mulAdd(byte[] x, int xOff, byte[] y, int yOff, int len, int logM) {
        int t = Gf16MulTables.offset(logM);
        ByteVector l01 = ByteVector.fromArray(S, T, t);
        ByteVector l23 = ByteVector.fromArray(S, T, t + 32);
        ByteVector h01 = ByteVector.fromArray(S, T, t + 64);
        ByteVector h23 = ByteVector.fromArray(S, T, t + 96);
        for (int i = 0; i < len; i += 64) {
            ByteVector yl = ByteVector.fromArray(S, y, yOff + i);
            ByteVector yh = ByteVector.fromArray(S, y, yOff + i + 32);
            ByteVector n0 = yl.and(LOW_NIBBLE);
            ByteVector n1 = highNibble(yl);
            ByteVector n2 = yh.and(LOW_NIBBLE);
            ByteVector n3 = highNibble(yh);
            ByteVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.XOR, product(n0, n1, n2, n3, l01, l23))
                    .intoArray(x, xOff + i);
            ByteVector.fromArray(S, x, xOff + i + 32).lanewise(VectorOperators.XOR, product(n0, n1, n2, n3, h01, h23))
                    .intoArray(x, xOff + i + 32);
        }
    }

    /** IFFT butterfly on b[x], b[y]: {@code y ^= x; x ^= y * exp(logM)}; logM is not 65535. */
    static void ifft2(byte[] b, int xOff, int yOff, int len, int logM) {
        int t = Gf16MulTables.offset(logM);
        ByteVector l01 = ByteVector.fromArray(S, T, t);
        ByteVector l23 = ByteVector.fromArray(S, T, t + 32);
        ByteVector h01 = ByteVector.fromArray(S, T, t + 64);
        ByteVector h23 = ByteVector.fromArray(S, T, t + 96);
        for (int i = 0; i < len; i += 64) {
            ByteVector xl = ByteVector.fromArray(S, b, xOff + i);
            ByteVector xh = ByteVector.fromArray(S, b, xOff + i + 32);
            ByteVector yl = ByteVector.fromArray(S, b, yOff + i).lanewise(VectorOperators.XOR, xl);
            ByteVector yh = ByteVector.fromArray(S, b, yOff + i + 32).lanewise(VectorOperators.XOR, xh);
            yl.intoArray(b, yOff + i);
            yh.intoArray(b, yOff + i + 32);
            ByteVector n0 = yl.and(LOW_NIBBLE);
            ByteVector n1 = highNibble(yl);
            ByteVector n2 = yh.and(LOW_NIBBLE);
            ByteVector n3 = highNibble(yh);
            xl.lanewise(VectorOperators.XOR, product(n0, n1, n2, n3, l01, l23)).intoArray(b, xOff + i);
            xh.lanewise(VectorOperators.XOR, product(n0, n1, n2, n3, h01, h23)).intoArray(b, xOff + i + 32);
        }
    }

    /** FFT butterfly on b[x], b[y]: {@code x ^= y * exp(logM); y ^= x}; logM is not 65535. */
    static void fft2(byte[] b, int xOff, int yOff, int len, int logM) {
        int t = Gf16MulTables.offset(logM);
        ByteVector l01 = ByteVector.fromArray(S, T, t);
        ByteVector l23 = ByteVector.fromArray(S, T, t + 32);
        ByteVector h01 = ByteVector.fromArray(S, T, t + 64);
        ByteVector h23 = ByteVector.fromArray(S, T, t + 96);
        for (int i = 0; i < len; i += 64) {
            ByteVector yl = ByteVector.fromArray(S, b, yOff + i);
            ByteVector yh = ByteVector.fromArray(S, b, yOff + i + 32);
            ByteVector n0 = yl.and(LOW_NIBBLE);
            ByteVector n1 = highNibble(yl);
            ByteVector n2 = yh.and(LOW_NIBBLE);
            ByteVector n3 = highNibble(yh);
            ByteVector xl = ByteVector.fromArray(S, b, xOff + i).lanewise(VectorOperators.XOR,
                    product(n0, n1, n2, n3, l01, l23));
            ByteVector xh = ByteVector.fromArray(S, b, xOff + i + 32).lanewise(VectorOperators.XOR,
                    product(n0, n1, n2, n3, h01, h23));
            xl.intoArray(b, xOff + i);
            xh.intoArray(b, xOff + i + 32);
            yl.lanewise(VectorOperators.XOR, xl).intoArray(b, yOff + i);
            yh.lanewise(VectorOperators.XOR, xh).intoArray(b, yOff + i + 32);
        }
    }

    // Nibble 1 (or 3) of each byte, offset into the upper half of a 32-byte table pair.
    private static ByteVector highNibble(ByteVector v) {
        return v.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                .and(LOW_NIBBLE).or(UPPER_TABLE);
    }

    private static ByteVector product(ByteVector n0, ByteVector n1, ByteVector n2, ByteVector n3,
                                      ByteVector t01, ByteVector t23) {
        return n0.selectFrom(t01).lanewise(VectorOperators.XOR, n1.selectFrom(t01))
                .lanewise(VectorOperators.XOR, n2.selectFrom(t23))
                .lanewise(VectorOperators.XOR, n3.selectFrom(t23));
    }
}
