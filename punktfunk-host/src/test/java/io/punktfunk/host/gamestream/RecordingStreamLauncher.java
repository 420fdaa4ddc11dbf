package io.punktfunk.host.gamestream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Test seam in place of the UDP parts: announces fixed port numbers (nothing listens on them) and
 * records each start and stop, so the RTSP and launch tests see what PLAY and /cancel did.
 */
final class RecordingStreamLauncher implements StreamLauncher {
    static final int VIDEO_PORT = 40998;
    static final int CONTROL_PORT = 40999;
    static final int AUDIO_PORT = 41000;

    /** One started stream. */
    static final class Started implements Running {
        final LaunchSession session;
        final StreamParameters parameters;
        final Consumer<String> onEnded;
        volatile boolean closed;

        Started(LaunchSession session, StreamParameters parameters, Consumer<String> onEnded) {
            this.session = session;
            this.parameters = parameters;
            this.onEnded = onEnded;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final List<Started> started = new CopyOnWriteArrayList<>();
    volatile boolean failNextStart;
    volatile boolean closed;

    @Override
    public int videoPort() {
        return VIDEO_PORT;
    }

    @Override
    public int controlPort() {
        return CONTROL_PORT;
    }

    @Override
    public int audioPort() {
        return AUDIO_PORT;
    }

    @Override
    public int encryptionSupported() {
        return StreamParameters.ENC_CONTROL_V2 | StreamParameters.ENC_AUDIO;
    }

    @Override
    public int codecModeSupport() {
        return 0x1;
    }

    @Override
    public Running start(LaunchSession session, StreamParameters parameters, Consumer<String> onEnded) {
        if (failNextStart) {
            failNextStart = false;
            throw new IllegalStateException("encoder unavailable (test)");
        }
        Started s = new Started(session, parameters, onEnded);
        started.add(s);
        return s;
    }

    @Override
    public void close() {
        closed = true;
    }
}
