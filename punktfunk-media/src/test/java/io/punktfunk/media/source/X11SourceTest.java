package io.punktfunk.media.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.media.ffmpeg.SystemLibraries;
import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import io.punktfunk.testkit.Environment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** x11grab of an Xvfb root window painted known colours. */
class X11SourceTest {

    @Test
    void capturesTheColourOnScreen() throws Exception {
        Environment.require(XvfbDisplay.installed(),
                "Xvfb/xsetroot not installed (apt-get install xvfb x11-xserver-utils): X11 capture not tested");
        List<String> missing = SystemLibraries.missing(SystemLibraries.DEVICES);
        Environment.require(missing.isEmpty(), "FFmpeg's device library needs " + missing
                + " (apt-get install libxcb1 libxcb-shm0 libasound2 libpulse0): X11 capture not tested");
        try (XvfbDisplay xvfb = XvfbDisplay.start(1280, 720);
             X11Source source = new X11Source(xvfb.display(), 0, 0, 640, 360, 30);
             Picture picture = Picture.allocate(PixelFormat.I420, 640, 360)) {
            // BT.601 limited range, swscale's default for RGB -> YUV.
            expectColour(xvfb, source, picture, "#ff0000", 81, 90, 240);
            expectColour(xvfb, source, picture, "#0000ff", 41, 240, 110);
            expectColour(xvfb, source, picture, "#ffffff", 235, 128, 128);
            assertThat(picture.frameCounter()).isPositive();
        }
    }

    private static void expectColour(XvfbDisplay xvfb, X11Source source, Picture picture, String colour,
                                     int y, int u, int v) throws Exception {
        xvfb.paintRoot(colour);
        // A few frames so the capture is past the repaint.
        for (int i = 0; i < 3; i++) {
            source.capture(picture);
        }
        int[] centre = sample(picture, 320, 180);
        int[] corner = sample(picture, 10, 10);
        for (int[] got : new int[][] {centre, corner}) {
            assertThat(got[0]).as("%s Y", colour).isBetween(y - 3, y + 3);
            assertThat(got[1]).as("%s U", colour).isBetween(u - 3, u + 3);
            assertThat(got[2]).as("%s V", colour).isBetween(v - 3, v + 3);
        }
    }

    private static int[] sample(Picture picture, int x, int y) {
        return new int[] {
            picture.plane(0).get(ValueLayout.JAVA_BYTE, (long) y * picture.stride(0) + x) & 0xFF,
            picture.plane(1).get(ValueLayout.JAVA_BYTE, (long) (y / 2) * picture.stride(1) + x / 2) & 0xFF,
            picture.plane(2).get(ValueLayout.JAVA_BYTE, (long) (y / 2) * picture.stride(2) + x / 2) & 0xFF,
        };
    }
}
