package io.punktfunk.core.fec.gf16;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector kernels: GF(2^16) multiply-by-constant over 64-byte blocks (32 low bytes then 32 high
 * bytes, fec-anchor.md §5.2) and the FFT/IFFT butterflies built on it (§7.4), one and two layers.
 *
 * <p>A product looks each of a symbol's four nibbles up in the constant's {@link Gf16MulTables}
 * (one byte permute per nibble and output byte) and XORs the four. Every method uses the one
 * {@code static final} 256-bit species so C2 keeps it on the intrinsic path (a species-generic
 * kernel fell off it, §8), and the multiply is written out in each kernel rather than called: a
 * helper that C2 does not inline gets its vectors boxed. A 512-bit whole-block variant measured
 * 25 % slower on Zen 4. Lengths are multiples of 64 and all offsets in range: callers check shapes.
 */
final class Gf16Kernels {
    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_256;
    private static final byte[] T = Gf16MulTables.TABLES;
    private static final byte NIB = 0x0F;
    private static final byte UPPER = 0x10;

    private Gf16Kernels() {
    }

    /** {@code dst[0, len) ^= src[0, len)}. */
    static void xor(byte[] dst, int dOff, byte[] src, int sOff, int len) {
        for (int i = 0; i < len; i += 32) {
            ByteVector.fromArray(S, dst, dOff + i).lanewise(XOR, ByteVector.fromArray(S, src, sOff + i))
                    .intoArray(dst, dOff + i);
        }
    }

    /** {@code b[dst, dst + len) ^= XOR over s < count of b[src[s], src[s] + len)}: one write per block. */
    static void xorSum(byte[] b, int dst, int[] src, int count, int len) {
        int i = 0;
        for (; i + 128 <= len; i += 128) {
            int at = dst + i;
            ByteVector a0 = ByteVector.fromArray(S, b, at);
            ByteVector a1 = ByteVector.fromArray(S, b, at + 32);
            ByteVector a2 = ByteVector.fromArray(S, b, at + 64);
            ByteVector a3 = ByteVector.fromArray(S, b, at + 96);
            for (int s = 0; s < count; s++) {
                int from = src[s] + i;
                a0 = a0.lanewise(XOR, ByteVector.fromArray(S, b, from));
                a1 = a1.lanewise(XOR, ByteVector.fromArray(S, b, from + 32));
                a2 = a2.lanewise(XOR, ByteVector.fromArray(S, b, from + 64));
                a3 = a3.lanewise(XOR, ByteVector.fromArray(S, b, from + 96));
            }
            a0.intoArray(b, at);
            a1.intoArray(b, at + 32);
            a2.intoArray(b, at + 64);
            a3.intoArray(b, at + 96);
        }
        if (i < len) { // one 64-byte block left
            int at = dst + i;
            ByteVector a0 = ByteVector.fromArray(S, b, at);
            ByteVector a1 = ByteVector.fromArray(S, b, at + 32);
            for (int s = 0; s < count; s++) {
                int from = src[s] + i;
                a0 = a0.lanewise(XOR, ByteVector.fromArray(S, b, from));
                a1 = a1.lanewise(XOR, ByteVector.fromArray(S, b, from + 32));
            }
            a0.intoArray(b, at);
            a1.intoArray(b, at + 32);
        }
    }

    /** {@code dst = src * exp(logM)}; dst may be src at the same offset. */
    static void mul(byte[] dst, int dOff, byte[] src, int sOff, int len, int logM) {
        int mAt = Gf16MulTables.offset(logM);
        ByteVector mL01 = ByteVector.fromArray(S, T, mAt);
        ByteVector mL23 = ByteVector.fromArray(S, T, mAt + 32);
        ByteVector mH01 = ByteVector.fromArray(S, T, mAt + 64);
        ByteVector mH23 = ByteVector.fromArray(S, T, mAt + 96);
        for (int i = 0; i < len; i += 64) {
            ByteVector yl = ByteVector.fromArray(S, src, sOff + i);
            ByteVector yh = ByteVector.fromArray(S, src, sOff + i + 32);
            ByteVector pn0 = yl.and(NIB);
            ByteVector pn1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pn2 = yh.and(NIB);
            ByteVector pn3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pl = pn0.selectFrom(mL01).lanewise(XOR, pn1.selectFrom(mL01))
                    .lanewise(XOR, pn2.selectFrom(mL23)).lanewise(XOR, pn3.selectFrom(mL23));
            ByteVector ph = pn0.selectFrom(mH01).lanewise(XOR, pn1.selectFrom(mH01))
                    .lanewise(XOR, pn2.selectFrom(mH23)).lanewise(XOR, pn3.selectFrom(mH23));
            pl.intoArray(dst, dOff + i);
            ph.intoArray(dst, dOff + i + 32);
        }
    }

    /** IFFT butterfly: {@code y ^= x; x ^= y * exp(logM)}; logM is not 65535. */
    static void ifft2(byte[] b, int xOff, int yOff, int len, int logM) {
        int mAt = Gf16MulTables.offset(logM);
        ByteVector mL01 = ByteVector.fromArray(S, T, mAt);
        ByteVector mL23 = ByteVector.fromArray(S, T, mAt + 32);
        ByteVector mH01 = ByteVector.fromArray(S, T, mAt + 64);
        ByteVector mH23 = ByteVector.fromArray(S, T, mAt + 96);
        for (int i = 0; i < len; i += 64) {
            ByteVector xl = ByteVector.fromArray(S, b, xOff + i);
            ByteVector xh = ByteVector.fromArray(S, b, xOff + i + 32);
            ByteVector yl = ByteVector.fromArray(S, b, yOff + i);
            ByteVector yh = ByteVector.fromArray(S, b, yOff + i + 32);
            yl = yl.lanewise(XOR, xl);
            yh = yh.lanewise(XOR, xh);
            yl.intoArray(b, yOff + i);
            yh.intoArray(b, yOff + i + 32);
            ByteVector pn0 = yl.and(NIB);
            ByteVector pn1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pn2 = yh.and(NIB);
            ByteVector pn3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pl = pn0.selectFrom(mL01).lanewise(XOR, pn1.selectFrom(mL01))
                    .lanewise(XOR, pn2.selectFrom(mL23)).lanewise(XOR, pn3.selectFrom(mL23));
            ByteVector ph = pn0.selectFrom(mH01).lanewise(XOR, pn1.selectFrom(mH01))
                    .lanewise(XOR, pn2.selectFrom(mH23)).lanewise(XOR, pn3.selectFrom(mH23));
            xl = xl.lanewise(XOR, pl);
            xh = xh.lanewise(XOR, ph);
            xl.intoArray(b, xOff + i);
            xh.intoArray(b, xOff + i + 32);
        }
    }

    /** FFT butterfly: {@code x ^= y * exp(logM); y ^= x}; logM is not 65535. */
    static void fft2(byte[] b, int xOff, int yOff, int len, int logM) {
        int mAt = Gf16MulTables.offset(logM);
        ByteVector mL01 = ByteVector.fromArray(S, T, mAt);
        ByteVector mL23 = ByteVector.fromArray(S, T, mAt + 32);
        ByteVector mH01 = ByteVector.fromArray(S, T, mAt + 64);
        ByteVector mH23 = ByteVector.fromArray(S, T, mAt + 96);
        for (int i = 0; i < len; i += 64) {
            ByteVector xl = ByteVector.fromArray(S, b, xOff + i);
            ByteVector xh = ByteVector.fromArray(S, b, xOff + i + 32);
            ByteVector yl = ByteVector.fromArray(S, b, yOff + i);
            ByteVector yh = ByteVector.fromArray(S, b, yOff + i + 32);
            ByteVector pn0 = yl.and(NIB);
            ByteVector pn1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pn2 = yh.and(NIB);
            ByteVector pn3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pl = pn0.selectFrom(mL01).lanewise(XOR, pn1.selectFrom(mL01))
                    .lanewise(XOR, pn2.selectFrom(mL23)).lanewise(XOR, pn3.selectFrom(mL23));
            ByteVector ph = pn0.selectFrom(mH01).lanewise(XOR, pn1.selectFrom(mH01))
                    .lanewise(XOR, pn2.selectFrom(mH23)).lanewise(XOR, pn3.selectFrom(mH23));
            xl = xl.lanewise(XOR, pl);
            xh = xh.lanewise(XOR, ph);
            xl.intoArray(b, xOff + i);
            xh.intoArray(b, xOff + i + 32);
            yl = yl.lanewise(XOR, xl);
            yh = yh.lanewise(XOR, xh);
            yl.intoArray(b, yOff + i);
            yh.intoArray(b, yOff + i + 32);
        }
    }

    /**
     * Two IFFT layers on shards s0..s3 = o, o + span, o + 2 span, o + 3 span (Leopard's DIT4):
     * (s0, s1) with log01 and (s2, s3) with log23, then (s0, s2) and (s1, s3) with log02. Each block
     * stays in registers for both layers. No log is 65535.
     */
    static void ifft4(byte[] b, int o, int span, int len, int log01, int log23, int log02) {
        int aAt = Gf16MulTables.offset(log01);
        ByteVector aL01 = ByteVector.fromArray(S, T, aAt);
        ByteVector aL23 = ByteVector.fromArray(S, T, aAt + 32);
        ByteVector aH01 = ByteVector.fromArray(S, T, aAt + 64);
        ByteVector aH23 = ByteVector.fromArray(S, T, aAt + 96);
        int cAt = Gf16MulTables.offset(log23);
        ByteVector cL01 = ByteVector.fromArray(S, T, cAt);
        ByteVector cL23 = ByteVector.fromArray(S, T, cAt + 32);
        ByteVector cH01 = ByteVector.fromArray(S, T, cAt + 64);
        ByteVector cH23 = ByteVector.fromArray(S, T, cAt + 96);
        int eAt = Gf16MulTables.offset(log02);
        ByteVector eL01 = ByteVector.fromArray(S, T, eAt);
        ByteVector eL23 = ByteVector.fromArray(S, T, eAt + 32);
        ByteVector eH01 = ByteVector.fromArray(S, T, eAt + 64);
        ByteVector eH23 = ByteVector.fromArray(S, T, eAt + 96);
        for (int i = o; i < o + len; i += 64) {
            ByteVector s0l = ByteVector.fromArray(S, b, i);
            ByteVector s0h = ByteVector.fromArray(S, b, i + 32);
            ByteVector s1l = ByteVector.fromArray(S, b, i + span);
            ByteVector s1h = ByteVector.fromArray(S, b, i + span + 32);
            ByteVector s2l = ByteVector.fromArray(S, b, i + 2 * span);
            ByteVector s2h = ByteVector.fromArray(S, b, i + 2 * span + 32);
            ByteVector s3l = ByteVector.fromArray(S, b, i + 3 * span);
            ByteVector s3h = ByteVector.fromArray(S, b, i + 3 * span + 32);
            s1l = s1l.lanewise(XOR, s0l);
            s1h = s1h.lanewise(XOR, s0h);
            ByteVector pn0 = s1l.and(NIB);
            ByteVector pn1 = s1l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pn2 = s1h.and(NIB);
            ByteVector pn3 = s1h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pl = pn0.selectFrom(aL01).lanewise(XOR, pn1.selectFrom(aL01))
                    .lanewise(XOR, pn2.selectFrom(aL23)).lanewise(XOR, pn3.selectFrom(aL23));
            ByteVector ph = pn0.selectFrom(aH01).lanewise(XOR, pn1.selectFrom(aH01))
                    .lanewise(XOR, pn2.selectFrom(aH23)).lanewise(XOR, pn3.selectFrom(aH23));
            s0l = s0l.lanewise(XOR, pl);
            s0h = s0h.lanewise(XOR, ph);
            s3l = s3l.lanewise(XOR, s2l);
            s3h = s3h.lanewise(XOR, s2h);
            ByteVector qn0 = s3l.and(NIB);
            ByteVector qn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector qn2 = s3h.and(NIB);
            ByteVector qn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector ql = qn0.selectFrom(cL01).lanewise(XOR, qn1.selectFrom(cL01))
                    .lanewise(XOR, qn2.selectFrom(cL23)).lanewise(XOR, qn3.selectFrom(cL23));
            ByteVector qh = qn0.selectFrom(cH01).lanewise(XOR, qn1.selectFrom(cH01))
                    .lanewise(XOR, qn2.selectFrom(cH23)).lanewise(XOR, qn3.selectFrom(cH23));
            s2l = s2l.lanewise(XOR, ql);
            s2h = s2h.lanewise(XOR, qh);
            s2l = s2l.lanewise(XOR, s0l);
            s2h = s2h.lanewise(XOR, s0h);
            ByteVector un0 = s2l.and(NIB);
            ByteVector un1 = s2l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector un2 = s2h.and(NIB);
            ByteVector un3 = s2h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector ul = un0.selectFrom(eL01).lanewise(XOR, un1.selectFrom(eL01))
                    .lanewise(XOR, un2.selectFrom(eL23)).lanewise(XOR, un3.selectFrom(eL23));
            ByteVector uh = un0.selectFrom(eH01).lanewise(XOR, un1.selectFrom(eH01))
                    .lanewise(XOR, un2.selectFrom(eH23)).lanewise(XOR, un3.selectFrom(eH23));
            s0l = s0l.lanewise(XOR, ul);
            s0h = s0h.lanewise(XOR, uh);
            s3l = s3l.lanewise(XOR, s1l);
            s3h = s3h.lanewise(XOR, s1h);
            ByteVector vn0 = s3l.and(NIB);
            ByteVector vn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector vn2 = s3h.and(NIB);
            ByteVector vn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector vl = vn0.selectFrom(eL01).lanewise(XOR, vn1.selectFrom(eL01))
                    .lanewise(XOR, vn2.selectFrom(eL23)).lanewise(XOR, vn3.selectFrom(eL23));
            ByteVector vh = vn0.selectFrom(eH01).lanewise(XOR, vn1.selectFrom(eH01))
                    .lanewise(XOR, vn2.selectFrom(eH23)).lanewise(XOR, vn3.selectFrom(eH23));
            s1l = s1l.lanewise(XOR, vl);
            s1h = s1h.lanewise(XOR, vh);
            s0l.intoArray(b, i);
            s0h.intoArray(b, i + 32);
            s1l.intoArray(b, i + span);
            s1h.intoArray(b, i + span + 32);
            s2l.intoArray(b, i + 2 * span);
            s2h.intoArray(b, i + 2 * span + 32);
            s3l.intoArray(b, i + 3 * span);
            s3h.intoArray(b, i + 3 * span + 32);
        }
    }

    /**
     * Two FFT layers on shards s0..s3 as in {@link #ifft4}, in the opposite order: (s0, s2) and
     * (s1, s3) with log02, then (s0, s1) with log01 and (s2, s3) with log23. No log is 65535.
     */
    static void fft4(byte[] b, int o, int span, int len, int log01, int log23, int log02) {
        int aAt = Gf16MulTables.offset(log01);
        ByteVector aL01 = ByteVector.fromArray(S, T, aAt);
        ByteVector aL23 = ByteVector.fromArray(S, T, aAt + 32);
        ByteVector aH01 = ByteVector.fromArray(S, T, aAt + 64);
        ByteVector aH23 = ByteVector.fromArray(S, T, aAt + 96);
        int cAt = Gf16MulTables.offset(log23);
        ByteVector cL01 = ByteVector.fromArray(S, T, cAt);
        ByteVector cL23 = ByteVector.fromArray(S, T, cAt + 32);
        ByteVector cH01 = ByteVector.fromArray(S, T, cAt + 64);
        ByteVector cH23 = ByteVector.fromArray(S, T, cAt + 96);
        int eAt = Gf16MulTables.offset(log02);
        ByteVector eL01 = ByteVector.fromArray(S, T, eAt);
        ByteVector eL23 = ByteVector.fromArray(S, T, eAt + 32);
        ByteVector eH01 = ByteVector.fromArray(S, T, eAt + 64);
        ByteVector eH23 = ByteVector.fromArray(S, T, eAt + 96);
        for (int i = o; i < o + len; i += 64) {
            ByteVector s0l = ByteVector.fromArray(S, b, i);
            ByteVector s0h = ByteVector.fromArray(S, b, i + 32);
            ByteVector s1l = ByteVector.fromArray(S, b, i + span);
            ByteVector s1h = ByteVector.fromArray(S, b, i + span + 32);
            ByteVector s2l = ByteVector.fromArray(S, b, i + 2 * span);
            ByteVector s2h = ByteVector.fromArray(S, b, i + 2 * span + 32);
            ByteVector s3l = ByteVector.fromArray(S, b, i + 3 * span);
            ByteVector s3h = ByteVector.fromArray(S, b, i + 3 * span + 32);
            ByteVector un0 = s2l.and(NIB);
            ByteVector un1 = s2l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector un2 = s2h.and(NIB);
            ByteVector un3 = s2h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector ul = un0.selectFrom(eL01).lanewise(XOR, un1.selectFrom(eL01))
                    .lanewise(XOR, un2.selectFrom(eL23)).lanewise(XOR, un3.selectFrom(eL23));
            ByteVector uh = un0.selectFrom(eH01).lanewise(XOR, un1.selectFrom(eH01))
                    .lanewise(XOR, un2.selectFrom(eH23)).lanewise(XOR, un3.selectFrom(eH23));
            s0l = s0l.lanewise(XOR, ul);
            s0h = s0h.lanewise(XOR, uh);
            s2l = s2l.lanewise(XOR, s0l);
            s2h = s2h.lanewise(XOR, s0h);
            ByteVector vn0 = s3l.and(NIB);
            ByteVector vn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector vn2 = s3h.and(NIB);
            ByteVector vn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector vl = vn0.selectFrom(eL01).lanewise(XOR, vn1.selectFrom(eL01))
                    .lanewise(XOR, vn2.selectFrom(eL23)).lanewise(XOR, vn3.selectFrom(eL23));
            ByteVector vh = vn0.selectFrom(eH01).lanewise(XOR, vn1.selectFrom(eH01))
                    .lanewise(XOR, vn2.selectFrom(eH23)).lanewise(XOR, vn3.selectFrom(eH23));
            s1l = s1l.lanewise(XOR, vl);
            s1h = s1h.lanewise(XOR, vh);
            s3l = s3l.lanewise(XOR, s1l);
            s3h = s3h.lanewise(XOR, s1h);
            ByteVector pn0 = s1l.and(NIB);
            ByteVector pn1 = s1l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pn2 = s1h.and(NIB);
            ByteVector pn3 = s1h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pl = pn0.selectFrom(aL01).lanewise(XOR, pn1.selectFrom(aL01))
                    .lanewise(XOR, pn2.selectFrom(aL23)).lanewise(XOR, pn3.selectFrom(aL23));
            ByteVector ph = pn0.selectFrom(aH01).lanewise(XOR, pn1.selectFrom(aH01))
                    .lanewise(XOR, pn2.selectFrom(aH23)).lanewise(XOR, pn3.selectFrom(aH23));
            s0l = s0l.lanewise(XOR, pl);
            s0h = s0h.lanewise(XOR, ph);
            s1l = s1l.lanewise(XOR, s0l);
            s1h = s1h.lanewise(XOR, s0h);
            ByteVector qn0 = s3l.and(NIB);
            ByteVector qn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector qn2 = s3h.and(NIB);
            ByteVector qn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector ql = qn0.selectFrom(cL01).lanewise(XOR, qn1.selectFrom(cL01))
                    .lanewise(XOR, qn2.selectFrom(cL23)).lanewise(XOR, qn3.selectFrom(cL23));
            ByteVector qh = qn0.selectFrom(cH01).lanewise(XOR, qn1.selectFrom(cH01))
                    .lanewise(XOR, qn2.selectFrom(cH23)).lanewise(XOR, qn3.selectFrom(cH23));
            s2l = s2l.lanewise(XOR, ql);
            s2h = s2h.lanewise(XOR, qh);
            s3l = s3l.lanewise(XOR, s2l);
            s3h = s3h.lanewise(XOR, s2h);
            s0l.intoArray(b, i);
            s0h.intoArray(b, i + 32);
            s1l.intoArray(b, i + span);
            s1h.intoArray(b, i + span + 32);
            s2l.intoArray(b, i + 2 * span);
            s2h.intoArray(b, i + 2 * span + 32);
            s3l.intoArray(b, i + 3 * span);
            s3h.intoArray(b, i + 3 * span + 32);
        }
    }

    /**
     * {@link #ifft2} whose results are XORed into the shards at {@code acc} and {@code acc + (y - x)}
     * instead of being stored: the last IFFT layer of a chunk fused with adding it to the encoder's
     * accumulator. logM is not 65535.
     */
    static void ifft2Acc(byte[] b, int xOff, int yOff, int len, int logM, int acc) {
        int mAt = Gf16MulTables.offset(logM);
        ByteVector mL01 = ByteVector.fromArray(S, T, mAt);
        ByteVector mL23 = ByteVector.fromArray(S, T, mAt + 32);
        ByteVector mH01 = ByteVector.fromArray(S, T, mAt + 64);
        ByteVector mH23 = ByteVector.fromArray(S, T, mAt + 96);
        int accY = acc + (yOff - xOff);
        for (int i = 0; i < len; i += 64) {
            ByteVector xl = ByteVector.fromArray(S, b, xOff + i);
            ByteVector xh = ByteVector.fromArray(S, b, xOff + i + 32);
            ByteVector yl = ByteVector.fromArray(S, b, yOff + i);
            ByteVector yh = ByteVector.fromArray(S, b, yOff + i + 32);
            yl = yl.lanewise(XOR, xl);
            yh = yh.lanewise(XOR, xh);
            ByteVector pn0 = yl.and(NIB);
            ByteVector pn1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pn2 = yh.and(NIB);
            ByteVector pn3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pl = pn0.selectFrom(mL01).lanewise(XOR, pn1.selectFrom(mL01))
                    .lanewise(XOR, pn2.selectFrom(mL23)).lanewise(XOR, pn3.selectFrom(mL23));
            ByteVector ph = pn0.selectFrom(mH01).lanewise(XOR, pn1.selectFrom(mH01))
                    .lanewise(XOR, pn2.selectFrom(mH23)).lanewise(XOR, pn3.selectFrom(mH23));
            xl = xl.lanewise(XOR, pl);
            xh = xh.lanewise(XOR, ph);
            ByteVector.fromArray(S, b, acc + i).lanewise(XOR, xl).intoArray(b, acc + i);
            ByteVector.fromArray(S, b, acc + i + 32).lanewise(XOR, xh).intoArray(b, acc + i + 32);
            ByteVector.fromArray(S, b, accY + i).lanewise(XOR, yl).intoArray(b, accY + i);
            ByteVector.fromArray(S, b, accY + i + 32).lanewise(XOR, yh).intoArray(b, accY + i + 32);
        }
    }

    /**
     * {@link #ifft4} whose four results are XORed into the shards at {@code acc + j * span}
     * instead of being stored (see {@link #ifft2Acc}). No log is 65535.
     */
    static void ifft4Acc(byte[] b, int o, int span, int len, int log01, int log23, int log02, int acc) {
        int aAt = Gf16MulTables.offset(log01);
        ByteVector aL01 = ByteVector.fromArray(S, T, aAt);
        ByteVector aL23 = ByteVector.fromArray(S, T, aAt + 32);
        ByteVector aH01 = ByteVector.fromArray(S, T, aAt + 64);
        ByteVector aH23 = ByteVector.fromArray(S, T, aAt + 96);
        int cAt = Gf16MulTables.offset(log23);
        ByteVector cL01 = ByteVector.fromArray(S, T, cAt);
        ByteVector cL23 = ByteVector.fromArray(S, T, cAt + 32);
        ByteVector cH01 = ByteVector.fromArray(S, T, cAt + 64);
        ByteVector cH23 = ByteVector.fromArray(S, T, cAt + 96);
        int eAt = Gf16MulTables.offset(log02);
        ByteVector eL01 = ByteVector.fromArray(S, T, eAt);
        ByteVector eL23 = ByteVector.fromArray(S, T, eAt + 32);
        ByteVector eH01 = ByteVector.fromArray(S, T, eAt + 64);
        ByteVector eH23 = ByteVector.fromArray(S, T, eAt + 96);
        for (int i = 0; i < len; i += 64) {
            int at = o + i;
            int to = acc + i;
            ByteVector s0l = ByteVector.fromArray(S, b, at);
            ByteVector s0h = ByteVector.fromArray(S, b, at + 32);
            ByteVector s1l = ByteVector.fromArray(S, b, at + span);
            ByteVector s1h = ByteVector.fromArray(S, b, at + span + 32);
            ByteVector s2l = ByteVector.fromArray(S, b, at + 2 * span);
            ByteVector s2h = ByteVector.fromArray(S, b, at + 2 * span + 32);
            ByteVector s3l = ByteVector.fromArray(S, b, at + 3 * span);
            ByteVector s3h = ByteVector.fromArray(S, b, at + 3 * span + 32);
            s1l = s1l.lanewise(XOR, s0l);
            s1h = s1h.lanewise(XOR, s0h);
            ByteVector pn0 = s1l.and(NIB);
            ByteVector pn1 = s1l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pn2 = s1h.and(NIB);
            ByteVector pn3 = s1h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector pl = pn0.selectFrom(aL01).lanewise(XOR, pn1.selectFrom(aL01))
                    .lanewise(XOR, pn2.selectFrom(aL23)).lanewise(XOR, pn3.selectFrom(aL23));
            ByteVector ph = pn0.selectFrom(aH01).lanewise(XOR, pn1.selectFrom(aH01))
                    .lanewise(XOR, pn2.selectFrom(aH23)).lanewise(XOR, pn3.selectFrom(aH23));
            s0l = s0l.lanewise(XOR, pl);
            s0h = s0h.lanewise(XOR, ph);
            s3l = s3l.lanewise(XOR, s2l);
            s3h = s3h.lanewise(XOR, s2h);
            ByteVector qn0 = s3l.and(NIB);
            ByteVector qn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector qn2 = s3h.and(NIB);
            ByteVector qn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector ql = qn0.selectFrom(cL01).lanewise(XOR, qn1.selectFrom(cL01))
                    .lanewise(XOR, qn2.selectFrom(cL23)).lanewise(XOR, qn3.selectFrom(cL23));
            ByteVector qh = qn0.selectFrom(cH01).lanewise(XOR, qn1.selectFrom(cH01))
                    .lanewise(XOR, qn2.selectFrom(cH23)).lanewise(XOR, qn3.selectFrom(cH23));
            s2l = s2l.lanewise(XOR, ql);
            s2h = s2h.lanewise(XOR, qh);
            s2l = s2l.lanewise(XOR, s0l);
            s2h = s2h.lanewise(XOR, s0h);
            ByteVector un0 = s2l.and(NIB);
            ByteVector un1 = s2l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector un2 = s2h.and(NIB);
            ByteVector un3 = s2h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector ul = un0.selectFrom(eL01).lanewise(XOR, un1.selectFrom(eL01))
                    .lanewise(XOR, un2.selectFrom(eL23)).lanewise(XOR, un3.selectFrom(eL23));
            ByteVector uh = un0.selectFrom(eH01).lanewise(XOR, un1.selectFrom(eH01))
                    .lanewise(XOR, un2.selectFrom(eH23)).lanewise(XOR, un3.selectFrom(eH23));
            s0l = s0l.lanewise(XOR, ul);
            s0h = s0h.lanewise(XOR, uh);
            s3l = s3l.lanewise(XOR, s1l);
            s3h = s3h.lanewise(XOR, s1h);
            ByteVector vn0 = s3l.and(NIB);
            ByteVector vn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector vn2 = s3h.and(NIB);
            ByteVector vn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIB).or(UPPER);
            ByteVector vl = vn0.selectFrom(eL01).lanewise(XOR, vn1.selectFrom(eL01))
                    .lanewise(XOR, vn2.selectFrom(eL23)).lanewise(XOR, vn3.selectFrom(eL23));
            ByteVector vh = vn0.selectFrom(eH01).lanewise(XOR, vn1.selectFrom(eH01))
                    .lanewise(XOR, vn2.selectFrom(eH23)).lanewise(XOR, vn3.selectFrom(eH23));
            s1l = s1l.lanewise(XOR, vl);
            s1h = s1h.lanewise(XOR, vh);
            ByteVector.fromArray(S, b, to).lanewise(XOR, s0l).intoArray(b, to);
            ByteVector.fromArray(S, b, to + 32).lanewise(XOR, s0h).intoArray(b, to + 32);
            ByteVector.fromArray(S, b, to + span).lanewise(XOR, s1l).intoArray(b, to + span);
            ByteVector.fromArray(S, b, to + span + 32).lanewise(XOR, s1h).intoArray(b, to + span + 32);
            ByteVector.fromArray(S, b, to + 2 * span).lanewise(XOR, s2l).intoArray(b, to + 2 * span);
            ByteVector.fromArray(S, b, to + 2 * span + 32).lanewise(XOR, s2h).intoArray(b, to + 2 * span + 32);
            ByteVector.fromArray(S, b, to + 3 * span).lanewise(XOR, s3l).intoArray(b, to + 3 * span);
            ByteVector.fromArray(S, b, to + 3 * span + 32).lanewise(XOR, s3h).intoArray(b, to + 3 * span + 32);
        }
    }
}
