package io.punktfunk.bench.dataplane;

import io.punktfunk.core.pacing.FramePacer;
import io.punktfunk.core.pacing.PacingConfig;
import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.PeerAddress;
import io.punktfunk.core.transport.TransportCounter;
import io.punktfunk.core.transport.TransportStats;
import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.core.transport.UdpTransportConfig;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Blasts equal-size datagrams from a sender thread to a receiver thread over a real UDP socket
 * pair and reports packets/s, Gbit/s, loss and system calls per packet on each side.
 *
 * <pre>
 * DataplaneThroughput [seconds=5] [datagramBytes=1454] [gso=true] [gro=false] [backend=AUTO] [host=127.0.0.1]
 *                     [rateMbps=0] [fps=60]
 * </pre>
 *
 * With rateMbps 0 the sender blasts 64-datagram batches back to back. Otherwise it sends one
 * frame of rate / fps bytes per frame interval through a {@link FramePacer} (default pacing),
 * which is how the host sends video.
 *
 * On loopback a GRO receiver gets the GSO super-datagram unsplit, so GRO figures there overstate
 * what a real NIC achieves.
 */
public final class DataplaneThroughput {

    /** One run's outcome. */
    public record Result(String backend, double seconds, long sent, long received, long sendDropped,
                         long sendSyscalls, long recvSyscalls, long pollSyscalls, long bytesReceived) {

        /** Received datagrams per second. */
        public double rxPps() {
            return received / seconds;
        }

        /** Sent datagrams per second. */
        public double txPps() {
            return sent / seconds;
        }

        /** Received payload Gbit/s. */
        public double rxGbps() {
            return bytesReceived * 8 / seconds / 1e9;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%s: tx %.0f pkt/s, rx %.0f pkt/s = %.2f Gbit/s payload, loss %.2f %%, send-dropped %d, "
                            + "syscalls/pkt tx %.4f (1 per %.1f) rx %.4f (1 per %.1f, incl. %d polls)",
                    backend, txPps(), rxPps(), rxGbps(), sent == 0 ? 0 : 100.0 * (sent - received) / sent,
                    sendDropped, (double) sendSyscalls / Math.max(1, sent), (double) sent / Math.max(1, sendSyscalls),
                    (double) (recvSyscalls + pollSyscalls) / Math.max(1, received),
                    (double) received / Math.max(1, recvSyscalls + pollSyscalls), pollSyscalls);
        }
    }

    private DataplaneThroughput() {
    }

    /** Runs one measurement. */
    public static Result run(double seconds, int datagramBytes, boolean gso, boolean gro,
                             UdpTransportConfig.Backend backend, String host, long rateMbps, int fps)
            throws Exception {
        InetSocketAddress any = new InetSocketAddress(host, 0);
        try (UdpTransport rx = UdpTransport.open(new UdpTransportConfig().bindAddress(any).gro(gro).backend(backend));
             UdpTransport tx = UdpTransport.open(new UdpTransportConfig().bindAddress(any).gso(gso).backend(backend))) {
            AtomicBoolean stop = new AtomicBoolean();
            TransportStats txStats = tx.stats();
            TransportStats rxStats = rx.stats();
            Thread receiver = Thread.ofPlatform().name("dataplane-rx").start(() -> {
                try (DatagramBatch in = new DatagramBatch(64, Math.max(datagramBytes, 1472))) {
                    long waitNs = 0;
                    while (!stop.get()) {
                        // A batch that came back short means the socket is drained: the next receive waits.
                        waitNs = rx.recvBatch(in, waitNs) < in.capacity() ? 1_000_000L : 0;
                    }
                }
            });
            long startNs;
            long sentAtStop;
            long frameBytes = rateMbps * 1_000_000L / 8 / Math.max(1, fps);
            int perBatch = rateMbps > 0 ? (int) Math.max(1, (frameBytes + datagramBytes - 1) / datagramBytes) : 64;
            Sender sender = rateMbps > 0 ? new FrameSender(rateMbps * 1_000_000L, fps) : DataplaneThroughput::blast;
            try (DatagramBatch out = new DatagramBatch(perBatch, datagramBytes)) {
                PeerAddress dst = PeerAddress.of(rx.localAddress());
                for (int i = 0; i < perBatch; i++) {
                    out.add(datagramBytes, dst);
                }
                // Warm-up so the JIT has compiled the paths before the clock starts.
                long warmEnd = System.nanoTime() + 500_000_000L;
                while (System.nanoTime() - warmEnd < 0) {
                    sender.send(tx, out);
                }
                Thread.sleep(50);
                long s0 = txStats.get(TransportCounter.PACKETS_SENT);
                long r0 = rxStats.get(TransportCounter.PACKETS_RECEIVED);
                long b0 = rxStats.get(TransportCounter.BYTES_RECEIVED);
                long d0 = txStats.get(TransportCounter.PACKETS_SEND_DROPPED);
                long ss0 = txStats.get(TransportCounter.SEND_SYSCALLS);
                long rs0 = rxStats.get(TransportCounter.RECV_SYSCALLS);
                long ps0 = rxStats.get(TransportCounter.POLL_SYSCALLS);
                startNs = System.nanoTime();
                long endNs = startNs + (long) (seconds * 1e9);
                while (System.nanoTime() - endNs < 0) {
                    sender.send(tx, out);
                }
                sentAtStop = txStats.get(TransportCounter.PACKETS_SENT) - s0;
                Thread.sleep(100); // let the receiver drain what is in flight
                double elapsed = (System.nanoTime() - startNs - 100_000_000L) / 1e9;
                stop.set(true);
                receiver.join();
                return new Result(tx.backendName() + " -> " + rx.backendName(), elapsed, sentAtStop,
                        rxStats.get(TransportCounter.PACKETS_RECEIVED) - r0,
                        txStats.get(TransportCounter.PACKETS_SEND_DROPPED) - d0,
                        txStats.get(TransportCounter.SEND_SYSCALLS) - ss0,
                        rxStats.get(TransportCounter.RECV_SYSCALLS) - rs0,
                        rxStats.get(TransportCounter.POLL_SYSCALLS) - ps0,
                        rxStats.get(TransportCounter.BYTES_RECEIVED) - b0);
            }
        }
    }

    /** Sends one round of traffic. */
    private interface Sender {
        void send(UdpTransport tx, DatagramBatch out);
    }

    private static void blast(UdpTransport tx, DatagramBatch out) {
        tx.sendBatch(out);
    }

    /** One paced frame per frame interval, like the host's video sender. */
    private static final class FrameSender implements Sender {
        private final FramePacer pacer = FramePacer.system(new PacingConfig());
        private final long bitrateBps;
        private final long intervalNs;
        private long nextFrameNs = System.nanoTime();

        FrameSender(long bitrateBps, int fps) {
            this.bitrateBps = bitrateBps;
            this.intervalNs = 1_000_000_000L / fps;
        }

        @Override
        public void send(UdpTransport tx, DatagramBatch out) {
            long wait;
            while ((wait = nextFrameNs - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            nextFrameNs += intervalNs;
            pacer.sendFrame(tx, out, bitrateBps, intervalNs);
        }
    }

    /** Command-line entry; see the class comment for arguments. */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 1454;
        boolean gso = args.length <= 2 || Boolean.parseBoolean(args[2]);
        boolean gro = args.length > 3 && Boolean.parseBoolean(args[3]);
        UdpTransportConfig.Backend backend = args.length > 4
                ? UdpTransportConfig.Backend.valueOf(args[4].toUpperCase(Locale.ROOT))
                : UdpTransportConfig.Backend.AUTO;
        String host = args.length > 5 ? args[5] : "127.0.0.1";
        long rateMbps = args.length > 6 ? Long.parseLong(args[6]) : 0;
        int fps = args.length > 7 ? Integer.parseInt(args[7]) : 60;
        System.out.printf(Locale.ROOT, "%s %d B, gso=%s gro=%s, %s%n", host, bytes, gso, gro,
                rateMbps > 0 ? rateMbps + " Mbit/s paced as " + fps + " fps frames" : "unpaced 64-datagram batches");
        System.out.println(run(seconds, bytes, gso, gro, backend, host, rateMbps, fps));
    }
}
