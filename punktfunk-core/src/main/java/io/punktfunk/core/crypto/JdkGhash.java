package io.punktfunk.core.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's own GHASH ({@code com.sun.crypto.provider.GHASH}, package-private in java.base), reached
 * through method handles: its block loop is a HotSpot intrinsic (carry-less multiply, constant
 * time), and unlike the JCA's GCM it can be reset and reused per message. The running hash lives in
 * its {@code long[2] state} (big-endian halves); we read and clear that array directly instead of
 * calling {@code digest()}, which allocates.
 *
 * <p>Needs {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}; without it (or on a
 * JDK whose GHASH looks different) {@link #UNAVAILABLE} says why. The handles are
 * {@code static final} and called with {@code invokeExact}, so C2 inlines them like direct calls.
 */
final class JdkGhash {
    /** Why the internal GHASH cannot be used, or null when it can. */
    static final String UNAVAILABLE;

    private static final MethodHandle NEW;    // (byte[] subkeyH) Object
    private static final MethodHandle UPDATE; // (Object ghash, byte[] in, int off, int len) int
    private static final MethodHandle STATE;  // (Object ghash) long[]

    static {
        MethodHandle newGhash = null;
        MethodHandle update = null;
        MethodHandle state = null;
        String unavailable = null;
        try {
            Class<?> ghash = Class.forName("com.sun.crypto.provider.GHASH");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(ghash, MethodHandles.lookup());
            newGhash = lookup.findConstructor(ghash, MethodType.methodType(void.class, byte[].class))
                    .asType(MethodType.methodType(Object.class, byte[].class));
            update = lookup.findVirtual(ghash, "update", MethodType.methodType(int.class, byte[].class, int.class, int.class))
                    .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class));
            state = lookup.findGetter(ghash, "state", long[].class)
                    .asType(MethodType.methodType(long[].class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = e.getClass().getSimpleName() + ": " + e.getMessage();
            newGhash = null;
            update = null;
            state = null;
        }
        NEW = newGhash;
        UPDATE = update;
        STATE = state;
        UNAVAILABLE = unavailable;
    }

    private final Object ghash;
    private final long[] state;

    /** A GHASH under subkey {@code h} (= E(K, 0^128)); only when {@link #UNAVAILABLE} is null. */
    JdkGhash(byte[] h) {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException("JDK GHASH unavailable: " + UNAVAILABLE);
        }
        try {
            this.ghash = (Object) NEW.invokeExact(h);
            this.state = (long[]) STATE.invokeExact(ghash);
        } catch (Throwable e) {
            throw new IllegalStateException("JDK GHASH construction failed", e);
        }
        if (state.length != 2) {
            throw new IllegalStateException("JDK GHASH state has " + state.length + " longs, expected 2");
        }
    }

    /** Starts a new message. */
    void reset() {
        state[0] = 0;
        state[1] = 0;
    }

    /** Absorbs {@code len} bytes, a multiple of 16, bounds already checked. */
    void blocks(byte[] in, int off, int len) {
        int done;
        try {
            done = (int) UPDATE.invokeExact(ghash, in, off, len);
        } catch (Throwable e) {
            throw new IllegalStateException("JDK GHASH update failed", e);
        }
        if (done != len) {
            throw new IllegalStateException("JDK GHASH absorbed " + done + " of " + len + " bytes");
        }
    }

    /** First 8 bytes of the hash so far, big-endian. */
    long high() {
        return state[0];
    }

    /** Last 8 bytes of the hash so far, big-endian. */
    long low() {
        return state[1];
    }
}
