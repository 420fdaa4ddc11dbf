package io.punktfunk.media.source;

import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * A frame counter and capture timestamp written into a picture's pixels so they survive lossy
 * encoding: 128 bits (32-bit counter, 64-bit timestamp, 32-bit check) as black or white luma
 * blocks, 64 per row in two rows across the top of the picture. Blocks are {@code width / 64}
 * pixels square (20 px at 1280 wide); reading averages the inner half of each block and
 * thresholds at mid-grey, so coding noise and deblocking at block edges do not flip bits. The
 * check rejects pictures whose band is damaged (e.g. decoded after a lost frame).
 *
 * @param counter   the source's frame counter (low 32 bits)
 * @param captureNs the capture timestamp in nanoseconds of the source's clock
 */
public record SyntheticStamp(long counter, long captureNs) {

    /** Blocks per row of the band. */
    public static final int COLUMNS = 64;
    /** Rows of blocks. */
    public static final int ROWS = 2;
    /** Smallest block edge that still reads reliably after encoding. */
    public static final int MIN_BLOCK = 8;
    static final int BLACK = 16;
    static final int WHITE = 235;
    private static final int THRESHOLD = (BLACK + WHITE) / 2;

    /** Block edge in pixels for a picture {@code width} wide. */
    public static int blockSize(int width) {
        return width / COLUMNS;
    }

    /** Whether a picture of this size has room for the stamp band. */
    public static boolean fits(int width, int height) {
        int block = blockSize(width);
        return block >= MIN_BLOCK && height >= 4 * ROWS * block;
    }

    /** Writes this stamp into the luma of an I420 picture (and neutral chroma under the band). */
    public void write(Picture picture) {
        write(picture, counter, captureNs);
    }

    /** Writes a stamp of these fields without creating a record (the per-frame path). */
    public static void write(Picture picture, long counter, long captureNs) {
        requireStampable(picture);
        int block = blockSize(picture.width());
        long check = check(counter, captureNs);
        MemorySegment luma = picture.plane(0);
        int stride = picture.stride(0);
        for (int bit = 0; bit < COLUMNS * ROWS; bit++) {
            byte value = (byte) (bit(bit, counter, captureNs, check) ? WHITE : BLACK);
            int x0 = (bit % COLUMNS) * block;
            int y0 = (bit / COLUMNS) * block;
            for (int y = y0; y < y0 + block; y++) {
                luma.asSlice((long) y * stride + x0, block).fill(value);
            }
        }
        int chromaRows = ROWS * block / 2;
        int chromaBytes = COLUMNS * block / 2;
        for (int p = 1; p <= 2; p++) {
            for (int y = 0; y < chromaRows; y++) {
                picture.plane(p).asSlice((long) y * picture.stride(p), chromaBytes).fill((byte) 128);
            }
        }
    }

    /** Reads the stamp from an I420 picture; empty when the band does not pass its check. */
    public static Optional<SyntheticStamp> read(Picture picture) {
        requireStampable(picture);
        int block = blockSize(picture.width());
        MemorySegment luma = picture.plane(0);
        int stride = picture.stride(0);
        int inset = block / 4;
        int span = block - 2 * inset;
        long counter = 0;
        long captureNs = 0;
        long check = 0;
        for (int bit = 0; bit < COLUMNS * ROWS; bit++) {
            int x0 = (bit % COLUMNS) * block + inset;
            int y0 = (bit / COLUMNS) * block + inset;
            long sum = 0;
            for (int y = y0; y < y0 + span; y++) {
                long row = (long) y * stride + x0;
                for (int x = 0; x < span; x++) {
                    sum += luma.get(ValueLayout.JAVA_BYTE, row + x) & 0xFF;
                }
            }
            long one = sum > (long) THRESHOLD * span * span ? 1 : 0;
            if (bit < 32) {
                counter |= one << bit;
            } else if (bit < 96) {
                captureNs |= one << (bit - 32);
            } else {
                check |= one << (bit - 96);
            }
        }
        if (check != check(counter, captureNs)) {
            return Optional.empty();
        }
        return Optional.of(new SyntheticStamp(counter, captureNs));
    }

    private static boolean bit(int bit, long counter, long captureNs, long check) {
        if (bit < 32) {
            return ((counter >>> bit) & 1) != 0;
        } else if (bit < 96) {
            return ((captureNs >>> (bit - 32)) & 1) != 0;
        }
        return ((check >>> (bit - 96)) & 1) != 0;
    }

    /** 32 bits of a SplitMix64 finaliser over both fields: any flipped bit changes it. */
    static long check(long counter, long captureNs) {
        long z = (counter & 0xFFFF_FFFFL) * 0x9E37_79B9_7F4A_7C15L ^ captureNs;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z ^= z >>> 31;
        return z & 0xFFFF_FFFFL;
    }

    private static void requireStampable(Picture picture) {
        if (picture.format() != PixelFormat.I420) {
            throw new IllegalArgumentException("stamps live in I420 luma, got " + picture);
        }
        if (!fits(picture.width(), picture.height())) {
            throw new IllegalArgumentException("picture too small for a stamp (needs width >= "
                    + COLUMNS * MIN_BLOCK + "): " + picture);
        }
    }
}
