package io.punktfunk.host.gamestream.input;

/**
 * Magic numbers (little-endian u32 after the size field) of Moonlight's NV input packets, Gen5 and later
 * plus the Sunshine extensions (reference gamestream.md §8).
 */
public final class InputMagic {
    private InputMagic() {
    }

    public static final int KEY_DOWN = 0x00000003;
    public static final int KEY_UP = 0x00000004;
    public static final int MOUSE_MOVE_ABS = 0x00000005;
    public static final int MOUSE_MOVE_REL = 0x00000007;
    public static final int MOUSE_BUTTON_DOWN = 0x00000008;
    public static final int MOUSE_BUTTON_UP = 0x00000009;
    public static final int SCROLL = 0x0000000A;
    public static final int MULTI_CONTROLLER = 0x0000000C;
    /** Sent once when the input stream starts; carries nothing the host needs. */
    public static final int HAPTICS_ENABLE = 0x0000000D;
    public static final int UTF8_TEXT = 0x00000017;
    public static final int HSCROLL = 0x55000001;
    public static final int TOUCH = 0x55000002;
    public static final int PEN = 0x55000003;
    public static final int CONTROLLER_ARRIVAL = 0x55000004;
    public static final int CONTROLLER_TOUCH = 0x55000005;
    public static final int CONTROLLER_MOTION = 0x55000006;
    public static final int CONTROLLER_BATTERY = 0x55000007;

    /** Fixed marker fields inside the multi-controller body. */
    public static final int MC_HEADER_A = 0x001A;
    public static final int MC_HEADER_B = 0x0014;
    public static final int MC_TAIL_A = 0x009C;
    public static final int MC_TAIL_B = 0x0055;

    /** Touch and pen event types. */
    public static final int TOUCH_HOVER = 0x00;
    public static final int TOUCH_DOWN = 0x01;
    public static final int TOUCH_UP = 0x02;
    public static final int TOUCH_MOVE = 0x03;
    public static final int TOUCH_CANCEL = 0x04;
    public static final int TOUCH_BUTTON_ONLY = 0x05;
    public static final int TOUCH_HOVER_LEAVE = 0x06;
    public static final int TOUCH_CANCEL_ALL = 0x07;

    /** Controller arrival: capability bit "can rumble". */
    public static final int CAPABILITY_RUMBLE = 0x02;
    /** Controller arrival: type Xbox. */
    public static final int CONTROLLER_TYPE_XBOX = 1;
}
