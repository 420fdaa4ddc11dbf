package io.punktfunk.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JNI entry points of libpunktfunk_client.so, one static method per C function. Nothing
 * throws out of here: every failure becomes a {@link EmbedStatus} code plus a message for
 * {@link #takeLastError()} (per thread, as the C side's last error is). Handles are ids into a
 * registry, never pointers, so a destroyed or made-up handle is an error code, not a crash.
 */
public final class EmbedBridge {
    private static final ConcurrentHashMap<Long, EmbeddedClient> CLIENTS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();

    private EmbedBridge() {
    }

    @FunctionalInterface
    private interface Call {
        int run() throws Exception;
    }

    private static int guard(Call call) {
        try {
            return call.run();
        } catch (EmbedException e) {
            return fail(e.code(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(EmbedStatus.INTERNAL, "interrupted");
        } catch (IllegalArgumentException e) {
            return fail(EmbedStatus.INVALID_ARGUMENT, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return fail(EmbedStatus.IO, e.getMessage());
        } catch (Throwable t) { // Errors too (a missing native codec library is a LinkageError): never into C
            return fail(EmbedStatus.INTERNAL, t.toString());
        }
    }

    private static int fail(int code, String message) {
        LAST_ERROR.set(message == null ? "" : message);
        return code;
    }

    private static EmbeddedClient client(long id) throws EmbedException {
        EmbeddedClient c = CLIENTS.get(id);
        if (c == null) {
            throw new EmbedException(EmbedStatus.INVALID_ARGUMENT, "no client with this handle (destroyed, or never created)");
        }
        return c;
    }

    /** The message of this thread's last failure, then cleared; "" if none. */
    public static String takeLastError() {
        String s = LAST_ERROR.get();
        LAST_ERROR.remove();
        return s == null ? "" : s;
    }

    /** @return a handle id (> 0) or a negative status */
    public static long create(String host, int port, String configDir, String clientName, int width, int height,
                              int refreshHz, int bitrateKbps, int codecs, int preferred, int pixelFormat,
                              int audioFormat, int connectTimeoutMs) {
        long[] id = new long[1];
        int rc = guard(() -> {
            EmbedOptions o = EmbedOptions.of(host, port, configDir, clientName, width, height, refreshHz,
                    bitrateKbps, codecs, preferred, pixelFormat, audioFormat, connectTimeoutMs);
            id[0] = NEXT_ID.getAndIncrement();
            CLIENTS.put(id[0], new EmbeddedClient(o));
            return EmbedStatus.OK;
        });
        return rc == EmbedStatus.OK ? id[0] : rc;
    }

    public static int destroy(long id) {
        return guard(() -> {
            EmbeddedClient c = client(id);
            try {
                c.destroy();
            } finally {
                CLIENTS.remove(id);
            }
            return EmbedStatus.OK;
        });
    }

    public static int pair(long id, String pin) {
        return guard(() -> {
            client(id).pair(pin);
            return EmbedStatus.OK;
        });
    }

    public static int connect(long id) {
        return guard(() -> {
            client(id).connect();
            return EmbedStatus.OK;
        });
    }

    public static int pollFrame(long id, long frameAddress, int timeoutMs) {
        return guard(() -> {
            int rc = client(id).pollFrame(frameAddress, timeoutMs);
            return rc == EmbedStatus.TIMEOUT ? fail(rc, "no frame within " + timeoutMs + " ms") : rc;
        });
    }

    public static int pollAudio(long id, long audioAddress, int timeoutMs) {
        return guard(() -> {
            int rc = client(id).pollAudio(audioAddress, timeoutMs);
            return rc == EmbedStatus.TIMEOUT ? fail(rc, "no audio within " + timeoutMs + " ms") : rc;
        });
    }

    public static int pollRumble(long id, long rumbleAddress) {
        return guard(() -> {
            int rc = client(id).pollRumble(rumbleAddress);
            return rc == EmbedStatus.TIMEOUT ? fail(rc, "no rumble level queued") : rc;
        });
    }

    public static int setFrameCallback(long id, long function, long user) {
        return guard(() -> {
            client(id).frameCallback(NativeCallback.of(function, user));
            return EmbedStatus.OK;
        });
    }

    public static int setAudioCallback(long id, long function, long user) {
        return guard(() -> {
            client(id).audioCallback(NativeCallback.of(function, user));
            return EmbedStatus.OK;
        });
    }

    public static int setRumbleCallback(long id, long function, long user) {
        return guard(() -> {
            client(id).rumbleCallback(NativeCallback.of(function, user));
            return EmbedStatus.OK;
        });
    }

    public static int sendInput(long id, int kind, int code, int x, int y, int flags) {
        return guard(() -> {
            client(id).sendInput(kind, code, x, y, flags);
            return EmbedStatus.OK;
        });
    }

    public static int stats(long id, long statsAddress) {
        return guard(() -> {
            client(id).stats(statsAddress);
            return EmbedStatus.OK;
        });
    }

    public static int requestKeyframe(long id) {
        return guard(() -> {
            client(id).requestKeyframe();
            return EmbedStatus.OK;
        });
    }

    public static int disconnect(long id, String reason) {
        return guard(() -> {
            client(id).disconnect(reason);
            return EmbedStatus.OK;
        });
    }
}
