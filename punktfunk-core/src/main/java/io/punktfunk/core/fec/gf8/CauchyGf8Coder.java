package io.punktfunk.core.fec.gf8;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.fec.FecShapes;
import java.util.Arrays;

/**
 * GF(2^8) Cauchy Reed-Solomon, byte-identical to nanors as Moonlight uses it
 * ({@code reed_solomon_new(k, m)}, one encode over k data and m parity shards of equal length).
 * See {@link CauchyMatrix} for the code and {@link VectorKernel} for the SIMD multiply.
 *
 * <p>Encode tables are built once per (k, m) and kept while the shape repeats; decode plans each
 * erasure pattern with a {@link RecoveryMatrix}. All buffers grow to the largest shape seen and
 * are reused: steady-state calls allocate nothing. Not thread-safe.
 */
public final class CauchyGf8Coder implements ErasureCoder {
    private final RecoveryMatrix recovery = new RecoveryMatrix();
    /** Shards read and written by the current decode, by result column and row. */
    private final byte[][] decodeSources = new byte[255][];
    private final byte[][] decodeTargets = new byte[255][];
    private byte[] encodeTables = new byte[0];
    private int encodeK;
    private int encodeM;

    @Override
    public FecScheme scheme() {
        return FecScheme.GF8_CAUCHY;
    }

    @Override
    public void encode(byte[][] originals, int k, byte[][] recoveryShards, int m, int shardBytes) {
        FecShapes.checkShape(FecScheme.GF8_CAUCHY, k, m, shardBytes);
        FecShapes.checkBuffers("original", originals, 0, k, shardBytes);
        FecShapes.checkBuffers("recovery", recoveryShards, 0, m, shardBytes);
        if (k != encodeK || m != encodeM) {
            int need = k * m * NibbleTables.BYTES + NibbleTables.PAD;
            if (encodeTables.length < need) {
                encodeTables = new byte[need];
            }
            CauchyMatrix.writeEncodeTables(k, m, encodeTables);
            encodeK = k;
            encodeM = m;
        }
        multiply(encodeTables, m, k, originals, recoveryShards, shardBytes);
    }

    @Override
    public int decode(byte[][] shards, boolean[] present, int k, int m, int shardBytes) {
        if (FecShapes.checkDecode(FecScheme.GF8_CAUCHY, shards, present, k, m, shardBytes) == 0) {
            return 0;
        }
        int g = recovery.prepare(present, k, m);
        for (int c = 0; c < k; c++) {
            decodeSources[c] = shards[recovery.source(c)];
        }
        for (int r = 0; r < g; r++) {
            decodeTargets[r] = shards[recovery.missing(r)];
        }
        multiply(recovery.tables(), g, k, decodeSources, decodeTargets, shardBytes);
        // Drop the references so the coder does not keep the caller's shards alive.
        Arrays.fill(decodeSources, 0, k, null);
        Arrays.fill(decodeTargets, 0, g, null);
        return g;
    }

    private static void multiply(byte[] tables, int rows, int cols, byte[][] in, byte[][] out, int len) {
        if (VectorKernel.AVAILABLE && len >= VectorKernel.LANES) {
            VectorKernel.multiply(tables, rows, cols, in, out, len);
        } else {
            ScalarKernel.multiply(tables, rows, cols, in, out, len);
        }
    }
}
