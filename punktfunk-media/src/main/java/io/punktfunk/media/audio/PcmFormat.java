package io.punktfunk.media.audio;

/**
 * The one PCM shape audio moves in: 48 kHz, stereo, signed 16-bit, interleaved, 10 ms frames
 * (Opus's low-delay frame size). A frame is a {@code short[SAMPLES_PER_FRAME]}.
 */
public final class PcmFormat {

    public static final int SAMPLE_RATE = 48_000;
    public static final int CHANNELS = 2;
    public static final int FRAME_MILLIS = 10;
    /** Samples per channel in one frame. */
    public static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;
    /** Interleaved samples (both channels) in one frame: the length of a frame array. */
    public static final int SAMPLES_PER_FRAME = FRAME_SAMPLES * CHANNELS;
    public static final int BYTES_PER_FRAME = SAMPLES_PER_FRAME * 2;
    public static final long FRAME_NANOS = FRAME_MILLIS * 1_000_000L;

    private PcmFormat() {
    }

    /** A new, silent frame buffer. */
    public static short[] newFrame() {
        return new short[SAMPLES_PER_FRAME];
    }
}
