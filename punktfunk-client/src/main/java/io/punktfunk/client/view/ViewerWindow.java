package io.punktfunk.client.view;

import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The desktop viewer: an AWT window sized to the stream's native resolution that shows the newest
 * decoded picture, optionally with a stats overlay, and forwards key and mouse input.
 *
 * <p>{@link #present} copies the picture into the back image of a {@link LatestFrameBuffer} on the
 * caller's (decode) thread and asks the event thread to render; it never waits for the event
 * thread. Closing the window, by the user or by {@link #close()}, disposes it and runs the
 * {@code onClosed} callback once, on the event thread.
 */
public final class ViewerWindow implements VideoPresenter {

    private final Frame frame;
    private final VideoCanvas canvas;
    private final LatestFrameBuffer frames;
    private final PresentTiming copyTiming = new PresentTiming();
    private final Runnable onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InputForwarder input;

    private ViewerWindow(String title, int width, int height, boolean showStats, InputSink input, Runnable onClosed) {
        this.onClosed = onClosed;
        this.frames = new LatestFrameBuffer(width, height);
        this.canvas = new VideoCanvas(frames, width, height, showStats);
        this.frame = new Frame(title);
        frame.add(canvas);
        frame.setResizable(true);
        frame.pack();
        frame.setLocationRelativeTo(null);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }

            @Override
            public void windowDeactivated(WindowEvent e) {
                // another window took the keyboard: nothing may stay pressed remotely
                ViewerWindow.this.input.pointerLocked(false);
                ViewerWindow.this.input.releaseAll();
            }
        });
        this.input = new InputForwarder(canvas, input);
        this.input.attach();
        frame.setVisible(true);
        canvas.requestFocus();
        canvas.requestRender();
    }

    /**
     * Opens a viewer window whose video area is {@code width} x {@code height} (the stream's size).
     *
     * @param showStats start with the stats overlay shown (Ctrl+Alt+S toggles it)
     * @param input     receives captured key and mouse events; {@link InputSink#NONE} to ignore them
     * @param onClosed  runs once on the event thread when the window closes
     * @throws ViewerUnavailableException when there is no display (the message says why)
     */
    public static ViewerWindow open(String title, int width, int height, boolean showStats, InputSink input,
                                    Runnable onClosed) throws ViewerUnavailableException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("video size must be positive: " + width + "x" + height);
        }
        var reason = DisplayCheck.unavailableReason();
        if (reason.isPresent()) {
            throw new ViewerUnavailableException(reason.get());
        }
        AtomicReference<ViewerWindow> window = new AtomicReference<>();
        try {
            EventQueue.invokeAndWait(() -> window.set(new ViewerWindow(title, width, height, showStats, input,
                    onClosed)));
        } catch (InvocationTargetException e) {
            throw new ViewerUnavailableException("cannot open the viewer window: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ViewerUnavailableException("interrupted while opening the viewer window", e);
        }
        return window.get();
    }

    @Override
    public void present(Picture bgra) {
        if (bgra.format() != PixelFormat.BGRA) {
            throw new IllegalArgumentException("the viewer shows BGRA pictures, got " + bgra);
        }
        if (closed.get()) {
            return;
        }
        long start = System.nanoTime();
        frames.publish(bgra, start);
        copyTiming.record(System.nanoTime() - start);
        canvas.requestRender();
    }

    @Override
    public void stats(ViewerStats stats) {
        canvas.stats(stats);
    }

    /** Shows or hides the stats overlay (as Ctrl+Alt+S does). */
    public void statsVisible(boolean visible) {
        canvas.statsVisible(visible);
    }

    public boolean statsVisible() {
        return canvas.statsVisible();
    }

    @Override
    public long framesPresented() {
        return frames.published();
    }

    @Override
    public long framesDropped() {
        return frames.dropped();
    }

    /** Pictures drawn on screen. */
    public long framesShown() {
        return canvas.shown();
    }

    /** The frame counter of the picture on screen now, -1 before the first. */
    public long lastShownFrameCounter() {
        return canvas.lastShownCounter();
    }

    /** Per-picture cost of {@link #present} on the decode thread (the copy into the back image). */
    public PresentTiming copyTiming() {
        return copyTiming;
    }

    /** Per-picture cost on the event thread: draw, overlay, flip and X sync. */
    public PresentTiming drawTiming() {
        return canvas.drawTiming();
    }

    /**
     * Per shown picture, from {@link #present} being called to the flip reaching the X server: the
     * viewer's share of glass-to-glass latency (queueing on the event thread included).
     */
    public PresentTiming presentToScreenTiming() {
        return canvas.presentToScreenTiming();
    }

    /** Where the video is on the screen, for screenshots. Call on the event thread or after rendering settled. */
    public Rectangle videoBoundsOnScreen() {
        AtomicReference<Rectangle> bounds = new AtomicReference<>();
        Runnable read = () -> {
            Rectangle r = canvas.videoBounds();
            Point origin = canvas.getLocationOnScreen();
            r.translate(origin.x, origin.y);
            bounds.set(r);
        };
        if (EventQueue.isDispatchThread()) {
            read.run();
        } else {
            try {
                EventQueue.invokeAndWait(read);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("window not on screen", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return bounds.get();
    }

    /**
     * Locks the pointer for games (hidden cursor, relative motion), as Ctrl+Alt+Shift+M does, or frees it.
     * Any thread.
     */
    public void pointerLocked(boolean lock) {
        onEventThread(() -> input.pointerLocked(lock));
    }

    /** True while the pointer is locked (relative mode). */
    public boolean pointerLocked() {
        boolean[] out = new boolean[1];
        onEventThread(() -> out[0] = input.pointerLocked());
        return out[0];
    }

    /** Sends the up of every held key and button now (as focus loss does). Any thread. */
    public void releaseInput() {
        onEventThread(input::releaseAll);
    }

    private static void onEventThread(Runnable r) {
        if (EventQueue.isDispatchThread()) {
            r.run();
            return;
        }
        try {
            EventQueue.invokeAndWait(r);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            EventQueue.invokeLater(() -> {
                input.pointerLocked(false);
                input.releaseAll(); // before onClosed, while the input channel still carries the ups
                frame.dispose();
                onClosed.run();
            });
        }
    }
}
