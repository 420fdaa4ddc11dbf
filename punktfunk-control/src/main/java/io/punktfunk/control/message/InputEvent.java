package io.punktfunk.control.message;

import io.netty.buffer.ByteBuf;

/**
 * One input event, 18 bytes little-endian on the wire: {@code 0xC8 ‖ kind u8 ‖ code u32 ‖ x i32 ‖ y i32 ‖ flags u32}
 * (reference §2.7). Edges (key/button down/up, pad arrival/removal, text) travel on the control stream, state
 * (motion, axes, whole-pad state, scroll) as datagrams. The constants below are the wire's; the field packing of
 * each kind is in docs/control-plane.md §6.
 */
public record InputEvent(int kind, int code, int x, int y, int flags) {
    /** Tag byte that starts every encoded event. */
    public static final int TAG = 0xC8;
    /** Encoded size. */
    public static final int BYTES = 18;

    /** code = Windows virtual-key code (US-positional), flags = {@code MOD_*}. */
    public static final int KEY_DOWN = 0;
    public static final int KEY_UP = 1;
    /** x, y = relative motion (dx, dy). */
    public static final int MOUSE_MOVE = 2;
    /** x, y = pixel position in a w x h picture, flags = {@code (w << 16) | h}; w or h 0 is malformed. */
    public static final int MOUSE_MOVE_ABS = 3;
    /** code = {@code BUTTON_*}. */
    public static final int MOUSE_BUTTON_DOWN = 4;
    public static final int MOUSE_BUTTON_UP = 5;
    /** x = signed delta, 120 per detent; code {@code SCROLL_VERTICAL}/{@code SCROLL_HORIZONTAL}; flags {@code SCROLL_FLAG_PRECISE}. */
    public static final int MOUSE_SCROLL = 6;
    /** code = one {@code PAD_*} button bit, x != 0 pressed, flags = pad. */
    public static final int GAMEPAD_BUTTON = 7;
    /** code = {@code AXIS_*}, x = value (sticks i16 +y up, triggers 0..255), flags = pad. */
    public static final int GAMEPAD_AXIS = 8;
    public static final int TOUCH_DOWN = 9;
    public static final int TOUCH_MOVE = 10;
    public static final int TOUCH_UP = 11;
    /** Whole pad: see {@link #gamepadState}. Applied only when its seq is newer than the pad's last one. */
    public static final int GAMEPAD_STATE = 12;
    /** flags = {@code seq << 24 | pad}: the pad is gone; its seq also retires older state datagrams. */
    public static final int GAMEPAD_REMOVE = 13;
    /** code = GamepadPref byte, flags = {@code pad | ARRIVAL_HAPTICS | ARRIVAL_SPEAKER}. */
    public static final int GAMEPAD_ARRIVAL = 14;
    /** code = one Unicode scalar value. */
    public static final int TEXT_INPUT = 15;
    /** code = axis, x = Q24.8 delta (one 120-unit detent = {@link #SCROLL_Q8_PER_DETENT}), flags = source | phase << 8. */
    public static final int SCROLL = 16;
    /** Highest kind this implementation knows (Scroll, reference §2.7). */
    public static final int MAX_KIND = 16;

    /** Modifier bits in a key event's flags (the viewer's choice; the host may also track them from the keys). */
    public static final int MOD_SHIFT = 0x01;
    public static final int MOD_CTRL = 0x02;
    public static final int MOD_ALT = 0x04;
    public static final int MOD_META = 0x08;

    /** Mouse buttons (GameStream numbering). */
    public static final int BUTTON_LEFT = 1;
    public static final int BUTTON_MIDDLE = 2;
    public static final int BUTTON_RIGHT = 3;
    public static final int BUTTON_X1 = 4;
    public static final int BUTTON_X2 = 5;

    /** Scroll axes (MOUSE_SCROLL and SCROLL code). */
    public static final int SCROLL_VERTICAL = 0;
    public static final int SCROLL_HORIZONTAL = 1;
    /** MOUSE_SCROLL flags bit 0: x is in precise units (10 px per detent) from a high-resolution device. */
    public static final int SCROLL_FLAG_PRECISE = 0x1;
    /** One wheel detent in MOUSE_SCROLL units. */
    public static final int WHEEL_DELTA = 120;
    /** One wheel detent in SCROLL's Q24.8 units (120 << 8). */
    public static final int SCROLL_Q8_PER_DETENT = WHEEL_DELTA << 8;
    /** SCROLL sources (low byte of flags). */
    public static final int SCROLL_SOURCE_WHEEL = 0;
    public static final int SCROLL_SOURCE_FINGER = 1;
    public static final int SCROLL_SOURCE_CONTINUOUS = 2;

    /** Gamepad button bits (reference §2.7; = GameStream buttonFlags | buttonFlags2 << 16). */
    public static final int PAD_DPAD_UP = 0x1;
    public static final int PAD_DPAD_DOWN = 0x2;
    public static final int PAD_DPAD_LEFT = 0x4;
    public static final int PAD_DPAD_RIGHT = 0x8;
    public static final int PAD_START = 0x10;
    public static final int PAD_BACK = 0x20;
    public static final int PAD_LS_CLICK = 0x40;
    public static final int PAD_RS_CLICK = 0x80;
    public static final int PAD_LB = 0x100;
    public static final int PAD_RB = 0x200;
    public static final int PAD_GUIDE = 0x400;
    public static final int PAD_A = 0x1000;
    public static final int PAD_B = 0x2000;
    public static final int PAD_X = 0x4000;
    public static final int PAD_Y = 0x8000;
    public static final int PAD_PADDLE1 = 0x1_0000;
    public static final int PAD_PADDLE2 = 0x2_0000;
    public static final int PAD_PADDLE3 = 0x4_0000;
    public static final int PAD_PADDLE4 = 0x8_0000;
    public static final int PAD_TOUCHPAD = 0x10_0000;
    public static final int PAD_MISC1 = 0x20_0000;

    /** Gamepad axis ids. */
    public static final int AXIS_LS_X = 0;
    public static final int AXIS_LS_Y = 1;
    public static final int AXIS_RS_X = 2;
    public static final int AXIS_RS_Y = 3;
    public static final int AXIS_LT = 4;
    public static final int AXIS_RT = 5;
    /** Pads per session (pad index 0..15). */
    public static final int MAX_PADS = 16;
    /** GamepadArrival flags: the physical pad can rumble / has a speaker. */
    public static final int ARRIVAL_HAPTICS = 0x100;
    public static final int ARRIVAL_SPEAKER = 0x200;

    public InputEvent {
        if (kind < 0 || kind > 255) {
            throw new IllegalArgumentException("input kind out of u8 range: " + kind);
        }
    }

    /**
     * A whole-pad state event. Sticks are i16 with +y up, triggers 0..255, {@code seq} a per-pad counter
     * (mod 256) that rises with every state or removal the client sends for that pad.
     */
    public static InputEvent gamepadState(int pad, int seq, int buttons, int lsX, int lsY, int rsX, int rsY,
                                          int lt, int rt) {
        return new InputEvent(GAMEPAD_STATE, buttons, (lsX << 16) | (lsY & 0xFFFF), (rsX << 16) | (rsY & 0xFFFF),
                (seq & 0xFF) << 24 | (lt & 0xFF) << 16 | (rt & 0xFF) << 8 | (pad & 0xFF));
    }

    /** Pad {@code pad} is gone; {@code seq} continues the pad's state sequence. */
    public static InputEvent gamepadRemove(int pad, int seq) {
        return new InputEvent(GAMEPAD_REMOVE, 0, 0, 0, (seq & 0xFF) << 24 | (pad & 0xFF));
    }

    /** Pad {@code pad} appeared; {@code pref} is its GamepadPref byte (0 auto, 1 xbox360, …). */
    public static InputEvent gamepadArrival(int pad, int pref, boolean haptics, boolean speaker) {
        return new InputEvent(GAMEPAD_ARRIVAL, pref, 0, 0,
                (pad & 0xFF) | (haptics ? ARRIVAL_HAPTICS : 0) | (speaker ? ARRIVAL_SPEAKER : 0));
    }

    /** Pad index of a gamepad event (button, axis, state, remove, arrival). */
    public int pad() {
        return flags & 0xFF;
    }

    /** GamepadState / GamepadRemove sequence number, 0..255. */
    public int padSeq() {
        return flags >>> 24;
    }

    /** GamepadState field accessors (sticks sign-extended from i16). */
    public int leftStickX() {
        return x >> 16;
    }

    public int leftStickY() {
        return (short) x;
    }

    public int rightStickX() {
        return y >> 16;
    }

    public int rightStickY() {
        return (short) y;
    }

    public int leftTrigger() {
        return (flags >>> 16) & 0xFF;
    }

    public int rightTrigger() {
        return (flags >>> 8) & 0xFF;
    }

    /** MouseMoveAbs / touch: the picture size the position refers to. */
    public int refWidth() {
        return flags >>> 16;
    }

    public int refHeight() {
        return flags & 0xFFFF;
    }

    /**
     * True for kinds whose loss would leave something stuck or missing (key, mouse-button, gamepad-button and
     * touch down/up edges, pad arrival and removal, typed text): these go on the stream. Moves, axes, whole-pad
     * state and scrolls are superseded by the next event and go as datagrams.
     */
    public boolean isEdge() {
        return switch (kind) {
            case KEY_DOWN, KEY_UP, MOUSE_BUTTON_DOWN, MOUSE_BUTTON_UP, GAMEPAD_BUTTON, TOUCH_DOWN, TOUCH_UP,
                 GAMEPAD_REMOVE, GAMEPAD_ARRIVAL, TEXT_INPUT -> true;
            default -> false;
        };
    }

    /** Appends the 18-byte form to {@code out}. */
    public void encode(ByteBuf out) {
        out.writeByte(TAG).writeByte(kind).writeIntLE(code).writeIntLE(x).writeIntLE(y).writeIntLE(flags);
    }

    /** Reads exactly 18 bytes from {@code in} and checks the fields of its kind. */
    public static InputEvent decode(ByteBuf in) throws ControlProtocolException {
        if (in.readableBytes() != BYTES) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION,
                    "input event is " + in.readableBytes() + " bytes, expected " + BYTES);
        }
        int tag = in.readUnsignedByte();
        if (tag != TAG) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, String.format("input event tag 0x%02x", tag));
        }
        int kind = in.readUnsignedByte();
        if (kind > MAX_KIND) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "unknown input kind " + kind);
        }
        InputEvent e = new InputEvent(kind, in.readIntLE(), in.readIntLE(), in.readIntLE(), in.readIntLE());
        String bad = e.invalidReason();
        if (bad != null) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "input event kind " + kind + ": " + bad);
        }
        return e;
    }

    /** Why the fields are out of range for this kind, or null when they are fine. */
    public String invalidReason() {
        return switch (kind) {
            case KEY_DOWN, KEY_UP -> code <= 0 || code > 0xFE ? "virtual-key code " + code + " outside 1..254" : null;
            case MOUSE_MOVE_ABS, TOUCH_DOWN, TOUCH_MOVE, TOUCH_UP ->
                    refWidth() == 0 || refHeight() == 0 ? "reference size " + refWidth() + "x" + refHeight() : null;
            case MOUSE_BUTTON_DOWN, MOUSE_BUTTON_UP ->
                    code < BUTTON_LEFT || code > BUTTON_X2 ? "mouse button " + code + " outside 1..5" : null;
            case MOUSE_SCROLL, SCROLL ->
                    code != SCROLL_VERTICAL && code != SCROLL_HORIZONTAL ? "scroll axis " + code : null;
            case GAMEPAD_BUTTON, GAMEPAD_STATE, GAMEPAD_REMOVE, GAMEPAD_ARRIVAL -> badPad();
            case GAMEPAD_AXIS -> code < AXIS_LS_X || code > AXIS_RT ? "gamepad axis " + code : badPad();
            case TEXT_INPUT -> code < 0 || code > Character.MAX_CODE_POINT
                    || (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)
                    ? String.format("0x%x is not a Unicode scalar value", code) : null;
            default -> null;
        };
    }

    private String badPad() {
        int pad = kind == GAMEPAD_BUTTON || kind == GAMEPAD_AXIS ? flags : pad();
        return pad < 0 || pad >= MAX_PADS ? "pad " + pad + " outside 0.." + (MAX_PADS - 1) : null;
    }
}
