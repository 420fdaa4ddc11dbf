package io.punktfunk.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.transport.LoopbackTransport;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Pins "nothing per packet" for the session layer: host submit + send and client receive + poll,
 * driven on one thread (invoker mode), may allocate only what the JDK's AES-GCM {@code Cipher.init}
 * forces per seal and open (docs/wire-format.md).
 */
class SessionAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void sessionAddsNothingPerPacketBeyondTheJdkCipher() throws Exception {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 12, 2048);
        try (HostSession host = HostSession.over(pair.left(), SessionTest.config(keys, 10).threadingMode(ThreadingMode.INVOKER));
             ClientSession client = ClientSession.over(pair.right(),
                     SessionTest.config(keys, 10).threadingMode(ThreadingMode.INVOKER))) {
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
            long sent0 = host.stats().packetsSent();
            int frames = 1000;
            long[] windows = new long[6];
            for (int w = 0; w < windows.length; w++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < frames; i++) {
                    oneFrame.run();
                }
                windows[w] = THREADS.getCurrentThreadAllocatedBytes() - before;
            }
            long packetsPerWindow = (host.stats().packetsSent() - sent0) / windows.length;
            double perPacket = (double) java.util.Arrays.stream(windows).min().orElseThrow() / packetsPerWindow;
            double floor = jdkGcmFloorPerPacket(1408);
            System.out.printf("session (host + client, one thread): %.1f B/packet; JDK seal+open floor %.1f B/packet%n",
                    perPacket, floor);
            assertThat(client.stats().framesCompleted()).isEqualTo(5000 + (long) windows.length * frames);
            // A late JIT compile may dirty one window; the quietest must hold only the cipher's garbage.
            assertThat(perPacket).isLessThanOrEqualTo(floor + 8);
        }
    }

    /** Bytes one bare JDK AES-GCM seal plus one open of a shard allocate. */
    static double jdkGcmFloorPerPacket(int shard) throws Exception {
        SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
        Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
        Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] buf = new byte[MediaHeaderFlyweight.WIRE_OVERHEAD + shard];
        byte[] nonce = new byte[12];
        int n = 60_000;
        long before = 0;
        for (int i = 0; i < 2 * n; i++) {
            if (i == n) {
                before = THREADS.getCurrentThreadAllocatedBytes();
            }
            nonce[11] = (byte) i;
            nonce[10] = (byte) (i >> 8);
            nonce[9] = (byte) (i >> 16);
            enc.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            enc.updateAAD(buf, 0, 44);
            enc.doFinal(buf, 44, shard, buf, 44);
            dec.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            dec.updateAAD(buf, 0, 44);
            dec.doFinal(buf, 44, shard + 16, buf, 44);
        }
        return (double) (THREADS.getCurrentThreadAllocatedBytes() - before) / n;
    }
}
