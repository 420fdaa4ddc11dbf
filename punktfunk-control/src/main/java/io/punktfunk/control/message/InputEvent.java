package io.punktfunk.control.message;

import io.netty.buffer.ByteBuf;

/**
 * One input event, 18 bytes little-endian on the wire: {@code 0xC8 ‖ kind u8 ‖ code u32 ‖ x i32 ‖ y i32 ‖ flags u32}
 * (reference §2.7). Edges (key/button down/up) travel on the control stream, state (motion, axes) as datagrams.
 */
public record InputEvent(int kind, int code, int x, int y, int flags) {
    /** Tag byte that starts every encoded event. */
    public static final int TAG = 0xC8;
    /** Encoded size. */
    public static final int BYTES = 18;

    public static final int KEY_DOWN = 0;
    public static final int KEY_UP = 1;
    public static final int MOUSE_MOVE = 2;
    public static final int MOUSE_MOVE_ABS = 3;
    public static final int MOUSE_BUTTON_DOWN = 4;
    public static final int MOUSE_BUTTON_UP = 5;
    public static final int MOUSE_SCROLL = 6;
    public static final int GAMEPAD_BUTTON = 7;
    public static final int GAMEPAD_AXIS = 8;
    public static final int TOUCH_DOWN = 9;
    public static final int TOUCH_MOVE = 10;
    public static final int TOUCH_UP = 11;
    /** Highest kind this implementation knows (Scroll, reference §2.7). */
    public static final int MAX_KIND = 16;

    public InputEvent {
        if (kind < 0 || kind > 255) {
            throw new IllegalArgumentException("input kind out of u8 range: " + kind);
        }
    }

    /**
     * True for kinds whose loss would leave something stuck (key, mouse-button, gamepad-button and
     * touch down/up edges): these go on the stream. Moves, axes and scrolls are superseded by the next
     * event and go as datagrams.
     */
    public boolean isEdge() {
        return switch (kind) {
            case KEY_DOWN, KEY_UP, MOUSE_BUTTON_DOWN, MOUSE_BUTTON_UP, GAMEPAD_BUTTON, TOUCH_DOWN, TOUCH_UP -> true;
            default -> false;
        };
    }

    /** Appends the 18-byte form to {@code out}. */
    public void encode(ByteBuf out) {
        out.writeByte(TAG).writeByte(kind).writeIntLE(code).writeIntLE(x).writeIntLE(y).writeIntLE(flags);
    }

    /** Reads exactly 18 bytes from {@code in}. */
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
        return new InputEvent(kind, in.readIntLE(), in.readIntLE(), in.readIntLE(), in.readIntLE());
    }
}
