package io.punktfunk.core.fec.conformance;

import io.punktfunk.core.fec.ErasureCoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks a coder against one vector: regenerate the data, check its hash, encode, compare every
 * recovery shard's hash, then erase originals and decode them back.
 */
public final class FecVectorCheck {
    private FecVectorCheck() {
    }

    /** Outcome of one vector: {@code failure} is null when it passed. */
    public record Result(FecVector vector, String failure, long encodeNanos) {
        public boolean passed() {
            return failure == null;
        }
    }

    public static Result run(ErasureCoder coder, FecVector v) {
        try {
            byte[][] data = SplitMix64Bytes.shards(v.seed(), v.k(), v.shardBytes());
            MessageDigest all = sha256();
            for (byte[] s : data) {
                all.update(s);
            }
            String dataHash = hex(all.digest());
            if (!dataHash.equals(v.dataSha256())) {
                return new Result(v, "data hash mismatch (generator bug): " + dataHash, 0);
            }
            byte[][] recovery = new byte[v.r()][v.shardBytes()];
            long t0 = System.nanoTime();
            coder.encode(data, v.k(), recovery, v.r(), v.shardBytes());
            long encodeNanos = System.nanoTime() - t0;
            MessageDigest joined = sha256();
            int firstBad = -1;
            for (int j = 0; j < v.r(); j++) {
                joined.update(recovery[j]);
                if (firstBad < 0 && j < v.recoverySha256().size()
                        && !hex(sha256().digest(recovery[j])).equals(v.recoverySha256().get(j))) {
                    firstBad = j;
                }
            }
            if (firstBad >= 0) {
                return new Result(v, "recovery shard " + firstBad + " differs", encodeNanos);
            }
            if (!hex(joined.digest()).equals(v.allRecoverySha256())) {
                return new Result(v, "joined recovery hash differs", encodeNanos);
            }
            String decodeFailure = checkDecode(coder, v, data, recovery);
            return new Result(v, decodeFailure, encodeNanos);
        } catch (RuntimeException e) {
            return new Result(v, e.getClass().getSimpleName() + ": " + e.getMessage(), 0);
        }
    }

    /** Erase min(r, k) originals spread over the block, decode, and compare with the data. */
    private static String checkDecode(ErasureCoder coder, FecVector v, byte[][] data, byte[][] recovery) {
        int k = v.k();
        int r = v.r();
        int lose = Math.min(r, k);
        byte[][] shards = new byte[k + r][];
        boolean[] present = new boolean[k + r];
        for (int i = 0; i < k; i++) {
            shards[i] = data[i].clone();
            present[i] = true;
        }
        for (int j = 0; j < r; j++) {
            shards[k + j] = recovery[j];
            present[k + j] = true;
        }
        // Lose every (k/lose)-th original, so the erasures span the whole block.
        int step = Math.max(1, k / lose);
        int lost = 0;
        for (int i = 0; i < k && lost < lose; i += step, lost++) {
            present[i] = false;
            java.util.Arrays.fill(shards[i], (byte) 0x5A);
        }
        int restored = coder.decode(shards, present, k, r, v.shardBytes());
        if (restored != lost) {
            return "decode restored " + restored + " originals, expected " + lost;
        }
        for (int i = 0; i < k; i++) {
            if (!java.util.Arrays.equals(shards[i], 0, v.shardBytes(), data[i], 0, v.shardBytes())) {
                return "decode restored original " + i + " wrongly";
            }
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
