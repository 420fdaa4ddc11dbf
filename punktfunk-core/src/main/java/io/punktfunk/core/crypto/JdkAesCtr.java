package io.punktfunk.core.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * AES-CTR keystream from the JDK's own {@code com.sun.crypto.provider.CounterMode} over
 * {@code AESCrypt}, reached through method handles: its block loop is the HotSpot CTR intrinsic
 * (several blocks in flight, ~3× the {@code AES/ECB} {@link javax.crypto.Cipher}, which runs one
 * block per call), and unlike the public {@code Cipher} it can restart at a new counter without
 * {@code init} (which would allocate). It keeps a reference to the IV array it was initialised
 * with and {@code reset()} copies that array into its counter, so a restart is: write the new
 * counter block into {@link #counterBlock}, call {@link #restart()}.
 *
 * <p>Its counter increments over all 128 bits, GCM's inc32 over the last 32: the same for every
 * message here (the counter starts at 1 and a {@code byte[]} holds fewer than 2^32 blocks).
 * Needs {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}; {@link #UNAVAILABLE}
 * says why not. Handles are {@code static final} and called with {@code invokeExact}.
 */
final class JdkAesCtr {
    private static final String PACKAGE = "com.sun.crypto.provider.";

    /** Why the internal counter mode cannot be used, or null when it can. */
    static final String UNAVAILABLE;

    private static final MethodHandle NEW_AES;    // () Object
    private static final MethodHandle NEW_CTR;    // (Object aes) Object
    private static final MethodHandle INIT;       // (Object ctr, boolean decrypting, String alg, byte[] key, byte[] iv) void
    private static final MethodHandle RESET;      // (Object ctr) void
    private static final MethodHandle CRYPT;      // (Object ctr, byte[] in, int off, int len, byte[] out, int outOff) int

    static {
        MethodHandle newAes = null;
        MethodHandle newCtr = null;
        MethodHandle init = null;
        MethodHandle reset = null;
        MethodHandle crypt = null;
        String unavailable = null;
        try {
            Class<?> aes = Class.forName(PACKAGE + "AESCrypt");
            Class<?> symmetric = Class.forName(PACKAGE + "SymmetricCipher");
            Class<?> ctr = Class.forName(PACKAGE + "CounterMode");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(ctr, MethodHandles.lookup());
            newAes = lookup.findConstructor(aes, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
            newCtr = lookup.findConstructor(ctr, MethodType.methodType(void.class, symmetric))
                    .asType(MethodType.methodType(Object.class, Object.class));
            init = lookup.findVirtual(ctr, "init",
                            MethodType.methodType(void.class, boolean.class, String.class, byte[].class, byte[].class))
                    .asType(MethodType.methodType(void.class, Object.class, boolean.class, String.class, byte[].class,
                            byte[].class));
            reset = lookup.findVirtual(ctr, "reset", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            crypt = lookup.findVirtual(ctr, "encrypt",
                            MethodType.methodType(int.class, byte[].class, int.class, int.class, byte[].class, int.class))
                    .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class,
                            byte[].class, int.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = e.getClass().getSimpleName() + ": " + e.getMessage();
            newAes = null;
            newCtr = null;
            init = null;
            reset = null;
            crypt = null;
        }
        NEW_AES = newAes;
        NEW_CTR = newCtr;
        INIT = init;
        RESET = reset;
        CRYPT = crypt;
        UNAVAILABLE = unavailable;
    }

    /** The IV array the counter mode restarts from: write the next message's first counter block here. */
    final byte[] counterBlock = new byte[16];
    private final Object ctr;

    /** AES-CTR under {@code key}; only when {@link #UNAVAILABLE} is null. */
    JdkAesCtr(byte[] key) {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException("JDK CounterMode unavailable: " + UNAVAILABLE);
        }
        try {
            this.ctr = (Object) NEW_CTR.invokeExact((Object) NEW_AES.invokeExact());
            INIT.invokeExact(ctr, false, "AES", key, counterBlock);
        } catch (Throwable e) {
            throw new IllegalStateException("JDK CounterMode construction failed", e);
        }
    }

    /** Restarts the keystream at the counter block now in {@link #counterBlock}. */
    void restart() {
        try {
            RESET.invokeExact(ctr);
        } catch (Throwable e) {
            throw new IllegalStateException("JDK CounterMode reset failed", e);
        }
    }

    /** XORs the next {@code len} keystream bytes over {@code in} into {@code out} (may be the same range). */
    void crypt(byte[] in, int inOff, int len, byte[] out, int outOff) {
        int done;
        try {
            done = (int) CRYPT.invokeExact(ctr, in, inOff, len, out, outOff);
        } catch (Throwable e) {
            throw new IllegalStateException("JDK CounterMode update failed", e);
        }
        if (done != len) {
            throw new IllegalStateException("JDK CounterMode processed " + done + " of " + len + " bytes");
        }
    }
}
