package io.punktfunk.core.crypto;

import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.management.ManagementFactory;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the JDK's AES-GCM itself allocates per packet (a new GCM engine per {@code Cipher.init}),
 * measured on the calling thread: the floor the allocation tests compare the data plane against.
 */
public final class JdkGcmAllocationFloor {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private JdkGcmAllocationFloor() {
    }

    /** Bytes one bare JDK AES-GCM seal plus one open of a shard allocate. */
    public static double perPacket(int shard) throws Exception {
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
