package io.punktfunk.media.video;

/**
 * Turns pictures into access units with no frame of delay: one picture in, one unit out. Streams
 * run with an infinite GOP (one opening IDR, then P-frames only); recovery asks for an IDR with
 * {@code forceIdr} (punktfunk-reference.md §1.16).
 *
 * <p>Not thread-safe: one encode thread owns an encoder.
 */
public interface VideoEncoder extends AutoCloseable {

    /**
     * Encodes {@code picture}; every unit the encoder emits for it goes to {@code sink} before this
     * returns.
     *
     * @param forceIdr make this picture an IDR (decodable with no earlier unit)
     */
    void encode(Picture picture, boolean forceIdr, AccessUnitSink sink);

    /** Changes the target bitrate; takes effect from the next picture. */
    void bitrate(long bitrateBps);

    long bitrate();

    /** Whether {@link #bitrate(long)} applies without restarting the stream with an IDR. */
    boolean liveBitrate();

    /** The FFmpeg encoder in use, e.g. "libx264". */
    String encoderName();

    VideoCodec codec();

    /** Pictures encoded so far. */
    long framesEncoded();

    @Override
    void close();
}
