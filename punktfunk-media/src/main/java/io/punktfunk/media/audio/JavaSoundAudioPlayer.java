package io.punktfunk.media.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playback through javax.sound: a {@link SourceDataLine} at 48 kHz stereo s16le with a buffer of
 * a few frames. Machines without an audio device (servers, CI) get one log line and every frame
 * is dropped, so a client still runs headless.
 */
public final class JavaSoundAudioPlayer implements AudioPlayer {

    private static final Logger LOG = LoggerFactory.getLogger(JavaSoundAudioPlayer.class);

    private final SourceDataLine line;
    private final byte[] bytes = new byte[PcmFormat.BYTES_PER_FRAME];

    private JavaSoundAudioPlayer(SourceDataLine line) {
        this.line = line;
    }

    /** Opens the default output with room for {@code bufferFrames} 10 ms frames. */
    public static JavaSoundAudioPlayer open(int bufferFrames) {
        AudioFormat format = new AudioFormat(PcmFormat.SAMPLE_RATE, 16, PcmFormat.CHANNELS, true, false);
        try {
            SourceDataLine line = AudioSystem.getSourceDataLine(format);
            line.open(format, bufferFrames * PcmFormat.BYTES_PER_FRAME);
            line.start();
            return new JavaSoundAudioPlayer(line);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            LOG.warn("no audio output device ({}); audio frames will be dropped", e.toString());
            return new JavaSoundAudioPlayer(null);
        }
    }

    @Override
    public void play(short[] frame) {
        if (line == null) {
            return;
        }
        for (int i = 0; i < PcmFormat.SAMPLES_PER_FRAME; i++) {
            short s = frame[i];
            bytes[2 * i] = (byte) s;
            bytes[2 * i + 1] = (byte) (s >> 8);
        }
        line.write(bytes, 0, bytes.length);
    }

    @Override
    public boolean hasDevice() {
        return line != null;
    }

    @Override
    public void close() {
        if (line != null) {
            line.drain();
            line.close();
        }
    }
}
