package io.punktfunk.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link PacketAead} for the data plane: {@link JdkGhashAesGcm} (zero allocation per
 * packet) when the JDK's internal AES-CTR and GHASH are reachable and pass a known-answer
 * self-test, else {@link JcaAesGcm} (correct, ~1 KB per packet), with one info line saying why and
 * how to enable the fast path. The choice is made once per JVM.
 */
public final class PacketAeads {
    private static final Logger LOG = LoggerFactory.getLogger(PacketAeads.class);
    private static final String ENABLE_HINT = "--add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED";

    private PacketAeads() {
    }

    /** The implementations, named for benchmarks and tools that compare them. */
    public enum Engine {
        /** {@link JdkGhashAesGcm}: the JDK's AES-CTR and GHASH intrinsics reused across nonces, zero allocation. */
        JDK_GHASH,
        /** {@link JcaAesGcm}: {@code Cipher("AES/GCM/NoPadding")}, re-initialised per nonce. */
        JCA
    }

    /** An AES-128-GCM engine for {@code key} (16 bytes): the fast one when this JVM allows it. */
    public static PacketAead create(byte[] key) {
        return create(fastPathActive() ? Engine.JDK_GHASH : Engine.JCA, key);
    }

    /** A given engine for {@code key}; {@code JDK_GHASH} throws {@link IllegalStateException} when unavailable. */
    public static PacketAead create(Engine engine, byte[] key) {
        return switch (engine) {
            case JDK_GHASH -> new JdkGhashAesGcm(key);
            case JCA -> new JcaAesGcm(key);
        };
    }

    /** Whether {@link #create} returns the zero-allocation engine in this JVM. */
    public static boolean fastPathActive() {
        return Choice.FALLBACK_REASON == null;
    }

    /** Why {@link #create} falls back to the JCA path, or null when it does not. */
    public static String fallbackReason() {
        return Choice.FALLBACK_REASON;
    }

    /** Decided on first use (class initialisation runs once, so the info line is logged once). */
    private static final class Choice {
        static final String FALLBACK_REASON = decide();

        private static String decide() {
            String reason = JdkGhash.UNAVAILABLE != null
                    ? "the JDK's internal GHASH is not accessible (" + JdkGhash.UNAVAILABLE + ")"
                    : JdkAesCtr.UNAVAILABLE != null
                    ? "the JDK's internal AES-CTR is not accessible (" + JdkAesCtr.UNAVAILABLE + ")"
                    : selfTest();
            if (reason != null) {
                LOG.info("AES-GCM: using the JCA Cipher path (~1 KB garbage per packet) because {}; "
                        + "run java with {} for the zero-allocation path", reason, ENABLE_HINT);
            }
            return reason;
        }

        /** GCM spec test case 4 (AES-128, 60-byte text, 20-byte AAD) sealed and opened; null when right. */
        private static String selfTest() {
            HexFormat hex = HexFormat.of();
            byte[] key = hex.parseHex("feffe9928665731c6d6a8f9467308308");
            byte[] nonce = hex.parseHex("cafebabefacedbaddecaf888");
            byte[] aad = hex.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
            byte[] plain = hex.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                    + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
            byte[] sealed = hex.parseHex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                    + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                    + "5bc94fbc3221a5db94fae95ae7121a47");
            try {
                PacketAead aead = new JdkGhashAesGcm(key);
                byte[] buf = new byte[aad.length + sealed.length];
                System.arraycopy(aad, 0, buf, 0, aad.length);
                System.arraycopy(plain, 0, buf, aad.length, plain.length);
                aead.seal(nonce, buf, 0, aad.length, aad.length, plain.length);
                if (!Arrays.equals(buf, aad.length, buf.length, sealed, 0, sealed.length)) {
                    return "its self-test sealed wrong bytes";
                }
                if (!aead.open(nonce, buf, 0, aad.length, aad.length, sealed.length)
                        || !Arrays.equals(buf, aad.length, aad.length + plain.length, plain, 0, plain.length)) {
                    return "its self-test failed to open";
                }
                return null;
            } catch (RuntimeException e) {
                return "its self-test threw " + e;
            }
        }
    }
}
