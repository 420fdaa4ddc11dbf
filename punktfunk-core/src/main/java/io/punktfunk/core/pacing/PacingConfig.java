package io.punktfunk.core.pacing;

/**
 * Pacer settings (punktfunk-reference.md §1.13, the Rust host's {@code send_pacing.rs}); fluent,
 * with defaults that say why.
 */
public final class PacingConfig {

    /** 3 × the bitrate: a frame leaves in about a third of its interval, leaving slack for jitter. */
    public static final double DEFAULT_FACTOR = 3.0;
    /** The initial burst is what the pace rate sends in 10 ms... */
    public static final long DEFAULT_BURST_WINDOW_NS = 10_000_000L;
    /** ...but at least 16 KiB (small frames go out at once)... */
    public static final int DEFAULT_MIN_BURST_BYTES = 16 * 1024;
    /** ...and at most 256 KiB (what a switch port buffer absorbs without dropping). */
    public static final int DEFAULT_MAX_BURST_BYTES = 256 * 1024;
    /** 16 datagrams per paced send: one sendmmsg/GSO call, short enough gaps for the receiver. */
    public static final int DEFAULT_CHUNK_PACKETS = 16;
    /** A frame may take at most 2 frame intervals to leave, so pacing never builds a backlog. */
    public static final double DEFAULT_MAX_FRAME_INTERVALS = 2.0;
    /** And never more than 100 ms, whatever the frame rate. */
    public static final long DEFAULT_MAX_SPREAD_NS = 100_000_000L;
    /** Sleeps shorter than 500 µs are skipped: the OS overshoots them by about as much. */
    public static final long DEFAULT_MIN_SLEEP_NS = 500_000L;
    /** Without a rate (factor 0), the burst is at least 128 KiB or a quarter of the frame. */
    public static final int DEADLINE_ONLY_MIN_BURST_BYTES = 128 * 1024;

    /** With a link estimate, pace at most at 95 % of it: the estimate is a measurement, not a promise. */
    public static final double DEFAULT_LINK_SHARE = 0.95;
    /**
     * With a link estimate, burst at most what the link drains in 2 ms: a 5 ms tbf/switch queue
     * then keeps headroom for the chunks that follow and for other traffic.
     */
    public static final long DEFAULT_QUEUE_BURST_NS = 2_000_000L;

    private boolean enabled = true;
    private double linkShare = DEFAULT_LINK_SHARE;
    private long queueBurstNs = DEFAULT_QUEUE_BURST_NS;
    private double factor = DEFAULT_FACTOR;
    private long burstWindowNs = DEFAULT_BURST_WINDOW_NS;
    private int minBurstBytes = DEFAULT_MIN_BURST_BYTES;
    private int maxBurstBytes = DEFAULT_MAX_BURST_BYTES;
    private int chunkPackets = DEFAULT_CHUNK_PACKETS;
    private double maxFrameIntervals = DEFAULT_MAX_FRAME_INTERVALS;
    private long maxSpreadNs = DEFAULT_MAX_SPREAD_NS;
    private long minSleepNs = DEFAULT_MIN_SLEEP_NS;

    /** Off = every frame is sent at once in one batch. */
    public PacingConfig enabled(boolean on) {
        this.enabled = on;
        return this;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Pace rate as a multiple of the stream bitrate; 0 = spread over the frame interval only. */
    public PacingConfig factor(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("pace factor must be ≥ 0: " + factor);
        }
        this.factor = factor;
        return this;
    }

    public double factor() {
        return factor;
    }

    /** Burst = clamp(window × rate, min, max). */
    public PacingConfig burst(long windowNs, int minBytes, int maxBytes) {
        if (windowNs < 0 || minBytes < 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException("burst needs window ≥ 0 and 0 ≤ min ≤ max");
        }
        this.burstWindowNs = windowNs;
        this.minBurstBytes = minBytes;
        this.maxBurstBytes = maxBytes;
        return this;
    }

    public long burstWindowNs() {
        return burstWindowNs;
    }

    public int minBurstBytes() {
        return minBurstBytes;
    }

    public int maxBurstBytes() {
        return maxBurstBytes;
    }

    /** Datagrams per paced send after the burst. */
    public PacingConfig chunkPackets(int packets) {
        if (packets < 1) {
            throw new IllegalArgumentException("chunk must be ≥ 1 packet: " + packets);
        }
        this.chunkPackets = packets;
        return this;
    }

    public int chunkPackets() {
        return chunkPackets;
    }

    /** Caps on the spread budget: frame intervals and absolute. */
    public PacingConfig maxSpread(double frameIntervals, long ns) {
        if (!(frameIntervals > 0) || ns <= 0) {
            throw new IllegalArgumentException("spread caps must be > 0");
        }
        this.maxFrameIntervals = frameIntervals;
        this.maxSpreadNs = ns;
        return this;
    }

    public double maxFrameIntervals() {
        return maxFrameIntervals;
    }

    public long maxSpreadNs() {
        return maxSpreadNs;
    }

    /** Waits shorter than this are not slept (the chunk goes out at once). */
    public PacingConfig minSleepNs(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("min sleep must be ≥ 0: " + ns);
        }
        this.minSleepNs = ns;
        return this;
    }

    public long minSleepNs() {
        return minSleepNs;
    }

    /** Share of the link estimate the pace rate may reach, and the queue time a burst may fill. */
    public PacingConfig link(double share, long queueBurstNs) {
        if (!(share > 0 && share <= 1) || queueBurstNs <= 0) {
            throw new IllegalArgumentException("link share must be in (0, 1] and queue burst > 0");
        }
        this.linkShare = share;
        this.queueBurstNs = queueBurstNs;
        return this;
    }

    public double linkShare() {
        return linkShare;
    }

    public long queueBurstNs() {
        return queueBurstNs;
    }
}
