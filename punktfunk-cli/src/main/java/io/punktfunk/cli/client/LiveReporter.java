package io.punktfunk.cli.client;

import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.stream.StreamStats;
import io.punktfunk.client.view.ViewerStats;
import io.punktfunk.core.session.SessionStats;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Once a second: one line of live figures on stderr, the same figures to the viewer's overlay, and a
 * loss report to the host (which drives adaptive FEC).
 */
public final class LiveReporter {
    private final ClientStream stream;
    private final PrintWriter err;
    private final LongSupplier hostFramesSent;
    private StreamStats last;
    private SessionStats lastData;
    private long lastNs;
    private int window;

    /** @param hostFramesSent frames the host sent so far when it runs in this process, else null */
    public LiveReporter(ClientStream stream, PrintWriter err, LongSupplier hostFramesSent) {
        this.stream = stream;
        this.err = err;
        this.hostFramesSent = hostFramesSent;
        this.last = stream.stats();
        this.lastData = stream.dataPlaneStats();
        this.lastNs = System.nanoTime();
    }

    /**
     * Runs until {@code seconds} passed (≤ 0 = until the stream ends) or the stream stops.
     *
     * @return the seconds actually streamed
     */
    public double run(double seconds, long startNs) throws InterruptedException {
        long endNs = seconds > 0 ? startNs + (long) (seconds * 1e9) : Long.MAX_VALUE;
        long next = startNs + TimeUnit.SECONDS.toNanos(1);
        while (stream.isRunning()) {
            long now = System.nanoTime();
            long until = Math.min(next, endNs);
            if (until - now > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(until - now, TimeUnit.MILLISECONDS.toNanos(100)));
                continue;
            }
            if (now - next >= 0) {
                tick(now, startNs);
                next += TimeUnit.SECONDS.toNanos(1);
            }
            if (now - endNs >= 0) {
                break;
            }
        }
        return (System.nanoTime() - startNs) / 1e9;
    }

    /** The bitrate in force and why it last moved: {@code abr 140.0 Mbps down}. */
    private String abr() {
        String why = switch (stream.bitrateReason()) {
            case 2 -> " down";
            case 3 -> " up";
            case 4 -> " ramp";
            case 1 -> " clamped";
            default -> "";
        };
        long link = stream.rampLinkBps();
        return String.format("abr %.1f Mbps%s%s", stream.bitrateKbps() / 1000.0, why,
                link > 0 ? String.format(" (ramp link %.0f Mbps)", link / 1e6) : "");
    }

    private void tick(long now, long startNs) {
        StreamStats s = stream.stats();
        SessionStats d = stream.dataPlaneStats();
        Histogram h = stream.intervalLatency();
        double dt = (now - lastNs) / 1e9;
        double fps = (s.framesShown() - last.framesShown()) / dt;
        double mbps = (s.mediaBytes() - last.mediaBytes()) * 8 / dt / 1e6;
        double p50 = h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50) / 1000.0;
        double p99 = h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0;
        long fec = s.fecRecovered() - last.fecRecovered();
        long lost = s.framesLost() - last.framesLost();
        String host = hostFramesSent == null ? "" : String.format("sent %d  ", hostFramesSent.getAsLong());
        String latency = stream.measuresLatency()
                ? String.format("latency p50 %5.2f ms p99 %6.2f ms", p50, p99)
                : "latency n/a (host clock not shared)";
        err.printf("[%3.0fs] %s shown %d  %5.1f fps  %6.2f Mbps  %s  lost %d  fec +%d  keyframe req %d  audio %d  %s%n",
                (now - startNs) / 1e9, host, s.framesShown(), fps, mbps, latency, lost, fec, s.keyframeRequests(),
                s.audioPlayed(), abr());
        err.flush();
        long packets = d.packetsReceived() - lastData.packetsReceived();
        double lossPercent = packets + fec == 0 ? 0 : 100.0 * fec / (packets + fec);
        stream.showStats(new ViewerStats(fps, mbps, p50, p99, lossPercent, s.fecRecovered(),
                s.framesLost() + s.framesDamaged()));
        stream.reportReceiverStats(window, d, h);
        stream.reportLoss(window++, lastData, d);
        last = s;
        lastData = d;
        lastNs = now;
    }
}
