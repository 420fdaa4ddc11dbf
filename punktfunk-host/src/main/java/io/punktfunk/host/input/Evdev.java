package io.punktfunk.host.input;

/**
 * Linux input constants (linux/input-event-codes.h, linux/uinput.h, x86_64/aarch64 ioctl encoding:
 * {@code dir << 30 | size << 16 | 'U' << 8 | nr}). Values checked against the kernel headers.
 */
final class Evdev {
    static final int EV_SYN = 0x00;
    static final int EV_KEY = 0x01;
    static final int EV_REL = 0x02;
    static final int EV_ABS = 0x03;
    static final int EV_FF = 0x15;
    static final int EV_UINPUT = 0x0101;
    static final int SYN_REPORT = 0;

    static final int REL_X = 0x00;
    static final int REL_Y = 0x01;
    static final int REL_HWHEEL = 0x06;
    static final int REL_WHEEL = 0x08;
    static final int REL_WHEEL_HI_RES = 0x0b;
    static final int REL_HWHEEL_HI_RES = 0x0c;

    static final int ABS_X = 0x00;
    static final int ABS_Y = 0x01;
    static final int ABS_Z = 0x02;
    static final int ABS_RX = 0x03;
    static final int ABS_RY = 0x04;
    static final int ABS_RZ = 0x05;
    static final int ABS_HAT0X = 0x10;
    static final int ABS_HAT0Y = 0x11;

    static final int BTN_LEFT = 0x110;
    static final int BTN_RIGHT = 0x111;
    static final int BTN_MIDDLE = 0x112;
    static final int BTN_SIDE = 0x113;
    static final int BTN_EXTRA = 0x114;
    static final int BTN_SOUTH = 0x130;
    static final int BTN_EAST = 0x131;
    static final int BTN_NORTH = 0x133;
    static final int BTN_WEST = 0x134;
    static final int BTN_TL = 0x136;
    static final int BTN_TR = 0x137;
    static final int BTN_SELECT = 0x13a;
    static final int BTN_START = 0x13b;
    static final int BTN_MODE = 0x13c;
    static final int BTN_THUMBL = 0x13d;
    static final int BTN_THUMBR = 0x13e;
    static final int BTN_TRIGGER_HAPPY5 = 0x2c4;

    static final int FF_RUMBLE = 0x50;
    static final int FF_GAIN = 0x60;
    static final int INPUT_PROP_POINTER = 0x00;
    static final int BUS_USB = 0x03;
    static final int BUS_VIRTUAL = 0x06;

    static final int UI_FF_UPLOAD = 1;
    static final int UI_FF_ERASE = 2;

    static final long UI_DEV_CREATE = 0x5501;
    static final long UI_DEV_DESTROY = 0x5502;
    /** {@code _IOW('U', 3, struct uinput_setup)}, 92 bytes. */
    static final long UI_DEV_SETUP = 0x405c5503L;
    /** {@code _IOW('U', 4, struct uinput_abs_setup)}, 28 bytes. */
    static final long UI_ABS_SETUP = 0x401c5504L;
    static final long UI_SET_EVBIT = 0x40045564L;
    static final long UI_SET_KEYBIT = 0x40045565L;
    static final long UI_SET_RELBIT = 0x40045566L;
    static final long UI_SET_ABSBIT = 0x40045567L;
    static final long UI_SET_FFBIT = 0x4004556bL;
    static final long UI_SET_PROPBIT = 0x4004556eL;
    /** {@code _IOWR('U', 200, struct uinput_ff_upload)}, 104 bytes. */
    static final long UI_BEGIN_FF_UPLOAD = 0xc06855c8L;
    static final long UI_END_FF_UPLOAD = 0x406855c9L;
    /** {@code _IOWR('U', 202, struct uinput_ff_erase)}, 12 bytes. */
    static final long UI_BEGIN_FF_ERASE = 0xc00c55caL;
    static final long UI_END_FF_ERASE = 0x400c55cbL;

    /** -EINVAL, the answer to an effect type the pad does not play. */
    static final int EINVAL = 22;

    private Evdev() {
    }
}
