package io.punktfunk.host.input;

import io.punktfunk.control.message.InputEvent;

/**
 * The wire's input event kinds (reference §2.7) with the field packing the host decodes; the
 * control plane's {@link InputEvent} names the first ones, the rest are named here.
 */
final class InputKinds {
    static final int KEY_DOWN = InputEvent.KEY_DOWN;
    static final int KEY_UP = InputEvent.KEY_UP;
    static final int MOUSE_MOVE = InputEvent.MOUSE_MOVE;
    static final int MOUSE_MOVE_ABS = InputEvent.MOUSE_MOVE_ABS;
    static final int MOUSE_BUTTON_DOWN = InputEvent.MOUSE_BUTTON_DOWN;
    static final int MOUSE_BUTTON_UP = InputEvent.MOUSE_BUTTON_UP;
    static final int MOUSE_SCROLL = InputEvent.MOUSE_SCROLL;
    static final int GAMEPAD_BUTTON = InputEvent.GAMEPAD_BUTTON;
    static final int GAMEPAD_AXIS = InputEvent.GAMEPAD_AXIS;
    static final int TOUCH_DOWN = InputEvent.TOUCH_DOWN;
    static final int TOUCH_MOVE = InputEvent.TOUCH_MOVE;
    static final int TOUCH_UP = InputEvent.TOUCH_UP;
    /** Whole pad: code buttons, x {@code ls_x<<16|ls_y}, y {@code rs_x<<16|rs_y}, flags {@code seq<<24|lt<<16|rt<<8|pad}. */
    static final int GAMEPAD_STATE = 12;
    /** flags {@code seq<<24 | pad}. */
    static final int GAMEPAD_REMOVE = 13;
    /** code GamepadPref byte, flags {@code pad | bit8 haptics | bit9 speaker}. */
    static final int GAMEPAD_ARRIVAL = 14;
    /** code = Unicode scalar. */
    static final int TEXT_INPUT = 15;
    /** code axis, x = Q24.8 delta (one detent = 120 × 256), flags = source | phase << 8. */
    static final int SCROLL = 16;
    /** MouseScroll flag: a touchpad's fine delta. */
    static final int SCROLL_FLAG_PRECISE = 1;
    /** Pads 0..15. */
    static final int MAX_PADS = 16;

    private InputKinds() {
    }

    /**
     * Kinds that can only lower what is held (key, button and touch ups, a released pad button, a pad
     * removal): never rate-limited, so a flood of downs can never strand a key.
     */
    static boolean isRelease(int kind, int x) {
        return kind == KEY_UP || kind == MOUSE_BUTTON_UP || kind == TOUCH_UP || kind == GAMEPAD_REMOVE
                || (kind == GAMEPAD_BUTTON && x == 0);
    }
}
