package io.punktfunk.client.view;

import java.awt.event.KeyEvent;
import java.awt.event.KeyListener;
import java.awt.event.MouseEvent;
import java.awt.event.MouseListener;
import java.awt.event.MouseMotionListener;
import java.awt.event.MouseWheelEvent;
import java.awt.event.MouseWheelListener;

/**
 * Turns the canvas's AWT key and mouse events into {@link InputEvent}
 * records for an {@link InputSink}, with pointer positions mapped into video pixels. One key
 * combination stays local: Ctrl+Alt+S toggles the stats overlay (a single key would be taken away
 * from whatever runs remotely).
 */
final class InputForwarder implements KeyListener, MouseListener, MouseMotionListener, MouseWheelListener {

    private static final int STATS_MODIFIERS = KeyEvent.CTRL_DOWN_MASK | KeyEvent.ALT_DOWN_MASK;

    private final VideoCanvas canvas;
    private final InputSink sink;
    private final int[] position = new int[2];
    /** The hotkey's S whose release must stay local too (modifiers may be released before it). */
    private boolean swallowStatsRelease;

    InputForwarder(VideoCanvas canvas, InputSink sink) {
        this.canvas = canvas;
        this.sink = sink;
    }

    void attach() {
        canvas.addKeyListener(this);
        canvas.addMouseListener(this);
        canvas.addMouseMotionListener(this);
        canvas.addMouseWheelListener(this);
    }

    private static boolean statsHotkey(KeyEvent e) {
        return e.getKeyCode() == KeyEvent.VK_S && (e.getModifiersEx() & STATS_MODIFIERS) == STATS_MODIFIERS;
    }

    @Override
    public void keyPressed(KeyEvent e) {
        if (statsHotkey(e)) {
            swallowStatsRelease = true;
            canvas.statsVisible(!canvas.statsVisible());
        } else if (e.getKeyCode() != KeyEvent.VK_UNDEFINED) {
            sink.accept(new KeyInput(e.getKeyCode(), true));
        }
        e.consume();
    }

    @Override
    public void keyReleased(KeyEvent e) {
        if (swallowStatsRelease && e.getKeyCode() == KeyEvent.VK_S) {
            swallowStatsRelease = false;
        } else if (e.getKeyCode() != KeyEvent.VK_UNDEFINED) {
            sink.accept(new KeyInput(e.getKeyCode(), false));
        }
        e.consume();
    }

    @Override
    public void keyTyped(KeyEvent e) {
        e.consume(); // the remote side turns key codes into characters itself
    }

    @Override
    public void mousePressed(MouseEvent e) {
        canvas.requestFocusInWindow();
        move(e);
        sink.accept(new MouseButtonInput(e.getButton(), true));
    }

    @Override
    public void mouseReleased(MouseEvent e) {
        move(e);
        sink.accept(new MouseButtonInput(e.getButton(), false));
    }

    @Override
    public void mouseMoved(MouseEvent e) {
        move(e);
    }

    @Override
    public void mouseDragged(MouseEvent e) {
        move(e);
    }

    @Override
    public void mouseWheelMoved(MouseWheelEvent e) {
        sink.accept(new MouseWheelInput(e.getPreciseWheelRotation()));
    }

    @Override
    public void mouseClicked(MouseEvent e) {
        // press and release were forwarded already
    }

    @Override
    public void mouseEntered(MouseEvent e) {
        move(e);
    }

    @Override
    public void mouseExited(MouseEvent e) {
        // the remote pointer stays where it last was
    }

    private void move(MouseEvent e) {
        canvas.toVideo(e.getX(), e.getY(), position);
        sink.accept(new MouseMoveInput(position[0], position[1]));
    }
}
