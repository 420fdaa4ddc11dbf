package io.punktfunk.core.fec;

/** Creates the coder for a scheme. Each call returns a fresh, single-thread instance. */
public final class ErasureCoders {
    private ErasureCoders() {
    }

    public static ErasureCoder create(FecScheme scheme) {
        return switch (scheme) {
            case GF8_CAUCHY -> new io.punktfunk.core.fec.gf8.CauchyGf8Coder();
            case GF16_LEOPARD -> new io.punktfunk.core.fec.gf16.LeopardGf16Coder();
        };
    }
}
