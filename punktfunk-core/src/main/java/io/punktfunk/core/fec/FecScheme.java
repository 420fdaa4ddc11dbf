package io.punktfunk.core.fec;

/** The erasure codes punktfunk speaks, with the id each carries on the wire. */
public enum FecScheme {
    /** GF(2^8) Cauchy Reed-Solomon, nanors-compatible; what Moonlight uses. k + m ≤ 255. */
    GF8_CAUCHY(0, 255, "gf8-nanors"),
    /** GF(2^16) Leopard Reed-Solomon, reed-solomon-simd 3.x compatible. k + m ≤ 65535. */
    GF16_LEOPARD(1, 65535, "gf16-leopard");

    private final int wireId;
    private final int maxTotalShards;
    private final String vectorName;

    FecScheme(int wireId, int maxTotalShards, String vectorName) {
        this.wireId = wireId;
        this.maxTotalShards = maxTotalShards;
        this.vectorName = vectorName;
    }

    /** Value of the packet header's FEC scheme byte. */
    public int wireId() {
        return wireId;
    }

    /** Largest k + m one block may have. */
    public int maxTotalShards() {
        return maxTotalShards;
    }

    /** Name used by the conformance vector files ({@code "scheme"} field). */
    public String vectorName() {
        return vectorName;
    }

    /** The scheme with this wire id, or {@code null} if there is none (a malformed packet). */
    public static FecScheme fromWireId(int id) {
        return switch (id) {
            case 0 -> GF8_CAUCHY;
            case 1 -> GF16_LEOPARD;
            default -> null;
        };
    }

    /** The scheme a vectors file names, e.g. {@code "gf16-leopard"}. */
    public static FecScheme fromVectorName(String name) {
        for (FecScheme s : values()) {
            if (s.vectorName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown FEC scheme '" + name + "' (known: gf16-leopard, gf8-nanors)");
    }
}
