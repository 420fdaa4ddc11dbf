package io.punktfunk.host.gamestream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Test seam in place of the UDP parts: announces fixed port numbers (nothing listens on them) and
 * records each prepare, start and close, so the RTSP and launch tests see what /launch, PLAY and
 * /cancel did.
 */
final class RecordingStreamLauncher implements StreamLauncher {
    static final int VIDEO_PORT = 40998;
    static final int CONTROL_PORT = 40999;
    static final int AUDIO_PORT = 41000;

    /** One session's streams. */
    final class Recorded implements Streams {
        final LaunchSession session;
        volatile StreamParameters parameters;
        volatile Consumer<String> onEnded;
        volatile boolean closed;

        Recorded(LaunchSession session) {
            this.session = session;
        }

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
        public void start(StreamParameters p, Consumer<String> ended) {
            if (failNextStart) {
                failNextStart = false;
                throw new IllegalStateException("encoder unavailable (test)");
            }
            parameters = p;
            onEnded = ended;
            started.add(this);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final List<Recorded> prepared = new CopyOnWriteArrayList<>();
    /** The streams PLAY started. */
    final List<Recorded> started = new CopyOnWriteArrayList<>();
    volatile boolean failNextStart;
    volatile boolean closed;

    @Override
    public int encryptionSupported() {
        return StreamParameters.ENC_CONTROL_V2 | StreamParameters.ENC_AUDIO;
    }

    @Override
    public int codecModeSupport() {
        return 0x1;
    }

    @Override
    public Streams prepare(LaunchSession session) {
        Recorded r = new Recorded(session);
        prepared.add(r);
        return r;
    }

    @Override
    public void close() {
        closed = true;
    }
}
