package io.punktfunk.core.fec.gf8;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD GF(2^8) multiply kernel: {@code out[r] = Σ_c coef(r, c) × in[c]} over byte shards, with
 * each constant given as a {@link NibbleTables split-nibble table}. A product is one table load,
 * two byte permutes ({@code selectFrom}, vpermb on AVX-512 VBMI) and two XORs.
 *
 * <p>Loop order: eight (then four, then one) output rows at a time, one vector-wide column of the
 * shards at a time. Each input vector is loaded once per row group and its nibble indices computed
 * once, then it is multiplied into all the group's accumulators, which stay in registers until
 * the column is done. Eight accumulators measured faster than four or twelve on Zen 4.
 *
 * <p>Every method is monomorphic on the {@code static final} {@link #SPECIES}, chosen once at
 * startup (512-bit where the CPU prefers it, else 256-bit), so C2 keeps it on the intrinsic path.
 * The combined 32-byte table needs at least 32 lanes; on narrower hardware {@link #AVAILABLE} is
 * false and the coder uses {@link ScalarKernel}.
 */
final class VectorKernel {
    /** Whether the preferred vector shape holds a whole 32-byte table. */
    static final boolean AVAILABLE = ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    static final VectorSpecies<Byte> SPECIES =
            ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? ByteVector.SPECIES_512 : ByteVector.SPECIES_256;
    /** Bytes per vector; {@link #multiply} needs shards at least this long. */
    static final int LANES = SPECIES.length();

    private static final int T = NibbleTables.BYTES;
    /**
     * 256-bit, for {@link #copyTable}. The kernels load each 32-byte table as one vector of
     * {@link #SPECIES} (on AVX-512 the next table's bytes fill lanes 32..63, which no index
     * reaches; arrays carry {@link NibbleTables#PAD} spare bytes for the last one). They used to
     * load 256 bits and widen with {@code reinterpretShape}, which measured 15–20 % faster on an
     * idle Zen 4 (fewer split cache lines), but C2 only kept that cross-shape conversion on its
     * intrinsic path in a JVM that had run no other vector code: after GF(2^16) work (256-bit
     * byte vectors) the compiled kernel called the boxed fallback for every product, 4–7 MB per
     * 100+20 encode, forever (issue 18; JFR allocation samples in {@code selectFromTemplate}).
     */
    private static final VectorSpecies<Byte> TABLE = ByteVector.SPECIES_256;

    private VectorKernel() {
    }

    /**
     * Sets {@code out[r][0..len) = Σ_c coef(r, c) × in[c][0..len)} for r in [0, rows), c in
     * [0, cols), where the table of coef(r, c) sits at {@code tables[(r * cols + c) * 32]}.
     *
     * <p>Requires {@code len >= LANES} and {@link NibbleTables#PAD} bytes after the last table. A
     * length that is not a multiple of {@link #LANES} ends
     * with one vector that overlaps the previous one: the outputs are recomputed, not accumulated,
     * so the overlapped bytes get the same values again. {@code out} must not alias {@code in}.
     */
    static void multiply(byte[] tables, int rows, int cols, byte[][] in, byte[][] out, int len) {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            rows8(tables, r * cols * T, cols, in, out, r, len);
        }
        if (r + 4 <= rows) {
            rows4(tables, r * cols * T, cols, in, out, r, len);
            r += 4;
        }
        for (; r < rows; r++) {
            row1(tables, r * cols * T, cols, in, out[r], len);
        }
    }

    private static void rows8(byte[] tables, int base, int cols, byte[][] in, byte[][] out, int r, int len) {
        int rs = cols * T;
        byte[] o0 = out[r];
        byte[] o1 = out[r + 1];
        byte[] o2 = out[r + 2];
        byte[] o3 = out[r + 3];
        byte[] o4 = out[r + 4];
        byte[] o5 = out[r + 5];
        byte[] o6 = out[r + 6];
        byte[] o7 = out[r + 7];
        for (int step = 0; step < len; step += LANES) {
            int off = Math.min(step, len - LANES);
            ByteVector a0 = ByteVector.zero(SPECIES);
            ByteVector a1 = a0;
            ByteVector a2 = a0;
            ByteVector a3 = a0;
            ByteVector a4 = a0;
            ByteVector a5 = a0;
            ByteVector a6 = a0;
            ByteVector a7 = a0;
            for (int c = 0; c < cols; c++) {
                ByteVector x = ByteVector.fromArray(SPECIES, in[c], off);
                ByteVector lo = x.and((byte) 0x0F);
                ByteVector hi = x.lanewise(LSHR, 4).or((byte) 0x10);
                int t = base + c * T;
                ByteVector tb;
                tb = ByteVector.fromArray(SPECIES, tables, t);
                a0 = a0.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
                tb = ByteVector.fromArray(SPECIES, tables, t + rs);
                a1 = a1.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
                tb = ByteVector.fromArray(SPECIES, tables, t + 2 * rs);
                a2 = a2.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
                tb = ByteVector.fromArray(SPECIES, tables, t + 3 * rs);
                a3 = a3.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
                tb = ByteVector.fromArray(SPECIES, tables, t + 4 * rs);
                a4 = a4.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
                tb = ByteVector.fromArray(SPECIES, tables, t + 5 * rs);
                a5 = a5.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
                tb = ByteVector.fromArray(SPECIES, tables, t + 6 * rs);
                a6 = a6.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
                tb = ByteVector.fromArray(SPECIES, tables, t + 7 * rs);
                a7 = a7.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
            }
            a0.intoArray(o0, off);
            a1.intoArray(o1, off);
            a2.intoArray(o2, off);
            a3.intoArray(o3, off);
            a4.intoArray(o4, off);
            a5.intoArray(o5, off);
            a6.intoArray(o6, off);
            a7.intoArray(o7, off);
        }
    }

    private static void rows4(byte[] tables, int base, int cols, byte[][] in, byte[][] out, int r, int len) {
        int rs = cols * T;
        byte[] o0 = out[r];
        byte[] o1 = out[r + 1];
        byte[] o2 = out[r + 2];
        byte[] o3 = out[r + 3];
        for (int step = 0; step < len; step += LANES) {
            int off = Math.min(step, len - LANES);
            ByteVector a0 = ByteVector.zero(SPECIES);
            ByteVector a1 = a0;
            ByteVector a2 = a0;
            ByteVector a3 = a0;
            for (int c = 0; c < cols; c++) {
                ByteVector x = ByteVector.fromArray(SPECIES, in[c], off);
                ByteVector lo = x.and((byte) 0x0F);
                ByteVector hi = x.lanewise(LSHR, 4).or((byte) 0x10);
                int t = base + c * T;
                ByteVector tb;
                tb = ByteVector.fromArray(SPECIES, tables, t);
                a0 = a0.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
                tb = ByteVector.fromArray(SPECIES, tables, t + rs);
                a1 = a1.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
                tb = ByteVector.fromArray(SPECIES, tables, t + 2 * rs);
                a2 = a2.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
                tb = ByteVector.fromArray(SPECIES, tables, t + 3 * rs);
                a3 = a3.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
            }
            a0.intoArray(o0, off);
            a1.intoArray(o1, off);
            a2.intoArray(o2, off);
            a3.intoArray(o3, off);
        }
    }

    private static void row1(byte[] tables, int base, int cols, byte[][] in, byte[] o0, int len) {
        for (int step = 0; step < len; step += LANES) {
            int off = Math.min(step, len - LANES);
            ByteVector a0 = ByteVector.zero(SPECIES);
            for (int c = 0; c < cols; c++) {
                ByteVector x = ByteVector.fromArray(SPECIES, in[c], off);
                ByteVector lo = x.and((byte) 0x0F);
                ByteVector hi = x.lanewise(LSHR, 4).or((byte) 0x10);
                ByteVector tb = ByteVector.fromArray(SPECIES, tables, base + c * T);
                a0 = a0.lanewise(XOR, lo.selectFrom(tb)).lanewise(XOR, hi.selectFrom(tb));
            }
            a0.intoArray(o0, off);
        }
    }

    /**
     * Copies one 32-byte table; as a single vector move it is about 3.5× faster than
     * {@code System.arraycopy}, which matters when a decode writes g × k tables.
     */
    static void copyTable(byte[] from, int fromOffset, byte[] to, int toOffset) {
        ByteVector.fromArray(TABLE, from, fromOffset).intoArray(to, toOffset);
    }

    /**
     * {@code a[dst + i] ^= c × a[src + i]} for i in [0, len); {@code len} a multiple of
     * {@link #LANES}. Used for the row operations of the recovery matrix, whose rows are padded.
     */
    static void mulAddRow(byte[] a, int dst, int src, int c, int len) {
        ByteVector table = ByteVector.fromArray(SPECIES, NibbleTables.all(), c * T);
        for (int i = 0; i < len; i += LANES) {
            ByteVector x = ByteVector.fromArray(SPECIES, a, src + i);
            ByteVector product = x.and((byte) 0x0F).selectFrom(table)
                    .lanewise(XOR, x.lanewise(LSHR, 4).or((byte) 0x10).selectFrom(table));
            ByteVector.fromArray(SPECIES, a, dst + i).lanewise(XOR, product).intoArray(a, dst + i);
        }
    }

    /** {@code a[off + i] = c × a[off + i]} for i in [0, len); {@code len} a multiple of {@link #LANES}. */
    static void scaleRow(byte[] a, int off, int c, int len) {
        ByteVector table = ByteVector.fromArray(SPECIES, NibbleTables.all(), c * T);
        for (int i = 0; i < len; i += LANES) {
            ByteVector x = ByteVector.fromArray(SPECIES, a, off + i);
            x.and((byte) 0x0F).selectFrom(table)
                    .lanewise(XOR, x.lanewise(LSHR, 4).or((byte) 0x10).selectFrom(table))
                    .intoArray(a, off + i);
        }
    }
}
