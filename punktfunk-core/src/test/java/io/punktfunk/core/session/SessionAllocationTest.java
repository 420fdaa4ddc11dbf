package io.punktfunk.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.transport.LoopbackTransport;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pins "nothing per packet" for the session layer: host submit + send and client receive + poll,
 * driven on one thread (invoker mode), AES-GCM seal and open included, allocate nothing in steady
 * state (docs/wire-format.md).
 */
class SessionAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void sessionAllocatesNothingPerPacket() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 12, 2048);
        // No parity: the coders' own allocation is pinned by the fec tests (and a GF(2^16) coder whose
        // vector code is not yet C2-compiled in this JVM boxes vectors); this test is about the session.
        try (HostMediaSession host = HostMediaSession.over(pair.left(), SessionTest.config(keys, 0).threadingMode(ThreadingMode.INVOKER));
             ClientMediaSession client = ClientMediaSession.over(pair.right(),
                     SessionTest.config(keys, 0).threadingMode(ThreadingMode.INVOKER))) {
            byte[] frame = SessionTest.frame(new SplittableRandom(3), 30_000);
            int[] index = {0};
            Runnable oneFrame = () -> {
                int i = index[0]++;
                host.submitFrame(frame, 0, frame.length, i, i, 0);
                host.doWork();
                client.doWork();
                client.pollFrame(0);
            };
            for (int i = 0; i < 5000; i++) {
                oneFrame.run();
            }
            int frames = 1000;
            // Measure windows until one is clean (a real per-packet allocation shows in every window),
            // for at least 6 and at most 30 s: on a busy machine C2 may take a while to compile it all.
            long deadline = System.nanoTime() + 30_000_000_000L;
            int windows = 0;
            double perPacket = Double.MAX_VALUE;
            while (windows < 6 || (perPacket > 0 && System.nanoTime() - deadline < 0)) {
                long sent0 = host.stats().packetsSent();
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < frames; i++) {
                    oneFrame.run();
                }
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                perPacket = Math.min(perPacket, (double) allocated / (host.stats().packetsSent() - sent0));
                windows++;
            }
            System.out.printf("session (host + client, one thread): %.1f B/packet in the quietest of %d windows%n",
                    perPacket, windows);
            assertThat(client.stats().framesCompleted()).isEqualTo(5000 + (long) windows * frames);
            assertThat(perPacket).isZero();
        }
    }
}
