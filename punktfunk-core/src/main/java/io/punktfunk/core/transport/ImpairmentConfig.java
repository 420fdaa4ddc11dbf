package io.punktfunk.core.transport;

/**
 * What an {@link ImpairedTransport} does to outgoing datagrams. Everything is off by default;
 * every random choice comes from one seeded generator, so a run with the same seed and the same
 * traffic is the same run.
 */
public final class ImpairmentConfig {

    private long seed = 1;
    private double lossRate;
    private double burstEnterRate;
    private double burstExitRate = 1.0;
    private double burstLossRate = 1.0;
    private int dropEveryNth;
    private double duplicateRate;
    private double reorderRate;
    private int reorderDistance = 3;
    private long reorderMaxHoldNs = 10_000_000L;
    private double corruptRate;
    private int corruptBits = 1;
    private long rateBytesPerSecond;
    private long rateBurstBytes = 64 * 1024;

    /** Seed of the random generator. */
    public ImpairmentConfig seed(long seed) {
        this.seed = seed;
        return this;
    }

    public long seed() {
        return seed;
    }

    /** Independent random loss probability per datagram. */
    public ImpairmentConfig lossRate(double p) {
        this.lossRate = probability(p, "loss rate");
        return this;
    }

    public double lossRate() {
        return lossRate;
    }

    /**
     * Gilbert-Elliott burst loss: per datagram, the good state turns bad with {@code enter} and
     * the bad state turns good with {@code exit}; bad-state datagrams are lost with
     * {@link #burstLossRate(double)} (default 1). Mean burst length is 1/exit; long-run loss is
     * enter/(enter+exit) × burstLossRate.
     */
    public ImpairmentConfig burstLoss(double enter, double exit) {
        this.burstEnterRate = probability(enter, "burst enter rate");
        this.burstExitRate = probability(exit, "burst exit rate");
        return this;
    }

    public double burstEnterRate() {
        return burstEnterRate;
    }

    public double burstExitRate() {
        return burstExitRate;
    }

    /** Loss probability while in the bad state. */
    public ImpairmentConfig burstLossRate(double p) {
        this.burstLossRate = probability(p, "burst loss rate");
        return this;
    }

    public double burstLossRate() {
        return burstLossRate;
    }

    /** Deterministic loss of every n-th datagram (n, 2n, ...); 0 = off. */
    public ImpairmentConfig dropEveryNth(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be ≥ 0: " + n);
        }
        this.dropEveryNth = n;
        return this;
    }

    public int dropEveryNth() {
        return dropEveryNth;
    }

    /** Probability that a datagram is sent twice. */
    public ImpairmentConfig duplicateRate(double p) {
        this.duplicateRate = probability(p, "duplicate rate");
        return this;
    }

    public double duplicateRate() {
        return duplicateRate;
    }

    /**
     * Probability that a datagram is held back and released after {@code distance} later
     * datagrams (or after {@code maxHoldNs}, whichever comes first).
     */
    public ImpairmentConfig reorder(double p, int distance, long maxHoldNs) {
        this.reorderRate = probability(p, "reorder rate");
        if (distance < 1 || maxHoldNs < 0) {
            throw new IllegalArgumentException("reorder distance must be ≥ 1 and hold ≥ 0");
        }
        this.reorderDistance = distance;
        this.reorderMaxHoldNs = maxHoldNs;
        return this;
    }

    public double reorderRate() {
        return reorderRate;
    }

    public int reorderDistance() {
        return reorderDistance;
    }

    public long reorderMaxHoldNs() {
        return reorderMaxHoldNs;
    }

    /** Probability that a datagram gets {@code bits} random bit flips. */
    public ImpairmentConfig corrupt(double p, int bits) {
        this.corruptRate = probability(p, "corrupt rate");
        if (bits < 1) {
            throw new IllegalArgumentException("corrupt bits must be ≥ 1: " + bits);
        }
        this.corruptBits = bits;
        return this;
    }

    public double corruptRate() {
        return corruptRate;
    }

    public int corruptBits() {
        return corruptBits;
    }

    /** Token-bucket rate cap: datagrams beyond it are dropped (a policer, not a queue); 0 = off. */
    public ImpairmentConfig rateCap(long bytesPerSecond, long burstBytes) {
        if (bytesPerSecond < 0 || burstBytes < 0) {
            throw new IllegalArgumentException("rate and burst must be ≥ 0");
        }
        this.rateBytesPerSecond = bytesPerSecond;
        this.rateBurstBytes = burstBytes;
        return this;
    }

    public long rateBytesPerSecond() {
        return rateBytesPerSecond;
    }

    public long rateBurstBytes() {
        return rateBurstBytes;
    }

    private static double probability(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1]: " + p);
        }
        return p;
    }
}
