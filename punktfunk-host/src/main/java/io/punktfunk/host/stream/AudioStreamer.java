package io.punktfunk.host.stream;

import io.punktfunk.control.message.AudioFrame;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.media.audio.AudioSource;
import io.punktfunk.media.audio.OpusAudioEncoder;
import io.punktfunk.media.audio.PcmFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's audio thread: 10 ms PCM frames from an {@link AudioSource} → Opus → one QUIC
 * datagram each ({@link HostControlSession#sendAudio}). Datagrams are lossy by design; the client's
 * jitter buffer conceals a lost frame.
 */
final class AudioStreamer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AudioStreamer.class);
    /** Opus at 128 kbit/s stereo: transparent for music, a tiny share of the video. */
    static final int OPUS_BITRATE_BPS = 128_000;

    private final HostControlSession session;
    private final AudioSource source;
    private final java.util.function.Consumer<String> onFault;
    private volatile boolean running = true;
    private volatile long framesSent;

    AudioStreamer(HostControlSession session, AudioSource source, java.util.function.Consumer<String> onFault) {
        this.session = session;
        this.source = source;
        this.onFault = onFault;
    }

    @Override
    public void run() {
        short[] pcm = PcmFormat.newFrame();
        try (OpusAudioEncoder encoder = OpusAudioEncoder.open(OPUS_BITRATE_BPS)) {
            while (running) {
                long captureNs = source.read(pcm);
                encoder.encode(pcm, captureNs, p -> {
                    session.sendAudio(new AudioFrame((int) p.sequence(), p.captureNs(), p.toByteArray()));
                    framesSent++;
                });
            }
        } catch (Throwable t) {
            if (running) {
                LOG.error("{}: audio thread failed", session, t);
                onFault.accept("host audio thread failed: " + t);
            }
        } finally {
            source.close();
        }
    }

    void stop() {
        running = false;
    }

    long framesSent() {
        return framesSent;
    }
}
