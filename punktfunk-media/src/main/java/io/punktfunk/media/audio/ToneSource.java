package io.punktfunk.media.audio;

import java.util.concurrent.locks.LockSupport;

/**
 * A sine tone in both channels, continuous across frames (the phase carries over), optionally
 * paced to real time so it can stand in for a capture device.
 */
public final class ToneSource implements AudioSource {

    private final double frequencyHz;
    private final double amplitude;
    private final boolean paced;
    private double phase;
    private long nextDueNs;

    /**
     * @param amplitude 0..1 of full scale
     * @param paced     block until each frame is due
     */
    public ToneSource(double frequencyHz, double amplitude, boolean paced) {
        if (frequencyHz <= 0 || frequencyHz >= PcmFormat.SAMPLE_RATE / 2.0) {
            throw new IllegalArgumentException("frequency must be in (0, Nyquist): " + frequencyHz);
        }
        if (amplitude < 0 || amplitude > 1) {
            throw new IllegalArgumentException("amplitude must be in [0, 1]: " + amplitude);
        }
        this.frequencyHz = frequencyHz;
        this.amplitude = amplitude;
        this.paced = paced;
    }

    @Override
    public long read(short[] frame) {
        if (frame.length != PcmFormat.SAMPLES_PER_FRAME) {
            throw new IllegalArgumentException("frame must hold " + PcmFormat.SAMPLES_PER_FRAME + " samples");
        }
        long now = System.nanoTime();
        if (paced) {
            if (nextDueNs == 0 || now - nextDueNs > PcmFormat.FRAME_NANOS) {
                nextDueNs = now;
            }
            while (nextDueNs - now > 0) {
                LockSupport.parkNanos(nextDueNs - now);
                now = System.nanoTime();
            }
            nextDueNs += PcmFormat.FRAME_NANOS;
        }
        double step = 2 * Math.PI * frequencyHz / PcmFormat.SAMPLE_RATE;
        double scale = amplitude * Short.MAX_VALUE;
        for (int i = 0; i < PcmFormat.FRAME_SAMPLES; i++) {
            short sample = (short) Math.round(Math.sin(phase) * scale);
            frame[2 * i] = sample;
            frame[2 * i + 1] = sample;
            phase += step;
        }
        phase %= 2 * Math.PI;
        return now;
    }

    @Override
    public void close() {
        // nothing held
    }
}
