package io.punktfunk.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins "no allocation per packet" on the send and receive paths (style.md item 4). */
class TransportAllocationTest {

    static final int PACKETS = 10_000;

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @ParameterizedTest(name = "{0} gso={1} gro={2}")
    @CsvSource({"mmsg,false,false", "mmsg,true,false", "mmsg,true,true", "loopback,false,false"})
    void steadyStateSendAndReceiveAllocateNothing(String backend, boolean gso, boolean gro) {
        Transport tx;
        Transport rx;
        if (backend.equals("loopback")) {
            LoopbackTransport.Pair pair = LoopbackTransport.pair(256, 1472);
            tx = pair.left();
            rx = pair.right();
        } else {
            assumeTrue(LinuxNet.AVAILABLE, LinuxNet.UNAVAILABLE_REASON);
            tx = UdpTransport.open(new UdpTransportConfig().backend(UdpTransportConfig.Backend.MMSG)
                    .bindAddress(new InetSocketAddress("127.0.0.1", 0)).gso(gso));
            rx = UdpTransport.open(new UdpTransportConfig().backend(UdpTransportConfig.Backend.MMSG)
                    .bindAddress(new InetSocketAddress("127.0.0.1", 0)).gro(gro));
        }
        try (tx; rx;
             DatagramBatch out = new DatagramBatch(64, 1472);
             DatagramBatch in = new DatagramBatch(64, 1472)) {
            PeerAddress dst = PeerAddress.of(rx.localAddress());
            PeerAddress src = PeerAddress.empty();
            for (int i = 0; i < 64; i++) {
                out.add(1454, dst);
            }
            // Warm up until the JIT compiled both paths: interpreted FFM downcalls allocate ~40 B each.
            for (int i = 0; i < 30_000; i++) {
                tx.sendBatch(out, 0, 1);
                rx.awaitReadable(0);
                rx.recvBatch(in);
            }
            pump(tx, rx, out, in, src, 5 * PACKETS);
            long overhead = -allocatedBytes() + allocatedBytes(); // the probe itself allocates a little
            // Steady state is what counts: take the best of up to 5 windows so a C2 compile that
            // lags on a loaded machine does not fail the run; per-packet allocation fails them all.
            long allocated = Long.MAX_VALUE;
            long received = 0;
            int attempt = 0;
            for (; attempt < 5 && allocated > 0; attempt++) {
                long before = allocatedBytes();
                received = pump(tx, rx, out, in, src, PACKETS);
                allocated = allocatedBytes() - before - overhead;
            }
            System.out.printf("%s gso=%s gro=%s: %d bytes allocated for %d packets (window %d)%n",
                    backend, gso, gro, allocated, received, attempt);
            assertThat(received).isGreaterThanOrEqualTo(PACKETS);
            assertThat(tx.stats().get(TransportCounter.PACKETS_SEND_DROPPED)).isZero();
            assertThat(allocated).as("bytes allocated for %d packets", received).isZero();
        }
    }

    /** Sends batches of 64 and receives them on this thread until {@code packets} arrived. */
    static long pump(Transport tx, Transport rx, DatagramBatch out, DatagramBatch in, PeerAddress src,
                     int packets) {
        long received = 0;
        int spins = 0;
        while (received < packets) {
            // Keep ≤ 512 in flight so the receive buffer never overflows.
            long inFlight = tx.stats().get(TransportCounter.PACKETS_SENT)
                    - rx.stats().get(TransportCounter.PACKETS_RECEIVED);
            if (inFlight < 512) {
                tx.sendBatch(out);
            }
            int n = rx.recvBatch(in);
            if (n > 0) {
                in.peer(0, src);
                received += n;
                spins = 0;
            } else if (++spins > 1000) {
                rx.awaitReadable(1_000_000L);
                spins = 0;
            }
        }
        return received;
    }
}
