package io.punktfunk.host.gamestream;

import java.util.function.Consumer;

/**
 * Starts the UDP side of a GameStream session at RTSP PLAY: control (ENet, 47999), video (47998)
 * and audio (48000). Its sockets are bound before any launch, because RTSP SETUP announces their
 * ports.
 */
public interface StreamLauncher extends AutoCloseable {
    /** The UDP ports RTSP SETUP announces. */
    int videoPort();

    int controlPort();

    int audioPort();

    /** {@link StreamParameters#ENC_VIDEO} etc. this host can do; DESCRIBE advertises them. */
    int encryptionSupported();

    /** {@code ServerCodecModeSupport} bits of /serverinfo: 0x1 H.264, 0x100 HEVC, 0x10000 AV1. */
    int codecModeSupport();

    /**
     * Starts streaming {@code session} with its announced parameters. {@code onEnded} is called
     * once, with a reason, when the stream ends by itself (the client disconnected, a part failed).
     */
    Running start(LaunchSession session, StreamParameters parameters, Consumer<String> onEnded) throws Exception;

    /** Releases the sockets. */
    @Override
    void close();

    /** A running stream; {@link #close()} stops control, video and audio and is idempotent. */
    interface Running extends AutoCloseable {
        @Override
        void close();
    }
}
