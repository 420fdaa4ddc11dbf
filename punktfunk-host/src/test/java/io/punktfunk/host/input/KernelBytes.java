package io.punktfunk.host.input;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * Builds the kernel's structs byte by byte with a {@link ByteBuffer} in little-endian order, written
 * from the kernel headers' field list: independent of {@link EvdevStructs}, so the tests compare two
 * encodings rather than one with itself.
 */
final class KernelBytes {
    private KernelBytes() {
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** struct input_event: timeval (zero) ‖ u16 type ‖ u16 code ‖ s32 value. */
    static byte[] event(int type, int code, int value) {
        return le(24).putLong(0).putLong(0).putShort((short) type).putShort((short) code).putInt(value).array();
    }

    /** Several input_events back to back, as one write or one read carries them. */
    static byte[] events(int[]... triples) {
        ByteBuffer b = le(24 * triples.length);
        for (int[] t : triples) {
            b.put(event(t[0], t[1], t[2]));
        }
        return b.array();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * struct uinput_ff_upload as the kernel fills it: request_id, retval, then ff_effect {type, id,
     * direction, trigger{button, interval}, replay{length, delay}, 2 bytes padding, rumble{strong, weak}, rest of
     * the 32-byte union}, then an all-zero {@code old} effect.
     */
    static byte[] upload(int requestId, int type, int effectId, int lengthMs, int strong, int weak) {
        ByteBuffer b = le(104);
        b.putInt(requestId).putInt(0);
        b.putShort((short) type).putShort((short) effectId).putShort((short) 0); // type, id, direction
        b.putShort((short) 0).putShort((short) 0);                              // trigger
        b.putShort((short) lengthMs).putShort((short) 0);                       // replay
        b.putShort((short) 0);                                                  // padding before the union (8-aligned)
        b.putShort((short) strong).putShort((short) weak);
        return b.array();
    }

    /** struct uinput_ff_erase: request_id, retval, effect_id. */
    static byte[] erase(int requestId, int effectId) {
        return le(12).putInt(requestId).putInt(0).putInt(effectId).array();
    }

    /** struct uinput_setup: input_id {bustype, vendor, product, version} ‖ char name[80] ‖ u32 ff_effects_max. */
    static byte[] setup(int bus, int vendor, int product, int version, String name, int ffEffectsMax) {
        ByteBuffer b = le(92);
        b.putShort((short) bus).putShort((short) vendor).putShort((short) product).putShort((short) version);
        b.put(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.position(88);
        b.putInt(ffEffectsMax);
        return b.array();
    }

    /** struct uinput_abs_setup: u16 code, 2 bytes padding, input_absinfo {value, min, max, fuzz, flat, resolution}. */
    static byte[] absSetup(int code, int min, int max, int fuzz, int flat) {
        return le(28).putShort((short) code).putShort((short) 0).putInt(0).putInt(min).putInt(max).putInt(fuzz)
                .putInt(flat).putInt(0).array();
    }
}
