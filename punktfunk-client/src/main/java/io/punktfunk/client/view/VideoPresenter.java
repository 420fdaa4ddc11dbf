package io.punktfunk.client.view;

import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;

/**
 * Shows decoded pictures. The decode thread calls {@link #present} for every picture; a presenter
 * never blocks it for longer than a copy: when the display is slower than the stream, older
 * pictures are dropped (and counted) in favour of the newest.
 */
public interface VideoPresenter extends AutoCloseable {

    /**
     * Copies a picture in {@link #pixelFormat()} for display and returns at once. The picture is not
     * retained, so the caller may refill it immediately. Ignored after {@link #close()}.
     *
     * @throws IllegalArgumentException if the picture is not in {@link #pixelFormat()}
     */
    void present(Picture bgra);

    /** The format the decoder should hand to {@link #present}: BGRA for toolkits, I420 for apps that convert. */
    default PixelFormat pixelFormat() {
        return PixelFormat.BGRA;
    }

    /** Replaces the figures shown by the stats overlay (the session calls this about once a second). */
    void stats(ViewerStats stats);

    /** Pictures handed to {@link #present}. */
    long framesPresented();

    /** Pictures replaced by a newer one before the display got to them. */
    long framesDropped();

    /** Closes the display; idempotent. */
    @Override
    void close();
}
