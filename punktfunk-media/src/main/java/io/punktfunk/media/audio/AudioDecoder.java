package io.punktfunk.media.audio;

/** Turns packets back into 10 ms PCM frames. Bad packets are counted, never thrown. Not thread-safe. */
public interface AudioDecoder extends AutoCloseable {

    /**
     * Decodes one packet into {@code frame} (length {@link PcmFormat#SAMPLES_PER_FRAME}).
     *
     * @return samples per channel written (480 for a 10 ms packet), or 0 if the packet was rejected
     */
    int decode(byte[] data, int offset, int length, short[] frame);

    /** Packets rejected as damaged. */
    long errors();

    @Override
    void close();
}
