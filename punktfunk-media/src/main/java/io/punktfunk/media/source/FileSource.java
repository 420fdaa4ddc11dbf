package io.punktfunk.media.source;

import io.punktfunk.media.ffmpeg.FfmpegInput;
import io.punktfunk.media.ffmpeg.VideoStreamReader;
import io.punktfunk.media.video.Picture;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a video file (any container and codec FFmpeg reads) as a source, looping at the end and
 * scaling to the requested size. Paced at {@code fps} like a live source.
 */
public final class FileSource implements VideoSource {

    private final int width;
    private final int height;
    private final int fps;
    private final long frameIntervalNs;
    private final boolean paced;
    private final VideoStreamReader reader;
    private long counter;
    private long nextDueNs;

    /** @param paced block until each frame is due at {@code fps}; false delivers as fast as decoded */
    public FileSource(Path file, int width, int height, int fps, boolean paced) {
        if (width <= 0 || height <= 0 || ((width | height) & 1) != 0 || fps <= 0) {
            throw new IllegalArgumentException("need an even positive size and fps: " + width + "x" + height + "@" + fps);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.paced = paced;
        this.frameIntervalNs = 1_000_000_000L / fps;
        FfmpegInput input = FfmpegInput.open(null, file.toString(), Map.of(), "--source file");
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
        if (paced) {
            long now = System.nanoTime();
            if (nextDueNs == 0 || now - nextDueNs > frameIntervalNs) {
                nextDueNs = now;
            }
            while (nextDueNs - now > 0) {
                LockSupport.parkNanos(nextDueNs - now);
                now = System.nanoTime();
            }
            nextDueNs += frameIntervalNs;
        }
        if (!reader.read(picture)) {
            reader.rewind();
            if (!reader.read(picture)) {
                throw new IllegalStateException("video file has no decodable pictures");
            }
        }
        picture.captureNs(System.nanoTime()).frameCounter(counter++);
    }

    @Override
    public void close() {
        reader.close();
    }
}
