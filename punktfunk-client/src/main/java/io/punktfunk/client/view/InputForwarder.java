package io.punktfunk.client.view;

import io.punktfunk.control.message.InputEvent;
import java.awt.AWTException;
import java.awt.Cursor;
import java.awt.Point;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.FocusEvent;
import java.awt.event.FocusListener;
import java.awt.event.KeyEvent;
import java.awt.event.KeyListener;
import java.awt.event.MouseEvent;
import java.awt.event.MouseListener;
import java.awt.event.MouseMotionListener;
import java.awt.event.MouseWheelEvent;
import java.awt.event.MouseWheelListener;
import java.awt.image.BufferedImage;

/**
 * Turns the canvas's AWT key, mouse and focus events into {@link ViewerInputEvent}s for an {@link InputSink}.
 * Event thread only.
 *
 * <ul>
 *   <li>Keys go as US-positional virtual keys ({@link AwtKeys}) with the held modifiers; a character whose key
 *       has no wire code goes as {@link TextInput}.</li>
 *   <li>The pointer is absolute (video pixels) until Ctrl+Alt+Shift+M locks it: then the cursor is hidden,
 *       the {@link Robot} warps it back to the canvas centre after every move and only the deltas go out.</li>
 *   <li>Every key and button it sent down is remembered; focus loss, window close and pointer-lock
 *       release send their ups ({@link #releaseAll()}), so nothing stays pressed on the host.</li>
 *   <li>Two chords stay local, their keys' releases included: Ctrl+Alt+S (stats) and Ctrl+Alt+Shift+M
 *       (pointer lock). Their modifier presses are forwarded and released as usual.</li>
 * </ul>
 */
final class InputForwarder implements KeyListener, MouseListener, MouseMotionListener, MouseWheelListener, FocusListener {

    private static final int CHORD = KeyEvent.CTRL_DOWN_MASK | KeyEvent.ALT_DOWN_MASK;
    /** AWT numbers X buttons 6/7 (horizontal wheel) as 4/5 and X 8/9 (back/forward) as 6/7. */
    private static final int AWT_WHEEL_LEFT = 4;
    private static final int AWT_WHEEL_RIGHT = 5;
    private static final int AWT_BACK = 6;
    private static final int AWT_FORWARD = 7;

    private final VideoCanvas canvas;
    private final InputSink sink;
    private final int[] position = new int[2];
    private final boolean[] heldKeys = new boolean[256];
    private int heldKeyCount;
    /** Bit b set: wire button b is down. */
    private int heldButtons;
    /** Key code of a chord key whose release must stay local too (modifiers may be released before it). */
    private int swallowRelease = KeyEvent.VK_UNDEFINED;
    /** The last key press had no wire code: its character goes as text. */
    private boolean textFromLastPress;
    private char highSurrogate;
    private Robot robot;
    private boolean locked;
    private final Point lockCentre = new Point();
    private Cursor blankCursor;

    InputForwarder(VideoCanvas canvas, InputSink sink) {
        this.canvas = canvas;
        this.sink = sink;
    }

    void attach() {
        canvas.addKeyListener(this);
        canvas.addMouseListener(this);
        canvas.addMouseMotionListener(this);
        canvas.addMouseWheelListener(this);
        canvas.addFocusListener(this);
    }

    private static boolean chord(KeyEvent e, int key, boolean shift) {
        int ex = e.getModifiersEx();
        return e.getKeyCode() == key && (ex & CHORD) == CHORD && ((ex & KeyEvent.SHIFT_DOWN_MASK) != 0) == shift;
    }

    @Override
    public void keyPressed(KeyEvent e) {
        e.consume();
        textFromLastPress = false;
        if (chord(e, KeyEvent.VK_S, false)) {
            swallowRelease = KeyEvent.VK_S;
            canvas.statsVisible(!canvas.statsVisible());
            return;
        }
        if (chord(e, KeyEvent.VK_M, true)) {
            swallowRelease = KeyEvent.VK_M;
            pointerLocked(!locked);
            return;
        }
        int vk = AwtKeys.vk(e);
        if (vk == 0) {
            textFromLastPress = true;
            return;
        }
        if (!heldKeys[vk]) {
            heldKeys[vk] = true;
            heldKeyCount++;
        }
        sink.accept(new KeyInput(vk, true, AwtKeys.modifiers(e))); // auto-repeat too, as AWT delivers it
    }

    @Override
    public void keyReleased(KeyEvent e) {
        e.consume();
        if (swallowRelease != KeyEvent.VK_UNDEFINED && e.getKeyCode() == swallowRelease) {
            swallowRelease = KeyEvent.VK_UNDEFINED;
            return;
        }
        int vk = AwtKeys.vk(e);
        if (vk != 0 && heldKeys[vk]) {
            heldKeys[vk] = false;
            heldKeyCount--;
            sink.accept(new KeyInput(vk, false, AwtKeys.modifiers(e)));
        }
    }

    @Override
    public void keyTyped(KeyEvent e) {
        e.consume();
        char c = e.getKeyChar();
        if (!textFromLastPress || c == KeyEvent.CHAR_UNDEFINED || Character.isISOControl(c)) {
            return; // the host makes characters from forwarded keys itself
        }
        if (Character.isHighSurrogate(c)) {
            highSurrogate = c;
            return;
        }
        int cp = Character.isLowSurrogate(c) && highSurrogate != 0 ? Character.toCodePoint(highSurrogate, c) : c;
        highSurrogate = 0;
        if (!Character.isSurrogate((char) cp) || cp > 0xFFFF) {
            sink.accept(new TextInput(cp));
        }
    }

    @Override
    public void mousePressed(MouseEvent e) {
        canvas.requestFocusInWindow();
        move(e);
        button(e, true);
    }

    @Override
    public void mouseReleased(MouseEvent e) {
        move(e);
        button(e, false);
    }

    private void button(MouseEvent e, boolean pressed) {
        int awt = e.getButton();
        if (awt == AWT_WHEEL_LEFT || awt == AWT_WHEEL_RIGHT) {
            if (pressed) { // a horizontal wheel notch arrives as a click
                sink.accept(new MouseWheelInput(InputEvent.SCROLL_HORIZONTAL, awt == AWT_WHEEL_RIGHT ? 1 : -1));
            }
            return;
        }
        int b = switch (awt) {
            case MouseEvent.BUTTON1 -> InputEvent.BUTTON_LEFT;
            case MouseEvent.BUTTON2 -> InputEvent.BUTTON_MIDDLE;
            case MouseEvent.BUTTON3 -> InputEvent.BUTTON_RIGHT;
            case AWT_BACK -> InputEvent.BUTTON_X1;
            case AWT_FORWARD -> InputEvent.BUTTON_X2;
            default -> 0;
        };
        if (b == 0) {
            return;
        }
        boolean wasDown = (heldButtons & (1 << b)) != 0;
        if (pressed) {
            heldButtons |= 1 << b;
            sink.accept(new MouseButtonInput(b, true));
        } else if (wasDown) {
            heldButtons &= ~(1 << b);
            sink.accept(new MouseButtonInput(b, false));
        }
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
        double rotation = e.getPreciseWheelRotation();
        if (rotation != 0) {
            // AWT: positive = towards the user (down); the wire: positive = up. Shift+wheel is horizontal
            // scrolling to AWT, but for the remote side it stays Shift plus a vertical wheel.
            sink.accept(new MouseWheelInput(InputEvent.SCROLL_VERTICAL, -rotation));
        }
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

    @Override
    public void focusGained(FocusEvent e) {
    }

    @Override
    public void focusLost(FocusEvent e) {
        pointerLocked(false);
        releaseAll();
    }

    private void move(MouseEvent e) {
        if (locked) {
            int dx = e.getXOnScreen() - lockCentre.x;
            int dy = e.getYOnScreen() - lockCentre.y;
            if (dx != 0 || dy != 0) { // the warp's own event comes back as (0, 0)
                sink.accept(new MouseDeltaInput(dx, dy));
                robot.mouseMove(lockCentre.x, lockCentre.y);
            }
            return;
        }
        canvas.toVideo(e.getX(), e.getY(), position);
        sink.accept(new MouseMoveInput(position[0], position[1], canvas.videoWidth(), canvas.videoHeight()));
    }

    /** Sends the up of every key and button this forwarder sent down and has not released. */
    void releaseAll() {
        if (heldKeyCount > 0) {
            for (int vk = 0; vk < heldKeys.length; vk++) {
                if (heldKeys[vk]) {
                    heldKeys[vk] = false;
                    sink.accept(new KeyInput(vk, false, 0));
                }
            }
            heldKeyCount = 0;
        }
        for (int mask = heldButtons; mask != 0; mask &= mask - 1) {
            sink.accept(new MouseButtonInput(Integer.numberOfTrailingZeros(mask), false));
        }
        heldButtons = 0;
        swallowRelease = KeyEvent.VK_UNDEFINED;
    }

    boolean pointerLocked() {
        return locked;
    }

    /**
     * Locks (hidden cursor, relative motion) or frees the pointer. Without a {@link Robot} (no XTest on the
     * display) the lock is refused and the pointer stays absolute.
     */
    void pointerLocked(boolean lock) {
        if (lock == locked) {
            return;
        }
        if (!lock) {
            locked = false;
            canvas.setCursor(Cursor.getDefaultCursor());
            return;
        }
        if (!canvas.isShowing()) {
            return;
        }
        if (robot == null) {
            try {
                robot = new Robot(canvas.getGraphicsConfiguration().getDevice());
            } catch (AWTException | SecurityException e) {
                return;
            }
        }
        if (blankCursor == null) {
            blankCursor = Toolkit.getDefaultToolkit().createCustomCursor(
                    new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB), new Point(0, 0), "punktfunk-hidden");
        }
        Point origin = canvas.getLocationOnScreen();
        lockCentre.setLocation(origin.x + canvas.getWidth() / 2, origin.y + canvas.getHeight() / 2);
        canvas.setCursor(blankCursor);
        locked = true;
        robot.mouseMove(lockCentre.x, lockCentre.y);
    }
}
