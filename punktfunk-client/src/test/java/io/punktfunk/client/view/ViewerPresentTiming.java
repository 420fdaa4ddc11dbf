package io.punktfunk.client.view;

import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;

/**
 * Measures what presenting costs at a stream size (not a test: timings belong in benchmarks). Two
 * phases: a live stream (synthetic → x264 → decode → viewer, paced at fps), then a flood of
 * already decoded pictures as fast as the decode thread can hand them over, which shows how many
 * pictures per second the window really draws and how the hand-off drops the rest. Needs a display
 * (DISPLAY set, e.g. an Xvfb). From the module directory:
 *
 * <pre>
 * DISPLAY=:N java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   io.punktfunk.client.view.ViewerPresentTiming [frames=600] [width=1280] [height=720] [fps=60] [overlay=true]
 * </pre>
 */
public final class ViewerPresentTiming {

    private ViewerPresentTiming() {
    }

    public static void main(String[] args) throws Exception {
        int frames = Integer.parseInt(arg(args, 0, "600"));
        int width = Integer.parseInt(arg(args, 1, "1280"));
        int height = Integer.parseInt(arg(args, 2, "720"));
        int fps = Integer.parseInt(arg(args, 3, "60"));
        boolean overlay = Boolean.parseBoolean(arg(args, 4, "true"));
        try (SyntheticStream source = new SyntheticStream(width, height, fps, true);
             Picture copy = Picture.allocate(PixelFormat.BGRA, width, height)) {
            ViewerWindow stream = ViewerWindow.open("punktfunk timing", width, height, overlay, InputSink.NONE,
                    () -> { });
            try {
                stream.stats(new ViewerStats(fps, 20, 0, 0, 0, 0, 0));
                long start = System.nanoTime();
                for (int i = 0; i < frames; i++) {
                    stream.present(source.next());
                }
                settle(stream);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("stream %dx%d@%d overlay=%b: %d presented in %.1f s, shown %d, dropped %d%n"
                                + "  present (copy, decode thread): %s%n  draw (event thread): %s%n"
                                + "  present() to on screen: %s%n",
                        width, height, fps, overlay, stream.framesPresented(), seconds, stream.framesShown(),
                        stream.framesDropped(), stream.copyTiming(), stream.drawTiming(),
                        stream.presentToScreenTiming());
                source.next().copyTo(copy);
            } finally {
                stream.close();
            }

            ViewerWindow flood = ViewerWindow.open("punktfunk flood", width, height, overlay, InputSink.NONE,
                    () -> { });
            try {
                long floodStart = System.nanoTime();
                long floodEnd = floodStart + 3_000_000_000L;
                while (System.nanoTime() < floodEnd) {
                    flood.present(copy);
                }
                settle(flood);
                double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
                System.out.printf("flood %.1f s: presented %d (%.0f/s), shown %d (%.0f/s), dropped %d%n"
                                + "  present (copy, decode thread): %s%n  draw (event thread): %s%n",
                        floodSeconds, flood.framesPresented(), flood.framesPresented() / floodSeconds,
                        flood.framesShown(), flood.framesShown() / floodSeconds, flood.framesDropped(),
                        flood.copyTiming(), flood.drawTiming());
            } finally {
                flood.close(); // with every window disposed AWT's threads end and the JVM exits
            }
        }
    }

    private static void settle(ViewerWindow window) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (window.framesShown() + window.framesDropped() < window.framesPresented()
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }
}
