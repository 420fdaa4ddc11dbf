package io.punktfunk.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The zero-allocation AES-GCM engine allocates nothing per seal + open of a 1408-byte shard, while
 * the JCA path it replaces allocates on every call (printed for the docs, asserted only as "more
 * than nothing" so this test notices if the comparison stops meaning anything).
 */
class PacketAeadAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int SHARD = 1408;
    private static final int HEADER = 44;
    private static final int PER_WINDOW = 20_000;

    @Test
    void sealPlusOpenAllocatesNothingOnTheFastEngine() {
        double perPacket = quietestPerPacket(PacketAeads.create(new byte[16]), 30_000_000_000L);
        System.out.printf("JdkGhashAesGcm seal+open: %.1f B/packet%n", perPacket);
        assertThat(perPacket).isZero();
    }

    @Test
    void theJcaPathAllocatesPerPacket() {
        double perPacket = quietestPerPacket(new JcaAesGcm(new byte[16]), 0);
        System.out.printf("JcaAesGcm seal+open: %.1f B/packet%n", perPacket);
        assertThat(perPacket).isGreaterThan(100);
    }

    /** Bytes per seal + open in the quietest 20 000-packet window: at least 6 windows, more until one is clean or the budget ends. */
    private static double quietestPerPacket(PacketAead aead, long budgetNs) {
        byte[] buf = new byte[HEADER + SHARD + 16];
        new SplittableRandom(9).nextBytes(buf);
        byte[] nonce = new byte[12];
        long[] sequence = {0};
        Runnable packet = () -> {
            long s = ++sequence[0];
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] = (byte) (s >>> (8 * i));
            }
            aead.seal(nonce, buf, 0, HEADER, HEADER, SHARD);
            if (!aead.open(nonce, buf, 0, HEADER, HEADER, SHARD + 16)) {
                throw new AssertionError("open refused packet " + s);
            }
        };
        for (int i = 0; i < 50_000; i++) {
            packet.run();
        }
        long deadline = System.nanoTime() + budgetNs;
        long min = Long.MAX_VALUE;
        for (int w = 0; w < 6 || (min > 0 && System.nanoTime() - deadline < 0); w++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < PER_WINDOW; i++) {
                packet.run();
            }
            min = Math.min(min, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return (double) min / PER_WINDOW;
    }
}
