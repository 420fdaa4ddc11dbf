package io.punktfunk.media.video;

import java.lang.foreign.MemorySegment;

/**
 * Turns access units back into pictures with no frame of delay: a unit in, its picture out.
 * Damaged or out-of-context units (after a loss) never throw; they are counted, and the stream
 * heals at the next IDR.
 *
 * <p>Not thread-safe: one decode thread owns a decoder.
 */
public interface VideoDecoder extends AutoCloseable {

    /**
     * Decodes one access unit into {@code out}.
     *
     * @param frameIndex carried to {@code out.frameCounter()} unless the picture came from another unit
     * @param captureNs  carried to {@code out.captureNs()} likewise
     * @return true when {@code out} now holds a new picture
     */
    boolean decode(byte[] data, int offset, int length, long frameIndex, long captureNs, Picture out);

    /** As {@link #decode(byte[], int, int, long, long, Picture)}, for a unit held in a segment (heap or native). */
    boolean decode(MemorySegment unit, long frameIndex, long captureNs, Picture out);

    /**
     * True from the start, after a gap in frame indices and after a rejected unit, until a
     * keyframe decodes: pictures meanwhile may be concealed guesses. A client asks the host for an
     * IDR while this is true (punktfunk-reference.md §1.16).
     */
    boolean awaitingKeyframe();

    /** Width of the stream's last decoded picture (0 before the first); {@code out} is scaled if it differs. */
    int frameWidth();

    /** Height of the stream's last decoded picture (0 before the first). */
    int frameHeight();

    /** Units the decoder rejected as damaged or undecodable. */
    long errors();

    /** Pictures produced so far. */
    long picturesDecoded();

    /** The FFmpeg decoder in use, e.g. "h264". */
    String decoderName();

    @Override
    void close();
}
