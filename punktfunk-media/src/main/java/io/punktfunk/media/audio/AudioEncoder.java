package io.punktfunk.media.audio;

/** Turns 10 ms PCM frames into packets, one in, one out. Not thread-safe. */
public interface AudioEncoder extends AutoCloseable {

    /** Encodes one {@link PcmFormat} frame; each packet produced goes to {@code sink} before return. */
    void encode(short[] frame, long captureNs, AudioPacketSink sink);

    @Override
    void close();
}
