package io.punktfunk.client.input;

import io.punktfunk.client.view.InputSink;
import io.punktfunk.client.view.KeyInput;
import io.punktfunk.client.view.MouseButtonInput;
import io.punktfunk.client.view.MouseDeltaInput;
import io.punktfunk.client.view.MouseMoveInput;
import io.punktfunk.client.view.MouseWheelInput;
import io.punktfunk.client.view.TextInput;
import io.punktfunk.client.view.ViewerInputEvent;
import io.punktfunk.control.message.InputEvent;
import java.util.function.Consumer;

/**
 * The viewer's {@link InputSink} that sends to the host: each {@link ViewerInputEvent} becomes one wire
 * {@link InputEvent} (edges on the control stream, motion and wheel as datagrams, as
 * {@code ClientControlSession.sendInput} decides). The window opens before the session exists, so input
 * goes nowhere until {@link #attach}. It also remembers what it sent down: {@link #detach} sends those
 * ups before the session closes, so a disconnect never leaves a key held even if the window still thinks
 * one is.
 */
public final class RemoteInput implements InputSink {
    private final boolean[] heldKeys = new boolean[256];
    private int heldButtons;
    private Consumer<InputEvent> out;
    private long sent;

    /** Starts sending to {@code send} (e.g. {@code session::sendInput}). */
    public synchronized void attach(Consumer<InputEvent> send) {
        out = send;
    }

    /** Releases everything still held, then stops sending. */
    public synchronized void detach() {
        Consumer<InputEvent> o = out;
        if (o != null) {
            for (int vk = 0; vk < heldKeys.length; vk++) {
                if (heldKeys[vk]) {
                    o.accept(new InputEvent(InputEvent.KEY_UP, vk, 0, 0, 0));
                }
            }
            for (int mask = heldButtons; mask != 0; mask &= mask - 1) {
                o.accept(new InputEvent(InputEvent.MOUSE_BUTTON_UP, Integer.numberOfTrailingZeros(mask), 0, 0, 0));
            }
        }
        java.util.Arrays.fill(heldKeys, false);
        heldButtons = 0;
        out = null;
    }

    /** Events handed to the control session so far. */
    public synchronized long sent() {
        return sent;
    }

    @Override
    public synchronized void accept(ViewerInputEvent event) {
        if (out == null) {
            return;
        }
        switch (event) {
            case KeyInput k -> heldKeys[k.vk() & 0xFF] = k.pressed();
            case MouseButtonInput b -> heldButtons = b.pressed() ? heldButtons | 1 << b.button() : heldButtons & ~(1 << b.button());
            default -> { }
        }
        out.accept(toWire(event));
        sent++;
    }

    /** The wire form of a viewer event. */
    public static InputEvent toWire(ViewerInputEvent event) {
        return switch (event) {
            case KeyInput k -> new InputEvent(k.pressed() ? InputEvent.KEY_DOWN : InputEvent.KEY_UP, k.vk(), 0, 0, k.modifiers());
            case TextInput t -> new InputEvent(InputEvent.TEXT_INPUT, t.codePoint(), 0, 0, 0);
            case MouseMoveInput m -> new InputEvent(InputEvent.MOUSE_MOVE_ABS, 0, m.x(), m.y(), m.width() << 16 | m.height());
            case MouseDeltaInput d -> new InputEvent(InputEvent.MOUSE_MOVE, 0, d.dx(), d.dy(), 0);
            case MouseButtonInput b -> new InputEvent(b.pressed() ? InputEvent.MOUSE_BUTTON_DOWN : InputEvent.MOUSE_BUTTON_UP,
                    b.button(), 0, 0, 0);
            case MouseWheelInput w -> wheel(w);
        };
    }

    /** Whole detents as MouseScroll (120 each); fractions from high-resolution wheels as Scroll in Q24.8. */
    private static InputEvent wheel(MouseWheelInput w) {
        double notches = w.notches();
        if (notches == Math.rint(notches)) {
            return new InputEvent(InputEvent.MOUSE_SCROLL, w.axis(), (int) notches * InputEvent.WHEEL_DELTA, 0, 0);
        }
        return new InputEvent(InputEvent.SCROLL, w.axis(), (int) Math.round(notches * InputEvent.SCROLL_Q8_PER_DETENT), 0,
                InputEvent.SCROLL_SOURCE_WHEEL);
    }
}
