package io.punktfunk.core.fec.gf16;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Plain-Java versions of the {@link Gf16Kernels} methods the single-layer FFT and the decoder call,
 * same contracts and block layout (64-byte blocks: 32 low bytes then 32 high bytes, fec-anchor.md
 * §5.2), for JVMs without 256-bit byte vectors (ARM NEON, x86 AVX or SSE), where the vector kernels
 * would run boxed (hundreds of ms and MB per call).
 *
 * <p>A product is one log/exp lookup per 16-bit symbol, {@code EXP[LOG[v] + logM mod 65535]}, masked
 * to zero for v = 0 without a branch: {@link #mul} over 76 KB measured 490-770 MB/s on the Zen 3
 * box, the eight 16-entry nibble-table lookups of {@link Gf16MulTables} per symbol 210-230 MB/s
 * (same loop shape, random constants, 2026-12-04). XORs go 8 bytes at a time.
 */
final class Gf16ScalarKernels {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final char[] LOG = Gf16.LOG;
    private static final char[] EXP = Gf16.EXP;

    private Gf16ScalarKernels() {
    }

    /** {@code dst[0, len) ^= src[0, len)}. */
    static void xor(byte[] dst, int dOff, byte[] src, int sOff, int len) {
        for (int i = 0; i < len; i += 8) {
            LONGS.set(dst, dOff + i, (long) LONGS.get(dst, dOff + i) ^ (long) LONGS.get(src, sOff + i));
        }
    }

    /** {@code b[dst, dst + len) ^= XOR over s < count of b[src[s], src[s] + len)}. */
    static void xorSum(byte[] b, int dst, int[] src, int count, int len) {
        for (int s = 0; s < count; s++) {
            xor(b, dst, b, src[s], len); // a shard is a few KB: dst stays in L1 across the sources
        }
    }

    /** {@code dst = src * exp(logM)}; dst may be src at the same offset. */
    static void mul(byte[] dst, int dOff, byte[] src, int sOff, int len, int logM) {
        for (int blk = 0; blk < len; blk += 64) {
            int s = sOff + blk;
            int d = dOff + blk;
            for (int j = 0; j < 32; j++) {
                int p = product(load(src, s + j), logM);
                store(dst, d + j, p);
            }
        }
    }

    /** IFFT butterfly: {@code y ^= x; x ^= y * exp(logM)}; logM is not 65535. */
    static void ifft2(byte[] b, int xOff, int yOff, int len, int logM) {
        for (int blk = 0; blk < len; blk += 64) {
            int x = xOff + blk;
            int y = yOff + blk;
            for (int j = 0; j < 32; j++) {
                int xv = load(b, x + j);
                int yv = load(b, y + j) ^ xv;
                xv ^= product(yv, logM);
                store(b, y + j, yv);
                store(b, x + j, xv);
            }
        }
    }

    /** FFT butterfly: {@code x ^= y * exp(logM); y ^= x}; logM is not 65535. */
    static void fft2(byte[] b, int xOff, int yOff, int len, int logM) {
        for (int blk = 0; blk < len; blk += 64) {
            int x = xOff + blk;
            int y = yOff + blk;
            for (int j = 0; j < 32; j++) {
                int yv = load(b, y + j);
                int xv = load(b, x + j) ^ product(yv, logM);
                yv ^= xv;
                store(b, x + j, xv);
                store(b, y + j, yv);
            }
        }
    }

    /**
     * {@link #ifft2} whose results are XORed into the shards at {@code acc} and {@code acc + (y - x)}
     * instead of being stored. logM is not 65535.
     */
    static void ifft2Acc(byte[] b, int xOff, int yOff, int len, int logM, int acc) {
        int accY = acc + (yOff - xOff);
        for (int blk = 0; blk < len; blk += 64) {
            int x = xOff + blk;
            int y = yOff + blk;
            int ax = acc + blk;
            int ay = accY + blk;
            for (int j = 0; j < 32; j++) {
                int xv = load(b, x + j);
                int yv = load(b, y + j) ^ xv;
                xv ^= product(yv, logM);
                b[ax + j] ^= (byte) xv;
                b[ax + 32 + j] ^= (byte) (xv >>> 8);
                b[ay + j] ^= (byte) yv;
                b[ay + 32 + j] ^= (byte) (yv >>> 8);
            }
        }
    }

    /**
     * v · exp(logM) for a symbol v, logM in [0, 65535] (65535 is the identity, as in
     * {@link Gf16MulTables}). {@code (v - 1) >> 31} is all ones exactly when v = 0.
     */
    static int product(int v, int logM) {
        return EXP[Gf16.addMod(LOG[v], logM)] & ~((v - 1) >> 31);
    }

    /** The symbol at byte {@code at} of a block's low half: its low byte there, its high byte 32 bytes on. */
    private static int load(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 32] & 0xFF) << 8;
    }

    /** Stores a symbol as {@link #load} reads it. */
    private static void store(byte[] b, int at, int symbol) {
        b[at] = (byte) symbol;
        b[at + 32] = (byte) (symbol >>> 8);
    }
}
