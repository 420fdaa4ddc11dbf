package io.punktfunk.client.view;

import java.awt.Canvas;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Toolkit;
import java.awt.image.BufferStrategy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The surface the video is drawn on: a heavyweight canvas with a two-buffer strategy, so each frame
 * is one image draw (scaled to fit, letterboxed) plus the overlay into the back buffer, then one
 * flip; nothing is painted twice and the overlay never flickers.
 *
 * <p>The decode thread only calls {@link #requestRender()}, which queues one render on the event
 * thread unless one is already queued: if the event thread falls behind, renders coalesce and the
 * render that runs shows the newest picture.
 */
final class VideoCanvas extends Canvas {

    private final LatestFrameBuffer frames;
    private final StatsOverlay overlay = new StatsOverlay();
    private final PresentTiming drawTiming = new PresentTiming();
    private final PresentTiming presentToScreenTiming = new PresentTiming();
    private final AtomicBoolean renderQueued = new AtomicBoolean();
    private final Runnable queuedRender = this::runQueuedRender;
    private volatile ViewerStats stats = ViewerStats.NONE;
    private volatile boolean statsVisible;
    private volatile long shown;
    private volatile long lastShownCounter = -1;
    /** Where the video lies in the canvas; event thread only. */
    private final Rectangle videoBounds = new Rectangle();

    VideoCanvas(LatestFrameBuffer frames, int width, int height, boolean statsVisible) {
        this.frames = frames;
        this.statsVisible = statsVisible;
        setPreferredSize(new Dimension(width, height));
        setBackground(Color.BLACK);
        setIgnoreRepaint(true);
        setFocusable(true);
        // Tab and Shift+Tab belong to the remote desktop, not to AWT focus traversal.
        setFocusTraversalKeysEnabled(false);
    }

    /** Any thread: makes the event thread show the latest picture soon. */
    void requestRender() {
        if (renderQueued.compareAndSet(false, true)) {
            EventQueue.invokeLater(queuedRender);
        }
    }

    private void runQueuedRender() {
        renderQueued.set(false);
        render();
    }

    @Override
    public void paint(Graphics g) {
        render(); // expose or resize: redraw the current picture
    }

    @Override
    public void update(Graphics g) {
        render(); // no clearing to the background first
    }

    /** Event thread: draws the newest picture (or the current one again) and flips. */
    private void render() {
        if (!isDisplayable()) {
            return; // closed while a render was queued
        }
        BufferStrategy strategy = getBufferStrategy();
        if (strategy == null) {
            createBufferStrategy(2);
            strategy = getBufferStrategy();
        }
        long start = System.nanoTime();
        FrameImage fresh = frames.takeFresh();
        FrameImage frame = fresh != null ? fresh : frames.current();
        do {
            do {
                Graphics2D g = (Graphics2D) strategy.getDrawGraphics();
                try {
                    draw(g, frame);
                } finally {
                    g.dispose();
                }
            } while (strategy.contentsRestored());
            strategy.show();
        } while (strategy.contentsLost());
        // X11 queues drawing requests; without a sync the flip may sit in the output buffer.
        Toolkit.getDefaultToolkit().sync();
        if (fresh != null) {
            long end = System.nanoTime();
            drawTiming.record(end - start);
            presentToScreenTiming.record(end - fresh.filledNs());
            lastShownCounter = fresh.frameCounter();
            shown++;
        }
    }

    private void draw(Graphics2D g, FrameImage frame) {
        int width = getWidth();
        int height = getHeight();
        fit(frame.width(), frame.height(), width, height, videoBounds);
        g.setColor(Color.BLACK);
        if (videoBounds.width < width || videoBounds.height < height) {
            g.fillRect(0, 0, width, height);
        }
        if (frame.frameCounter() < 0) {
            g.fillRect(videoBounds.x, videoBounds.y, videoBounds.width, videoBounds.height);
        } else if (videoBounds.width == frame.width() && videoBounds.height == frame.height()) {
            g.drawImage(frame.image(), videoBounds.x, videoBounds.y, null);
        } else {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(frame.image(), videoBounds.x, videoBounds.y, videoBounds.width, videoBounds.height, null);
        }
        if (statsVisible) {
            overlay.paint(g, videoBounds.x, videoBounds.y, videoBounds.width, videoBounds.height, stats, shown,
                    frames.dropped(), drawTiming.meanMs());
        }
    }

    /** The largest rectangle of the picture's aspect ratio centred in the canvas. */
    static void fit(int pictureWidth, int pictureHeight, int width, int height, Rectangle out) {
        if (pictureWidth <= 0 || pictureHeight <= 0 || width <= 0 || height <= 0) {
            out.setBounds(0, 0, Math.max(width, 0), Math.max(height, 0));
            return;
        }
        if ((long) width * pictureHeight <= (long) height * pictureWidth) {
            int h = (int) ((long) width * pictureHeight / pictureWidth);
            out.setBounds(0, (height - h) / 2, width, h);
        } else {
            int w = (int) ((long) height * pictureWidth / pictureHeight);
            out.setBounds((width - w) / 2, 0, w, height);
        }
    }

    /**
     * Event thread: a canvas position in video pixels, clamped to the picture, written to
     * {@code out[0..1]}. Before the first render the canvas and the picture coincide.
     */
    void toVideo(int canvasX, int canvasY, int[] out) {
        FrameImage frame = frames.current();
        Rectangle v = videoBounds.isEmpty() ? new Rectangle(0, 0, frame.width(), frame.height()) : videoBounds;
        long x = (long) (canvasX - v.x) * frame.width() / Math.max(1, v.width);
        long y = (long) (canvasY - v.y) * frame.height() / Math.max(1, v.height);
        out[0] = Math.clamp(x, 0, frame.width() - 1);
        out[1] = Math.clamp(y, 0, frame.height() - 1);
    }

    /** Size of the picture that pointer positions refer to. */
    int videoWidth() {
        return frames.current().width();
    }

    int videoHeight() {
        return frames.current().height();
    }

    void stats(ViewerStats newStats) {
        stats = newStats;
        if (statsVisible) {
            requestRender();
        }
    }

    boolean statsVisible() {
        return statsVisible;
    }

    void statsVisible(boolean visible) {
        statsVisible = visible;
        requestRender();
    }

    /** Event thread: where the video is drawn, in canvas coordinates. */
    Rectangle videoBounds() {
        return new Rectangle(videoBounds);
    }

    PresentTiming drawTiming() {
        return drawTiming;
    }

    PresentTiming presentToScreenTiming() {
        return presentToScreenTiming;
    }

    long shown() {
        return shown;
    }

    long lastShownCounter() {
        return lastShownCounter;
    }
}
