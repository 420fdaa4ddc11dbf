package io.punktfunk.core.fec.gf16;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The int vector species of the decoder's locator code ({@link Fwht}, {@link ErasureLocator}): the
 * widest the CPU runs natively, capped at 16 lanes. A species the CPU lacks runs the Vector API's
 * Java fallback, boxed and allocating (512-bit on an AVX2-only Zen 3 decoded at 14 MB/s with 50 MB
 * allocated per call). Chosen once at class init, so every kernel stays monomorphic on a constant
 * species, which C2 needs to intrinsify it.
 */
final class IntLanes {
    static final VectorSpecies<Integer> SPECIES = forBits(IntVector.SPECIES_PREFERRED.vectorBitSize());
    /** Ints per vector: 16, 8, 4 or 2. */
    static final int COUNT = SPECIES.length();
    /** log2 of {@link #COUNT}: how many Walsh–Hadamard layers run inside one vector. */
    static final int LOG2 = Integer.numberOfTrailingZeros(COUNT);

    private IntLanes() {
    }

    /** The species for a preferred vector size in bits: 512 on AVX-512, 256 on AVX2, 128 on NEON or SSE. */
    static VectorSpecies<Integer> forBits(int preferredBits) {
        if (preferredBits >= 512) {
            return IntVector.SPECIES_512;
        }
        if (preferredBits >= 256) {
            return IntVector.SPECIES_256;
        }
        return preferredBits >= 128 ? IntVector.SPECIES_128 : IntVector.SPECIES_64;
    }
}
