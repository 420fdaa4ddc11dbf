package io.punktfunk.core.fec.conformance;

/**
 * The vectors' data generator ({@code "splitmix64-le"}): SplitMix64 outputs, each written least
 * significant byte first, as one continuous stream across all shards.
 */
public final class SplitMix64Bytes {
    private long state;
    private long word;
    private int bytesLeftInWord;

    public SplitMix64Bytes(long seed) {
        this.state = seed;
    }

    private long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Fills {@code dst[off..off+len)} with the next bytes of the stream. */
    public void fill(byte[] dst, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (bytesLeftInWord == 0) {
                word = next();
                bytesLeftInWord = 8;
            }
            dst[off + i] = (byte) word;
            word >>>= 8;
            bytesLeftInWord--;
        }
    }

    /** k shards of {@code shardBytes}, filled in index order from one stream starting at seed. */
    public static byte[][] shards(long seed, int k, int shardBytes) {
        SplitMix64Bytes gen = new SplitMix64Bytes(seed);
        byte[][] out = new byte[k][shardBytes];
        for (byte[] s : out) {
            gen.fill(s, 0, shardBytes);
        }
        return out;
    }
}
