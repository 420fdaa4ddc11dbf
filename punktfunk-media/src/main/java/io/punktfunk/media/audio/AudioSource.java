package io.punktfunk.media.audio;

/** Where PCM comes from, one 10 ms {@link PcmFormat} frame at a time. Not thread-safe. */
public interface AudioSource extends AutoCloseable {

    /**
     * Fills {@code frame} (length {@link PcmFormat#SAMPLES_PER_FRAME}) with the next 10 ms,
     * blocking until they are available (or due, for paced sources).
     *
     * @return the capture time of the frame's first sample, in {@code System.nanoTime} units
     */
    long read(short[] frame);

    @Override
    void close();
}
