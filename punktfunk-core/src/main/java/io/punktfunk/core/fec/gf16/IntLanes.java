package io.punktfunk.core.fec.gf16;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The int vector species of the decoder's locator code ({@link Fwht}, {@link ErasureLocator}): the
 * widest the CPU runs natively, capped at 16 lanes (AVX-512 16, AVX2 8, AVX or SSE or NEON 4). A
 * species the CPU lacks runs the Vector API's Java fallback, boxed and allocating: with 512-bit on
 * an AVX2-only Zen 3, 1000+100 decoded at 10–14 MB/s with about 50 MB allocated per call. Chosen
 * once at class init, so every kernel stays monomorphic on a constant species, which C2 needs to
 * intrinsify it.
 *
 * <p>Below 128 bits (only if forced, e.g. {@code -XX:MaxVectorSize=8}) the 2-lane species measured
 * boxed on Zen 3, so the locator code runs scalar there instead.
 */
final class IntLanes {
    private static final int PREFERRED_BITS = IntVector.SPECIES_PREFERRED.vectorBitSize();
    /** Whether the locator code uses vectors at all; else it runs scalar. */
    static final boolean VECTORIZED = PREFERRED_BITS >= 128;
    static final VectorSpecies<Integer> SPECIES = forBits(PREFERRED_BITS);
    /** Ints per vector: 16, 8 or 4. */
    static final int COUNT = SPECIES.length();
    /** log2 of {@link #COUNT}: how many Walsh–Hadamard layers run inside one vector. */
    static final int LOG2 = Integer.numberOfTrailingZeros(COUNT);

    private IntLanes() {
    }

    /** The species for a preferred vector size in bits; 128-bit (unused) when not {@link #VECTORIZED}. */
    static VectorSpecies<Integer> forBits(int preferredBits) {
        if (preferredBits >= 512) {
            return IntVector.SPECIES_512;
        }
        return preferredBits >= 256 ? IntVector.SPECIES_256 : IntVector.SPECIES_128;
    }
}
