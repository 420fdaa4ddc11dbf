package io.punktfunk.client.stream;

import io.punktfunk.media.audio.AudioPlayer;
import io.punktfunk.media.audio.PcmFormat;

/** Test seam for the audio device: keeps the left channel of everything played, up to a bound. */
final class CapturingAudioPlayer implements AudioPlayer {
    private final short[] left;
    private int samples;

    CapturingAudioPlayer(int maxSamples) {
        this.left = new short[maxSamples];
    }

    @Override
    public synchronized void play(short[] frame) {
        for (int i = 0; i < PcmFormat.FRAME_SAMPLES && samples < left.length; i++) {
            left[samples++] = frame[i * PcmFormat.CHANNELS];
        }
    }

    /** Goertzel power of {@code hz} over the last {@code n} samples captured. */
    synchronized double power(double hz, int n) {
        int from = Math.max(0, samples - n);
        double coeff = 2 * Math.cos(2 * Math.PI * hz / PcmFormat.SAMPLE_RATE);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < samples; i++) {
            double s0 = left[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    synchronized int samples() {
        return samples;
    }

    @Override
    public boolean hasDevice() {
        return true;
    }

    @Override
    public void close() {
    }
}
