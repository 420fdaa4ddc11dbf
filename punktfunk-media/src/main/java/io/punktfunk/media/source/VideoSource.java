package io.punktfunk.media.source;

import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;

/**
 * Where pictures come from. A host loop calls {@link #capture(Picture)} once per frame with a
 * reused I420 picture of {@link #width()}×{@link #height()}, then hands it to the encoder.
 *
 * <p>Not thread-safe: one capture thread owns a source.
 */
public interface VideoSource extends AutoCloseable {

    int width();

    int height();

    /** The frame rate the source delivers (or is paced at). */
    int fps();

    /**
     * Fills {@code picture} with the next frame and sets its capture timestamp and frame counter.
     * Blocks until the frame is due (paced sources) or available (devices).
     *
     * @throws IllegalArgumentException if the picture's shape is not the source's
     */
    void capture(Picture picture);

    /** Throws unless {@code picture} is the reused I420 picture of this source's size. */
    default void checkPicture(Picture picture) {
        if (picture.format() != PixelFormat.I420 || picture.width() != width() || picture.height() != height()) {
            throw new IllegalArgumentException("source produces I420 " + width() + "x" + height() + ", got " + picture);
        }
    }

    @Override
    void close();
}
