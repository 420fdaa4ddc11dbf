package io.punktfunk.client.input.gamepad;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Linux input ABI on x86_64 and aarch64 ({@code linux/input.h}, {@code linux/input-event-codes.h}): event
 * types and codes, ioctl numbers and the byte layouts of the structs we read and write. Every access is
 * little-endian and unaligned, so a struct may sit at any offset of a buffer (a recorded stream, a
 * partial read).
 */
public final class Evdev {
    private static final ValueLayout.OfShort U16 = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt S32 = JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong S64 = JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public static final int EV_SYN = 0x00;
    public static final int EV_KEY = 0x01;
    public static final int EV_ABS = 0x03;
    public static final int EV_FF = 0x15;
    public static final int SYN_REPORT = 0;
    public static final int SYN_DROPPED = 3;

    public static final int BTN_SOUTH = 0x130;
    public static final int BTN_EAST = 0x131;
    public static final int BTN_NORTH = 0x133;
    public static final int BTN_WEST = 0x134;
    public static final int BTN_TL = 0x136;
    public static final int BTN_TR = 0x137;
    public static final int BTN_TL2 = 0x138;
    public static final int BTN_TR2 = 0x139;
    public static final int BTN_SELECT = 0x13A;
    public static final int BTN_START = 0x13B;
    public static final int BTN_MODE = 0x13C;
    public static final int BTN_THUMBL = 0x13D;
    public static final int BTN_THUMBR = 0x13E;
    public static final int BTN_DPAD_UP = 0x220;
    public static final int BTN_DPAD_DOWN = 0x221;
    public static final int BTN_DPAD_LEFT = 0x222;
    public static final int BTN_DPAD_RIGHT = 0x223;
    public static final int BTN_TRIGGER_HAPPY1 = 0x2C0;
    public static final int KEY_MAX = 0x2FF;

    public static final int ABS_X = 0x00;
    public static final int ABS_Y = 0x01;
    public static final int ABS_Z = 0x02;
    public static final int ABS_RX = 0x03;
    public static final int ABS_RY = 0x04;
    public static final int ABS_RZ = 0x05;
    public static final int ABS_GAS = 0x09;
    public static final int ABS_BRAKE = 0x0A;
    public static final int ABS_HAT0X = 0x10;
    public static final int ABS_HAT0Y = 0x11;
    public static final int ABS_MAX = 0x3F;

    public static final int FF_RUMBLE = 0x50;
    public static final int FF_MAX = 0x7F;

    /**
     * {@code struct input_event} on 64-bit: {@code struct timeval time} (2 × 8) ‖ {@code __u16 type} ‖
     * {@code __u16 code} ‖ {@code __s32 value}.
     */
    public static final int INPUT_EVENT_BYTES = 24;
    public static final int EVENT_TYPE_OFFSET = 16;
    public static final int EVENT_CODE_OFFSET = 18;
    public static final int EVENT_VALUE_OFFSET = 20;

    /** {@code struct input_absinfo}: value, minimum, maximum, fuzz, flat, resolution, all {@code __s32}. */
    public static final int ABSINFO_BYTES = 24;
    public static final int ABSINFO_MIN_OFFSET = 4;
    public static final int ABSINFO_MAX_OFFSET = 8;

    /**
     * {@code struct ff_effect} on 64-bit, 48 bytes: {@code __u16 type} 0 ‖ {@code __s16 id} 2 ‖
     * {@code __u16 direction} 4 ‖ {@code ff_trigger {u16 button, u16 interval}} 6 ‖
     * {@code ff_replay {u16 length, u16 delay}} 10 ‖ pad to 16 (the union holds a pointer) ‖ union at 16;
     * for {@code FF_RUMBLE}: {@code __u16 strong_magnitude} 16 ‖ {@code __u16 weak_magnitude} 18.
     */
    public static final int FF_EFFECT_BYTES = 48;
    public static final int FF_ID_OFFSET = 2;
    public static final int FF_REPLAY_LENGTH_OFFSET = 10;
    public static final int FF_STRONG_OFFSET = 16;
    public static final int FF_WEAK_OFFSET = 18;

    private static final int IOC_WRITE = 1;
    private static final int IOC_READ = 2;
    private static final int TYPE_E = 'E';

    private Evdev() {
    }

    private static long ioc(int dir, int nr, int size) {
        return ((long) dir << 30) | ((long) size << 16) | ((long) TYPE_E << 8) | nr;
    }

    /** {@code EVIOCGNAME(len)}: the device name. */
    public static long eviocgname(int len) {
        return ioc(IOC_READ, 0x06, len);
    }

    /** {@code EVIOCGBIT(ev, len)}: capability bits of event type {@code ev} (0 = the types themselves). */
    public static long eviocgbit(int ev, int len) {
        return ioc(IOC_READ, 0x20 + ev, len);
    }

    /** {@code EVIOCGABS(abs)}: an axis's {@code input_absinfo}. */
    public static long eviocgabs(int abs) {
        return ioc(IOC_READ, 0x40 + abs, ABSINFO_BYTES);
    }

    /** {@code EVIOCGKEY(len)}: which keys are down now (after {@code SYN_DROPPED}). */
    public static long eviocgkey(int len) {
        return ioc(IOC_READ, 0x18, len);
    }

    /** The current value in an {@code input_absinfo}. */
    public static int absValue(MemorySegment s) {
        return s.get(S32, 0);
    }

    /** {@code EVIOCSFF}: upload (or update, when id ≥ 0) a force-feedback effect; the kernel writes the id back. */
    public static final long EVIOCSFF = ioc(IOC_WRITE, 0x80, FF_EFFECT_BYTES);
    /** {@code EVIOCRMFF}: erase an effect (arg is the id itself, not a pointer). */
    public static final long EVIOCRMFF = ioc(IOC_WRITE, 0x81, 4);

    public static int eventType(MemorySegment s, long offset) {
        return Short.toUnsignedInt(s.get(U16, offset + EVENT_TYPE_OFFSET));
    }

    public static int eventCode(MemorySegment s, long offset) {
        return Short.toUnsignedInt(s.get(U16, offset + EVENT_CODE_OFFSET));
    }

    public static int eventValue(MemorySegment s, long offset) {
        return s.get(S32, offset + EVENT_VALUE_OFFSET);
    }

    /** Writes one {@code input_event} (time zero: the kernel stamps events it is given). */
    public static void writeEvent(MemorySegment s, long offset, int type, int code, int value) {
        s.set(S64, offset, 0L);
        s.set(S64, offset + 8, 0L);
        s.set(U16, offset + EVENT_TYPE_OFFSET, (short) type);
        s.set(U16, offset + EVENT_CODE_OFFSET, (short) code);
        s.set(S32, offset + EVENT_VALUE_OFFSET, value);
    }

    public static int absMin(MemorySegment s) {
        return s.get(S32, ABSINFO_MIN_OFFSET);
    }

    public static int absMax(MemorySegment s) {
        return s.get(S32, ABSINFO_MAX_OFFSET);
    }

    /** Fills {@code s} (48 bytes) as an {@code FF_RUMBLE} effect with id {@code id} (-1 = new), playing until stopped. */
    public static void writeRumbleEffect(MemorySegment s, int id, int strong, int weak) {
        s.fill((byte) 0);
        s.set(U16, 0, (short) FF_RUMBLE);
        s.set(U16, FF_ID_OFFSET, (short) id);
        s.set(U16, FF_REPLAY_LENGTH_OFFSET, (short) 0); // 0 = until stopped: the TTL stops it
        s.set(U16, FF_STRONG_OFFSET, (short) strong);
        s.set(U16, FF_WEAK_OFFSET, (short) weak);
    }

    /** The effect id the kernel wrote back after {@code EVIOCSFF}. */
    public static int effectId(MemorySegment s) {
        return s.get(U16, FF_ID_OFFSET);
    }

    /** Bit {@code bit} of a capability bitmap as {@code EVIOCGBIT} fills it (bytes in little-endian longs). */
    public static boolean testBit(MemorySegment bits, int bit) {
        long byteIndex = bit >>> 3;
        return byteIndex < bits.byteSize() && (bits.get(ValueLayout.JAVA_BYTE, byteIndex) & (1 << (bit & 7))) != 0;
    }
}
