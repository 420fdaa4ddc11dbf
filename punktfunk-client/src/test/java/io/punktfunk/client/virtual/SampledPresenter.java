package io.punktfunk.client.virtual;

import io.punktfunk.client.view.VideoPresenter;
import io.punktfunk.client.view.ViewerStats;
import io.punktfunk.media.video.Picture;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A presenter that keeps what a test needs of the last picture: its size, and how much of it is bright and how
 * much dark (a 64x64 sample grid of BGRA pixels), to tell a desktop with a window on it from a blank one.
 */
final class SampledPresenter implements VideoPresenter {
    private volatile int width;
    private volatile int height;
    private volatile double brightShare;
    private volatile double darkShare;
    private volatile long presented;

    @Override
    public void present(Picture bgra) {
        MemorySegment p = bgra.plane(0);
        int stride = bgra.stride(0);
        int bright = 0;
        int dark = 0;
        int n = 0;
        for (int gy = 0; gy < 64; gy++) {
            int y = gy * bgra.height() / 64;
            for (int gx = 0; gx < 64; gx++) {
                int x = gx * bgra.width() / 64;
                long at = (long) y * stride + 4L * x;
                int b = Byte.toUnsignedInt(p.get(ValueLayout.JAVA_BYTE, at));
                int g = Byte.toUnsignedInt(p.get(ValueLayout.JAVA_BYTE, at + 1));
                int r = Byte.toUnsignedInt(p.get(ValueLayout.JAVA_BYTE, at + 2));
                int luma = (r * 77 + g * 150 + b * 29) >> 8;
                if (luma > 200) {
                    bright++;
                } else if (luma < 60) {
                    dark++;
                }
                n++;
            }
        }
        width = bgra.width();
        height = bgra.height();
        brightShare = bright / (double) n;
        darkShare = dark / (double) n;
        presented++;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    double brightShare() {
        return brightShare;
    }

    double darkShare() {
        return darkShare;
    }

    @Override
    public void stats(ViewerStats stats) {
    }

    @Override
    public long framesPresented() {
        return presented;
    }

    @Override
    public long framesDropped() {
        return 0;
    }

    @Override
    public void close() {
    }
}
