package io.punktfunk.core.session;

import java.util.Locale;

/**
 * The {@code PUNKTFUNK_PERF=1} line (punktfunk-reference.md §3.7): once a second the host's send
 * thread logs what it sealed and sent in that window and where the per-packet time went. Kept as
 * deltas of monotonic totals so the hot path only adds to plain fields.
 */
final class PerfLine {
    /** Environment switch, read once. */
    static final boolean ENABLED = "1".equals(System.getenv("PUNKTFUNK_PERF"));
    /** One line per second. */
    static final long INTERVAL_NS = 1_000_000_000L;

    private long windowStartNs;
    private long sealedBytes0;
    private long sentBytes0;
    private long sendDropped0;
    private long packets0;
    private long frames0;
    private long fecNs0;
    private long sealNs0;
    private long socketNs0;

    PerfLine(long nowNs) {
        this.windowStartNs = nowNs;
    }

    /** Whether a line is due at {@code nowNs}. */
    boolean due(long nowNs) {
        return nowNs - windowStartNs >= INTERVAL_NS;
    }

    /** Formats the window ending at {@code nowNs} from the running totals and starts the next one. */
    String roll(String name, long nowNs, long sealedBytes, long sentBytes, long sendDropped, long packets, long frames,
                long fecNs, long sealNs, long socketNs) {
        String line = format(name, nowNs - windowStartNs, sealedBytes - sealedBytes0, sentBytes - sentBytes0,
                sendDropped - sendDropped0, sendDropped, packets - packets0, frames - frames0,
                fecNs - fecNs0, sealNs - sealNs0, socketNs - socketNs0);
        windowStartNs = nowNs;
        sealedBytes0 = sealedBytes;
        sentBytes0 = sentBytes;
        sendDropped0 = sendDropped;
        packets0 = packets;
        frames0 = frames;
        fecNs0 = fecNs;
        sealNs0 = sealNs;
        socketNs0 = socketNs;
        return line;
    }

    /**
     * One window as a log line: tx Mbit/s attempted (sealed wire bytes) and sent (kernel took),
     * send drops in the window and in total, frames and packets, then FEC (packetize + parity),
     * seal and socket nanoseconds per packet.
     */
    static String format(String name, long windowNs, long sealedBytes, long sentBytes, long sendDropped,
                         long sendDroppedTotal, long packets, long frames, long fecNs, long sealNs, long socketNs) {
        double seconds = Math.max(windowNs, 1) / 1e9;
        long p = Math.max(packets, 1);
        return String.format(Locale.ROOT,
                "perf %s: tx_mbps attempted=%.1f sent=%.1f send_dropped=%d send_dropped_total=%d frames=%d"
                        + " sealed_pkts=%d fec_ns_pp=%d seal_ns_pp=%d sock_ns_pp=%d window_ms=%d",
                name, sealedBytes * 8 / seconds / 1e6, sentBytes * 8 / seconds / 1e6, sendDropped, sendDroppedTotal,
                frames, packets, fecNs / p, sealNs / p, socketNs / p, windowNs / 1_000_000);
    }
}
