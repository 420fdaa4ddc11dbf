package io.punktfunk.core.fec.gf16;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector kernels: GF(2^16) multiply-by-constant over 64-byte blocks (32 low bytes then 32 high
 * bytes, fec-anchor.md §5.2) and the FFT/IFFT butterflies built on it (§7.4), one and two layers.
 *
 * <p>A product looks each of a symbol's four nibbles up in the constant's {@link Gf16MulTables} and
 * XORs the four, per output byte: eight byte permutes per block. Each 16-entry table is doubled
 * to 32 lanes once per call, so the raw byte (or the byte shifted right by 4 within its 16-bit
 * lane) can index it directly: {@code selectFrom} wraps indexes to 5 bits and the doubled table
 * ignores bit 4, which saves masking every nibble (15 % on this box).
 *
 * <p>Every method uses the one {@code static final} 256-bit species so C2 keeps it on the intrinsic
 * path (a species-generic kernel fell off it, §8), and the multiply is written out in each kernel
 * rather than called: a helper that C2 does not inline gets its vectors boxed. A 512-bit
 * whole-block variant measured 25 % slower on Zen 4. Lengths are multiples of 64 and all offsets
 * in range: callers check shapes first.
 */
final class Gf16Kernels {
    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_256;
    private static final byte[] T = Gf16MulTables.TABLES;
    /** Lane i takes lane i % 16: a 16-byte table repeated in both halves. */
    private static final VectorShuffle<Byte> DOUBLE = VectorShuffle.fromOp(S, i -> i & 15);

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
        ByteVector mL0 = ByteVector.fromArray(S, T, mAt + 0).rearrange(DOUBLE);
        ByteVector mL1 = ByteVector.fromArray(S, T, mAt + 16).rearrange(DOUBLE);
        ByteVector mL2 = ByteVector.fromArray(S, T, mAt + 32).rearrange(DOUBLE);
        ByteVector mL3 = ByteVector.fromArray(S, T, mAt + 48).rearrange(DOUBLE);
        ByteVector mH0 = ByteVector.fromArray(S, T, mAt + 64).rearrange(DOUBLE);
        ByteVector mH1 = ByteVector.fromArray(S, T, mAt + 80).rearrange(DOUBLE);
        ByteVector mH2 = ByteVector.fromArray(S, T, mAt + 96).rearrange(DOUBLE);
        ByteVector mH3 = ByteVector.fromArray(S, T, mAt + 112).rearrange(DOUBLE);
        for (int i = 0; i < len; i += 64) {
            ByteVector yl = ByteVector.fromArray(S, src, sOff + i);
            ByteVector yh = ByteVector.fromArray(S, src, sOff + i + 32);
            ByteVector pn1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pn3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pl = yl.selectFrom(mL0).lanewise(XOR, pn1.selectFrom(mL1))
                    .lanewise(XOR, yh.selectFrom(mL2)).lanewise(XOR, pn3.selectFrom(mL3));
            ByteVector ph = yl.selectFrom(mH0).lanewise(XOR, pn1.selectFrom(mH1))
                    .lanewise(XOR, yh.selectFrom(mH2)).lanewise(XOR, pn3.selectFrom(mH3));
            pl.intoArray(dst, dOff + i);
            ph.intoArray(dst, dOff + i + 32);
        }
    }

    /** IFFT butterfly: {@code y ^= x; x ^= y * exp(logM)}; logM is not 65535. */
    static void ifft2(byte[] b, int xOff, int yOff, int len, int logM) {
        int mAt = Gf16MulTables.offset(logM);
        ByteVector mL0 = ByteVector.fromArray(S, T, mAt + 0).rearrange(DOUBLE);
        ByteVector mL1 = ByteVector.fromArray(S, T, mAt + 16).rearrange(DOUBLE);
        ByteVector mL2 = ByteVector.fromArray(S, T, mAt + 32).rearrange(DOUBLE);
        ByteVector mL3 = ByteVector.fromArray(S, T, mAt + 48).rearrange(DOUBLE);
        ByteVector mH0 = ByteVector.fromArray(S, T, mAt + 64).rearrange(DOUBLE);
        ByteVector mH1 = ByteVector.fromArray(S, T, mAt + 80).rearrange(DOUBLE);
        ByteVector mH2 = ByteVector.fromArray(S, T, mAt + 96).rearrange(DOUBLE);
        ByteVector mH3 = ByteVector.fromArray(S, T, mAt + 112).rearrange(DOUBLE);
        for (int i = 0; i < len; i += 64) {
            ByteVector xl = ByteVector.fromArray(S, b, xOff + i);
            ByteVector xh = ByteVector.fromArray(S, b, xOff + i + 32);
            ByteVector yl = ByteVector.fromArray(S, b, yOff + i);
            ByteVector yh = ByteVector.fromArray(S, b, yOff + i + 32);
            yl = yl.lanewise(XOR, xl);
            yh = yh.lanewise(XOR, xh);
            yl.intoArray(b, yOff + i);
            yh.intoArray(b, yOff + i + 32);
            ByteVector pn1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pn3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pl = yl.selectFrom(mL0).lanewise(XOR, pn1.selectFrom(mL1))
                    .lanewise(XOR, yh.selectFrom(mL2)).lanewise(XOR, pn3.selectFrom(mL3));
            ByteVector ph = yl.selectFrom(mH0).lanewise(XOR, pn1.selectFrom(mH1))
                    .lanewise(XOR, yh.selectFrom(mH2)).lanewise(XOR, pn3.selectFrom(mH3));
            xl = xl.lanewise(XOR, pl);
            xh = xh.lanewise(XOR, ph);
            xl.intoArray(b, xOff + i);
            xh.intoArray(b, xOff + i + 32);
        }
    }

    /** FFT butterfly: {@code x ^= y * exp(logM); y ^= x}; logM is not 65535. */
    static void fft2(byte[] b, int xOff, int yOff, int len, int logM) {
        int mAt = Gf16MulTables.offset(logM);
        ByteVector mL0 = ByteVector.fromArray(S, T, mAt + 0).rearrange(DOUBLE);
        ByteVector mL1 = ByteVector.fromArray(S, T, mAt + 16).rearrange(DOUBLE);
        ByteVector mL2 = ByteVector.fromArray(S, T, mAt + 32).rearrange(DOUBLE);
        ByteVector mL3 = ByteVector.fromArray(S, T, mAt + 48).rearrange(DOUBLE);
        ByteVector mH0 = ByteVector.fromArray(S, T, mAt + 64).rearrange(DOUBLE);
        ByteVector mH1 = ByteVector.fromArray(S, T, mAt + 80).rearrange(DOUBLE);
        ByteVector mH2 = ByteVector.fromArray(S, T, mAt + 96).rearrange(DOUBLE);
        ByteVector mH3 = ByteVector.fromArray(S, T, mAt + 112).rearrange(DOUBLE);
        for (int i = 0; i < len; i += 64) {
            ByteVector xl = ByteVector.fromArray(S, b, xOff + i);
            ByteVector xh = ByteVector.fromArray(S, b, xOff + i + 32);
            ByteVector yl = ByteVector.fromArray(S, b, yOff + i);
            ByteVector yh = ByteVector.fromArray(S, b, yOff + i + 32);
            ByteVector pn1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pn3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pl = yl.selectFrom(mL0).lanewise(XOR, pn1.selectFrom(mL1))
                    .lanewise(XOR, yh.selectFrom(mL2)).lanewise(XOR, pn3.selectFrom(mL3));
            ByteVector ph = yl.selectFrom(mH0).lanewise(XOR, pn1.selectFrom(mH1))
                    .lanewise(XOR, yh.selectFrom(mH2)).lanewise(XOR, pn3.selectFrom(mH3));
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
        ByteVector aL0 = ByteVector.fromArray(S, T, aAt + 0).rearrange(DOUBLE);
        ByteVector aL1 = ByteVector.fromArray(S, T, aAt + 16).rearrange(DOUBLE);
        ByteVector aL2 = ByteVector.fromArray(S, T, aAt + 32).rearrange(DOUBLE);
        ByteVector aL3 = ByteVector.fromArray(S, T, aAt + 48).rearrange(DOUBLE);
        ByteVector aH0 = ByteVector.fromArray(S, T, aAt + 64).rearrange(DOUBLE);
        ByteVector aH1 = ByteVector.fromArray(S, T, aAt + 80).rearrange(DOUBLE);
        ByteVector aH2 = ByteVector.fromArray(S, T, aAt + 96).rearrange(DOUBLE);
        ByteVector aH3 = ByteVector.fromArray(S, T, aAt + 112).rearrange(DOUBLE);
        int cAt = Gf16MulTables.offset(log23);
        ByteVector cL0 = ByteVector.fromArray(S, T, cAt + 0).rearrange(DOUBLE);
        ByteVector cL1 = ByteVector.fromArray(S, T, cAt + 16).rearrange(DOUBLE);
        ByteVector cL2 = ByteVector.fromArray(S, T, cAt + 32).rearrange(DOUBLE);
        ByteVector cL3 = ByteVector.fromArray(S, T, cAt + 48).rearrange(DOUBLE);
        ByteVector cH0 = ByteVector.fromArray(S, T, cAt + 64).rearrange(DOUBLE);
        ByteVector cH1 = ByteVector.fromArray(S, T, cAt + 80).rearrange(DOUBLE);
        ByteVector cH2 = ByteVector.fromArray(S, T, cAt + 96).rearrange(DOUBLE);
        ByteVector cH3 = ByteVector.fromArray(S, T, cAt + 112).rearrange(DOUBLE);
        int eAt = Gf16MulTables.offset(log02);
        ByteVector eL0 = ByteVector.fromArray(S, T, eAt + 0).rearrange(DOUBLE);
        ByteVector eL1 = ByteVector.fromArray(S, T, eAt + 16).rearrange(DOUBLE);
        ByteVector eL2 = ByteVector.fromArray(S, T, eAt + 32).rearrange(DOUBLE);
        ByteVector eL3 = ByteVector.fromArray(S, T, eAt + 48).rearrange(DOUBLE);
        ByteVector eH0 = ByteVector.fromArray(S, T, eAt + 64).rearrange(DOUBLE);
        ByteVector eH1 = ByteVector.fromArray(S, T, eAt + 80).rearrange(DOUBLE);
        ByteVector eH2 = ByteVector.fromArray(S, T, eAt + 96).rearrange(DOUBLE);
        ByteVector eH3 = ByteVector.fromArray(S, T, eAt + 112).rearrange(DOUBLE);
        for (int i = 0; i < len; i += 64) {
            int at = o + i;
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
            ByteVector pn1 = s1l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pn3 = s1h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pl = s1l.selectFrom(aL0).lanewise(XOR, pn1.selectFrom(aL1))
                    .lanewise(XOR, s1h.selectFrom(aL2)).lanewise(XOR, pn3.selectFrom(aL3));
            ByteVector ph = s1l.selectFrom(aH0).lanewise(XOR, pn1.selectFrom(aH1))
                    .lanewise(XOR, s1h.selectFrom(aH2)).lanewise(XOR, pn3.selectFrom(aH3));
            s0l = s0l.lanewise(XOR, pl);
            s0h = s0h.lanewise(XOR, ph);
            s3l = s3l.lanewise(XOR, s2l);
            s3h = s3h.lanewise(XOR, s2h);
            ByteVector qn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector qn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector ql = s3l.selectFrom(cL0).lanewise(XOR, qn1.selectFrom(cL1))
                    .lanewise(XOR, s3h.selectFrom(cL2)).lanewise(XOR, qn3.selectFrom(cL3));
            ByteVector qh = s3l.selectFrom(cH0).lanewise(XOR, qn1.selectFrom(cH1))
                    .lanewise(XOR, s3h.selectFrom(cH2)).lanewise(XOR, qn3.selectFrom(cH3));
            s2l = s2l.lanewise(XOR, ql);
            s2h = s2h.lanewise(XOR, qh);
            s2l = s2l.lanewise(XOR, s0l);
            s2h = s2h.lanewise(XOR, s0h);
            ByteVector un1 = s2l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector un3 = s2h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector ul = s2l.selectFrom(eL0).lanewise(XOR, un1.selectFrom(eL1))
                    .lanewise(XOR, s2h.selectFrom(eL2)).lanewise(XOR, un3.selectFrom(eL3));
            ByteVector uh = s2l.selectFrom(eH0).lanewise(XOR, un1.selectFrom(eH1))
                    .lanewise(XOR, s2h.selectFrom(eH2)).lanewise(XOR, un3.selectFrom(eH3));
            s0l = s0l.lanewise(XOR, ul);
            s0h = s0h.lanewise(XOR, uh);
            s3l = s3l.lanewise(XOR, s1l);
            s3h = s3h.lanewise(XOR, s1h);
            ByteVector vn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector vn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector vl = s3l.selectFrom(eL0).lanewise(XOR, vn1.selectFrom(eL1))
                    .lanewise(XOR, s3h.selectFrom(eL2)).lanewise(XOR, vn3.selectFrom(eL3));
            ByteVector vh = s3l.selectFrom(eH0).lanewise(XOR, vn1.selectFrom(eH1))
                    .lanewise(XOR, s3h.selectFrom(eH2)).lanewise(XOR, vn3.selectFrom(eH3));
            s1l = s1l.lanewise(XOR, vl);
            s1h = s1h.lanewise(XOR, vh);
            s0l.intoArray(b, at);
            s0h.intoArray(b, at + 32);
            s1l.intoArray(b, at + span);
            s1h.intoArray(b, at + span + 32);
            s2l.intoArray(b, at + 2 * span);
            s2h.intoArray(b, at + 2 * span + 32);
            s3l.intoArray(b, at + 3 * span);
            s3h.intoArray(b, at + 3 * span + 32);
        }
    }

    /**
     * Two FFT layers on shards s0..s3 as in {@link #ifft4}, in the opposite order: (s0, s2) and
     * (s1, s3) with log02, then (s0, s1) with log01 and (s2, s3) with log23. No log is 65535.
     */
    static void fft4(byte[] b, int o, int span, int len, int log01, int log23, int log02) {
        int aAt = Gf16MulTables.offset(log01);
        ByteVector aL0 = ByteVector.fromArray(S, T, aAt + 0).rearrange(DOUBLE);
        ByteVector aL1 = ByteVector.fromArray(S, T, aAt + 16).rearrange(DOUBLE);
        ByteVector aL2 = ByteVector.fromArray(S, T, aAt + 32).rearrange(DOUBLE);
        ByteVector aL3 = ByteVector.fromArray(S, T, aAt + 48).rearrange(DOUBLE);
        ByteVector aH0 = ByteVector.fromArray(S, T, aAt + 64).rearrange(DOUBLE);
        ByteVector aH1 = ByteVector.fromArray(S, T, aAt + 80).rearrange(DOUBLE);
        ByteVector aH2 = ByteVector.fromArray(S, T, aAt + 96).rearrange(DOUBLE);
        ByteVector aH3 = ByteVector.fromArray(S, T, aAt + 112).rearrange(DOUBLE);
        int cAt = Gf16MulTables.offset(log23);
        ByteVector cL0 = ByteVector.fromArray(S, T, cAt + 0).rearrange(DOUBLE);
        ByteVector cL1 = ByteVector.fromArray(S, T, cAt + 16).rearrange(DOUBLE);
        ByteVector cL2 = ByteVector.fromArray(S, T, cAt + 32).rearrange(DOUBLE);
        ByteVector cL3 = ByteVector.fromArray(S, T, cAt + 48).rearrange(DOUBLE);
        ByteVector cH0 = ByteVector.fromArray(S, T, cAt + 64).rearrange(DOUBLE);
        ByteVector cH1 = ByteVector.fromArray(S, T, cAt + 80).rearrange(DOUBLE);
        ByteVector cH2 = ByteVector.fromArray(S, T, cAt + 96).rearrange(DOUBLE);
        ByteVector cH3 = ByteVector.fromArray(S, T, cAt + 112).rearrange(DOUBLE);
        int eAt = Gf16MulTables.offset(log02);
        ByteVector eL0 = ByteVector.fromArray(S, T, eAt + 0).rearrange(DOUBLE);
        ByteVector eL1 = ByteVector.fromArray(S, T, eAt + 16).rearrange(DOUBLE);
        ByteVector eL2 = ByteVector.fromArray(S, T, eAt + 32).rearrange(DOUBLE);
        ByteVector eL3 = ByteVector.fromArray(S, T, eAt + 48).rearrange(DOUBLE);
        ByteVector eH0 = ByteVector.fromArray(S, T, eAt + 64).rearrange(DOUBLE);
        ByteVector eH1 = ByteVector.fromArray(S, T, eAt + 80).rearrange(DOUBLE);
        ByteVector eH2 = ByteVector.fromArray(S, T, eAt + 96).rearrange(DOUBLE);
        ByteVector eH3 = ByteVector.fromArray(S, T, eAt + 112).rearrange(DOUBLE);
        for (int i = 0; i < len; i += 64) {
            int at = o + i;
            ByteVector s0l = ByteVector.fromArray(S, b, at);
            ByteVector s0h = ByteVector.fromArray(S, b, at + 32);
            ByteVector s1l = ByteVector.fromArray(S, b, at + span);
            ByteVector s1h = ByteVector.fromArray(S, b, at + span + 32);
            ByteVector s2l = ByteVector.fromArray(S, b, at + 2 * span);
            ByteVector s2h = ByteVector.fromArray(S, b, at + 2 * span + 32);
            ByteVector s3l = ByteVector.fromArray(S, b, at + 3 * span);
            ByteVector s3h = ByteVector.fromArray(S, b, at + 3 * span + 32);
            ByteVector un1 = s2l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector un3 = s2h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector ul = s2l.selectFrom(eL0).lanewise(XOR, un1.selectFrom(eL1))
                    .lanewise(XOR, s2h.selectFrom(eL2)).lanewise(XOR, un3.selectFrom(eL3));
            ByteVector uh = s2l.selectFrom(eH0).lanewise(XOR, un1.selectFrom(eH1))
                    .lanewise(XOR, s2h.selectFrom(eH2)).lanewise(XOR, un3.selectFrom(eH3));
            s0l = s0l.lanewise(XOR, ul);
            s0h = s0h.lanewise(XOR, uh);
            s2l = s2l.lanewise(XOR, s0l);
            s2h = s2h.lanewise(XOR, s0h);
            ByteVector vn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector vn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector vl = s3l.selectFrom(eL0).lanewise(XOR, vn1.selectFrom(eL1))
                    .lanewise(XOR, s3h.selectFrom(eL2)).lanewise(XOR, vn3.selectFrom(eL3));
            ByteVector vh = s3l.selectFrom(eH0).lanewise(XOR, vn1.selectFrom(eH1))
                    .lanewise(XOR, s3h.selectFrom(eH2)).lanewise(XOR, vn3.selectFrom(eH3));
            s1l = s1l.lanewise(XOR, vl);
            s1h = s1h.lanewise(XOR, vh);
            s3l = s3l.lanewise(XOR, s1l);
            s3h = s3h.lanewise(XOR, s1h);
            ByteVector pn1 = s1l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pn3 = s1h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pl = s1l.selectFrom(aL0).lanewise(XOR, pn1.selectFrom(aL1))
                    .lanewise(XOR, s1h.selectFrom(aL2)).lanewise(XOR, pn3.selectFrom(aL3));
            ByteVector ph = s1l.selectFrom(aH0).lanewise(XOR, pn1.selectFrom(aH1))
                    .lanewise(XOR, s1h.selectFrom(aH2)).lanewise(XOR, pn3.selectFrom(aH3));
            s0l = s0l.lanewise(XOR, pl);
            s0h = s0h.lanewise(XOR, ph);
            s1l = s1l.lanewise(XOR, s0l);
            s1h = s1h.lanewise(XOR, s0h);
            ByteVector qn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector qn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector ql = s3l.selectFrom(cL0).lanewise(XOR, qn1.selectFrom(cL1))
                    .lanewise(XOR, s3h.selectFrom(cL2)).lanewise(XOR, qn3.selectFrom(cL3));
            ByteVector qh = s3l.selectFrom(cH0).lanewise(XOR, qn1.selectFrom(cH1))
                    .lanewise(XOR, s3h.selectFrom(cH2)).lanewise(XOR, qn3.selectFrom(cH3));
            s2l = s2l.lanewise(XOR, ql);
            s2h = s2h.lanewise(XOR, qh);
            s3l = s3l.lanewise(XOR, s2l);
            s3h = s3h.lanewise(XOR, s2h);
            s0l.intoArray(b, at);
            s0h.intoArray(b, at + 32);
            s1l.intoArray(b, at + span);
            s1h.intoArray(b, at + span + 32);
            s2l.intoArray(b, at + 2 * span);
            s2h.intoArray(b, at + 2 * span + 32);
            s3l.intoArray(b, at + 3 * span);
            s3h.intoArray(b, at + 3 * span + 32);
        }
    }

    /**
     * {@link #ifft2} whose results are XORed into the shards at {@code acc} and {@code acc + (y - x)}
     * instead of being stored: the last IFFT layer of a chunk fused with adding it to the encoder's
     * accumulator. logM is not 65535.
     */
    static void ifft2Acc(byte[] b, int xOff, int yOff, int len, int logM, int acc) {
        int mAt = Gf16MulTables.offset(logM);
        ByteVector mL0 = ByteVector.fromArray(S, T, mAt + 0).rearrange(DOUBLE);
        ByteVector mL1 = ByteVector.fromArray(S, T, mAt + 16).rearrange(DOUBLE);
        ByteVector mL2 = ByteVector.fromArray(S, T, mAt + 32).rearrange(DOUBLE);
        ByteVector mL3 = ByteVector.fromArray(S, T, mAt + 48).rearrange(DOUBLE);
        ByteVector mH0 = ByteVector.fromArray(S, T, mAt + 64).rearrange(DOUBLE);
        ByteVector mH1 = ByteVector.fromArray(S, T, mAt + 80).rearrange(DOUBLE);
        ByteVector mH2 = ByteVector.fromArray(S, T, mAt + 96).rearrange(DOUBLE);
        ByteVector mH3 = ByteVector.fromArray(S, T, mAt + 112).rearrange(DOUBLE);
        int accY = acc + (yOff - xOff);
        for (int i = 0; i < len; i += 64) {
            ByteVector xl = ByteVector.fromArray(S, b, xOff + i);
            ByteVector xh = ByteVector.fromArray(S, b, xOff + i + 32);
            ByteVector yl = ByteVector.fromArray(S, b, yOff + i);
            ByteVector yh = ByteVector.fromArray(S, b, yOff + i + 32);
            yl = yl.lanewise(XOR, xl);
            yh = yh.lanewise(XOR, xh);
            ByteVector pn1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pn3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pl = yl.selectFrom(mL0).lanewise(XOR, pn1.selectFrom(mL1))
                    .lanewise(XOR, yh.selectFrom(mL2)).lanewise(XOR, pn3.selectFrom(mL3));
            ByteVector ph = yl.selectFrom(mH0).lanewise(XOR, pn1.selectFrom(mH1))
                    .lanewise(XOR, yh.selectFrom(mH2)).lanewise(XOR, pn3.selectFrom(mH3));
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
        ByteVector aL0 = ByteVector.fromArray(S, T, aAt + 0).rearrange(DOUBLE);
        ByteVector aL1 = ByteVector.fromArray(S, T, aAt + 16).rearrange(DOUBLE);
        ByteVector aL2 = ByteVector.fromArray(S, T, aAt + 32).rearrange(DOUBLE);
        ByteVector aL3 = ByteVector.fromArray(S, T, aAt + 48).rearrange(DOUBLE);
        ByteVector aH0 = ByteVector.fromArray(S, T, aAt + 64).rearrange(DOUBLE);
        ByteVector aH1 = ByteVector.fromArray(S, T, aAt + 80).rearrange(DOUBLE);
        ByteVector aH2 = ByteVector.fromArray(S, T, aAt + 96).rearrange(DOUBLE);
        ByteVector aH3 = ByteVector.fromArray(S, T, aAt + 112).rearrange(DOUBLE);
        int cAt = Gf16MulTables.offset(log23);
        ByteVector cL0 = ByteVector.fromArray(S, T, cAt + 0).rearrange(DOUBLE);
        ByteVector cL1 = ByteVector.fromArray(S, T, cAt + 16).rearrange(DOUBLE);
        ByteVector cL2 = ByteVector.fromArray(S, T, cAt + 32).rearrange(DOUBLE);
        ByteVector cL3 = ByteVector.fromArray(S, T, cAt + 48).rearrange(DOUBLE);
        ByteVector cH0 = ByteVector.fromArray(S, T, cAt + 64).rearrange(DOUBLE);
        ByteVector cH1 = ByteVector.fromArray(S, T, cAt + 80).rearrange(DOUBLE);
        ByteVector cH2 = ByteVector.fromArray(S, T, cAt + 96).rearrange(DOUBLE);
        ByteVector cH3 = ByteVector.fromArray(S, T, cAt + 112).rearrange(DOUBLE);
        int eAt = Gf16MulTables.offset(log02);
        ByteVector eL0 = ByteVector.fromArray(S, T, eAt + 0).rearrange(DOUBLE);
        ByteVector eL1 = ByteVector.fromArray(S, T, eAt + 16).rearrange(DOUBLE);
        ByteVector eL2 = ByteVector.fromArray(S, T, eAt + 32).rearrange(DOUBLE);
        ByteVector eL3 = ByteVector.fromArray(S, T, eAt + 48).rearrange(DOUBLE);
        ByteVector eH0 = ByteVector.fromArray(S, T, eAt + 64).rearrange(DOUBLE);
        ByteVector eH1 = ByteVector.fromArray(S, T, eAt + 80).rearrange(DOUBLE);
        ByteVector eH2 = ByteVector.fromArray(S, T, eAt + 96).rearrange(DOUBLE);
        ByteVector eH3 = ByteVector.fromArray(S, T, eAt + 112).rearrange(DOUBLE);
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
            ByteVector pn1 = s1l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pn3 = s1h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector pl = s1l.selectFrom(aL0).lanewise(XOR, pn1.selectFrom(aL1))
                    .lanewise(XOR, s1h.selectFrom(aL2)).lanewise(XOR, pn3.selectFrom(aL3));
            ByteVector ph = s1l.selectFrom(aH0).lanewise(XOR, pn1.selectFrom(aH1))
                    .lanewise(XOR, s1h.selectFrom(aH2)).lanewise(XOR, pn3.selectFrom(aH3));
            s0l = s0l.lanewise(XOR, pl);
            s0h = s0h.lanewise(XOR, ph);
            s3l = s3l.lanewise(XOR, s2l);
            s3h = s3h.lanewise(XOR, s2h);
            ByteVector qn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector qn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector ql = s3l.selectFrom(cL0).lanewise(XOR, qn1.selectFrom(cL1))
                    .lanewise(XOR, s3h.selectFrom(cL2)).lanewise(XOR, qn3.selectFrom(cL3));
            ByteVector qh = s3l.selectFrom(cH0).lanewise(XOR, qn1.selectFrom(cH1))
                    .lanewise(XOR, s3h.selectFrom(cH2)).lanewise(XOR, qn3.selectFrom(cH3));
            s2l = s2l.lanewise(XOR, ql);
            s2h = s2h.lanewise(XOR, qh);
            s2l = s2l.lanewise(XOR, s0l);
            s2h = s2h.lanewise(XOR, s0h);
            ByteVector un1 = s2l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector un3 = s2h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector ul = s2l.selectFrom(eL0).lanewise(XOR, un1.selectFrom(eL1))
                    .lanewise(XOR, s2h.selectFrom(eL2)).lanewise(XOR, un3.selectFrom(eL3));
            ByteVector uh = s2l.selectFrom(eH0).lanewise(XOR, un1.selectFrom(eH1))
                    .lanewise(XOR, s2h.selectFrom(eH2)).lanewise(XOR, un3.selectFrom(eH3));
            s0l = s0l.lanewise(XOR, ul);
            s0h = s0h.lanewise(XOR, uh);
            s3l = s3l.lanewise(XOR, s1l);
            s3h = s3h.lanewise(XOR, s1h);
            ByteVector vn1 = s3l.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector vn3 = s3h.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes();
            ByteVector vl = s3l.selectFrom(eL0).lanewise(XOR, vn1.selectFrom(eL1))
                    .lanewise(XOR, s3h.selectFrom(eL2)).lanewise(XOR, vn3.selectFrom(eL3));
            ByteVector vh = s3l.selectFrom(eH0).lanewise(XOR, vn1.selectFrom(eH1))
                    .lanewise(XOR, s3h.selectFrom(eH2)).lanewise(XOR, vn3.selectFrom(eH3));
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
