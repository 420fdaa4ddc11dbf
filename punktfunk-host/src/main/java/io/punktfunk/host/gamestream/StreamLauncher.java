package io.punktfunk.host.gamestream;

import java.util.function.Consumer;

/**
 * The UDP side of GameStream sessions: control (ENet, 47999), video (47998) and audio (48000).
 * A launch first {@linkplain #prepare prepares} its streams, which binds their sockets, because RTSP
 * SETUP announces the ports; RTSP PLAY then {@linkplain Streams#start starts} them.
 */
public interface StreamLauncher extends AutoCloseable {
    /** {@link StreamParameters#ENC_VIDEO} etc. this host can do; DESCRIBE advertises them. */
    int encryptionSupported();

    /** {@code ServerCodecModeSupport} bits of /serverinfo: 0x1 H.264, 0x100 HEVC, 0x10000 AV1. */
    int codecModeSupport();

    /** At /launch or /resume: binds the session's sockets. */
    Streams prepare(LaunchSession session) throws Exception;

    /** Releases anything shared between sessions. */
    @Override
    void close();

    /** One session's streams: bound at launch, started at PLAY, closed (idempotently) at the session's end. */
    interface Streams extends AutoCloseable {
        /** The UDP ports RTSP SETUP announces. */
        int videoPort();

        int controlPort();

        int audioPort();

        /**
         * Starts streaming with the announced parameters. {@code onEnded} is called once, with a
         * reason, when the stream ends by itself (the client left, a part failed).
         */
        void start(StreamParameters parameters, Consumer<String> onEnded) throws Exception;

        @Override
        void close();
    }
}
