package io.punktfunk.media.source;

import io.punktfunk.media.ffmpeg.FfmpegInput;
import io.punktfunk.media.ffmpeg.VideoStreamReader;
import io.punktfunk.media.video.Picture;
import java.util.Map;

/**
 * Captures an X11 display through FFmpeg's x11grab device (libavdevice, XShm when available).
 * x11grab paces itself at the requested rate, so {@link #capture} blocks until the next frame;
 * its BGR0 pixels are converted to I420 by swscale into the caller's picture.
 */
public final class X11Source implements VideoSource {

    private final int width;
    private final int height;
    private final int fps;
    private final VideoStreamReader reader;
    private long counter;

    /**
     * @param display  X display, e.g. ":99" (a screen may follow, ":99.0")
     * @param x        left edge of the captured region
     * @param y        top edge of the captured region
     */
    public X11Source(String display, int x, int y, int width, int height, int fps) {
        if (width <= 0 || height <= 0 || ((width | height) & 1) != 0 || fps <= 0) {
            throw new IllegalArgumentException("need an even positive size and fps: " + width + "x" + height + "@" + fps);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        FfmpegInput input = FfmpegInput.open("x11grab", display + "+" + x + "," + y, Map.of(
                "video_size", width + "x" + height,
                "framerate", String.valueOf(fps),
                "draw_mouse", "0"), "--source x11");
        try {
            this.reader = new VideoStreamReader(input);
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int fps() {
        return fps;
    }

    @Override
    public void capture(Picture picture) {
        checkPicture(picture);
        if (!reader.read(picture)) {
            throw new IllegalStateException("x11grab stream ended");
        }
        // The grab time, not now: the BGR0 -> I420 conversion after it takes milliseconds.
        picture.captureNs(reader.lastPacketNs()).frameCounter(counter++);
    }

    @Override
    public void close() {
        reader.close();
    }
}
