package io.punktfunk.host.input;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Byte layouts of the kernel structs the uinput backend reads and writes, at any offset: every access
 * is little-endian and unaligned, so a struct that starts at an odd offset of a buffer reads the same
 * (the original host read {@code uinput_ff_upload} through an aligned pointer cast and broke exactly
 * there). Offsets are those of x86_64 and aarch64 (LP64), checked against the kernel headers.
 *
 * <pre>
 * struct input_event      { timeval time (16); u16 type @16; u16 code @18; s32 value @20 }        24 B
 * struct uinput_setup     { u16 bustype, vendor, product, version @0..6; char name[80] @8; u32 ff_effects_max @88 } 92 B
 * struct uinput_abs_setup { u16 code @0; pad; s32 value, min, max, fuzz, flat, resolution @4..24 }  28 B
 * struct ff_effect        { u16 type @0; s16 id @2; u16 direction @4; trigger @6; u16 replay.length @10;
 *                           u16 replay.delay @12; pad; union u @16 (rumble: u16 strong @16, u16 weak @18) } 48 B
 * struct uinput_ff_upload { u32 request_id @0; s32 retval @4; ff_effect effect @8; ff_effect old @56 } 104 B
 * struct uinput_ff_erase  { u32 request_id @0; s32 retval @4; u32 effect_id @8 }                     12 B
 * </pre>
 */
final class EvdevStructs {
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final int INPUT_EVENT_BYTES = 24;
    static final int SETUP_BYTES = 92;
    static final int SETUP_NAME_BYTES = 80;
    static final int ABS_SETUP_BYTES = 28;
    static final int FF_EFFECT_BYTES = 48;
    static final int FF_UPLOAD_BYTES = 104;
    static final int FF_ERASE_BYTES = 12;
    static final int FF_UPLOAD_EFFECT = 8;
    static final int FF_UPLOAD_OLD = 56;

    private EvdevStructs() {
    }

    // --- struct input_event

    /** Writes an input_event with a zero timestamp (the kernel stamps uinput events itself). */
    static void writeEvent(MemorySegment s, long off, int type, int code, int value) {
        s.set(I64, off, 0L);
        s.set(I64, off + 8, 0L);
        s.set(U16, off + 16, (short) type);
        s.set(U16, off + 18, (short) code);
        s.set(I32, off + 20, value);
    }

    static int eventType(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(U16, off + 16));
    }

    static int eventCode(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(U16, off + 18));
    }

    static int eventValue(MemorySegment s, long off) {
        return s.get(I32, off + 20);
    }

    // --- struct uinput_setup / uinput_abs_setup

    static void writeSetup(MemorySegment s, long off, int bus, int vendor, int product, int version, String name,
                           int ffEffectsMax) {
        s.asSlice(off, SETUP_BYTES).fill((byte) 0);
        s.set(U16, off, (short) bus);
        s.set(U16, off + 2, (short) vendor);
        s.set(U16, off + 4, (short) product);
        s.set(U16, off + 6, (short) version);
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MemorySegment.copy(n, 0, s, ValueLayout.JAVA_BYTE, off + 8, Math.min(n.length, SETUP_NAME_BYTES - 1));
        s.set(I32, off + 88, ffEffectsMax);
    }

    static void writeAbsSetup(MemorySegment s, long off, int code, int min, int max, int fuzz, int flat) {
        s.asSlice(off, ABS_SETUP_BYTES).fill((byte) 0);
        s.set(U16, off, (short) code);
        s.set(I32, off + 8, min);
        s.set(I32, off + 12, max);
        s.set(I32, off + 16, fuzz);
        s.set(I32, off + 20, flat);
    }

    // --- struct ff_effect (at the offset of the effect itself)

    static int effectType(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(U16, off));
    }

    static int effectId(MemorySegment s, long off) {
        return s.get(U16, off + 2);
    }

    /** Replay length in ms; 0 = until stopped. */
    static int effectLengthMs(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(U16, off + 10));
    }

    static int effectDelayMs(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(U16, off + 12));
    }

    /** ff_rumble_effect.strong_magnitude: the low-frequency motor. */
    static int rumbleStrong(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(U16, off + 16));
    }

    /** ff_rumble_effect.weak_magnitude: the high-frequency motor. */
    static int rumbleWeak(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(U16, off + 18));
    }

    // --- struct uinput_ff_upload / uinput_ff_erase (same first two fields)

    static int requestId(MemorySegment s, long off) {
        return s.get(I32, off);
    }

    static void requestId(MemorySegment s, long off, int id) {
        s.set(I32, off, id);
    }

    static int retval(MemorySegment s, long off) {
        return s.get(I32, off + 4);
    }

    static void retval(MemorySegment s, long off, int value) {
        s.set(I32, off + 4, value);
    }

    static int eraseEffectId(MemorySegment s, long off) {
        return s.get(I32, off + 8);
    }
}
