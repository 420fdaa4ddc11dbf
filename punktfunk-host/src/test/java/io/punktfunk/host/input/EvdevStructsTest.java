package io.punktfunk.host.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel structs read and written at every offset, odd ones included: the original host cast a
 * byte pointer to {@code uinput_ff_upload*} and read misaligned fields exactly there.
 */
class EvdevStructsTest {

    private static MemorySegment at(int offset, byte[] struct) {
        byte[] buf = new byte[offset + struct.length + 5];
        java.util.Arrays.fill(buf, (byte) 0xA5); // garbage around the struct must not leak into fields
        System.arraycopy(struct, 0, buf, offset, struct.length);
        return MemorySegment.ofArray(buf);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7, 8, 13, 21})
    void inputEventAtAnyOffset(int off) {
        MemorySegment s = at(off, KernelBytes.event(Evdev.EV_UINPUT, Evdev.UI_FF_UPLOAD, 0x8001_2345));
        assertEquals(0x0101, EvdevStructs.eventType(s, off));
        assertEquals(1, EvdevStructs.eventCode(s, off));
        assertEquals(0x8001_2345, EvdevStructs.eventValue(s, off));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 5, 11, 17})
    void ffUploadAtAnyOffset(int off) {
        MemorySegment s = at(off, KernelBytes.upload(0x7654_3210, Evdev.FF_RUMBLE, 13, 0xfffe, 0xC001, 0x0BEE));
        assertEquals(0x7654_3210, EvdevStructs.requestId(s, off));
        long e = off + EvdevStructs.FF_UPLOAD_EFFECT;
        assertEquals(Evdev.FF_RUMBLE, EvdevStructs.effectType(s, e));
        assertEquals(13, EvdevStructs.effectId(s, e));
        assertEquals(0xfffe, EvdevStructs.effectLengthMs(s, e));
        assertEquals(0xC001, EvdevStructs.rumbleStrong(s, e));
        assertEquals(0x0BEE, EvdevStructs.rumbleWeak(s, e));
        EvdevStructs.retval(s, off, -22);
        assertEquals(-22, EvdevStructs.retval(s, off));
        assertEquals(0x7654_3210, EvdevStructs.requestId(s, off), "retval write spilled into request_id");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 9})
    void ffEraseAtAnyOffset(int off) {
        MemorySegment s = at(off, KernelBytes.erase(41, 15));
        assertEquals(41, EvdevStructs.requestId(s, off));
        assertEquals(15, EvdevStructs.eraseEffectId(s, off));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7})
    void writtenEventMatchesTheKernelLayout(int off) {
        MemorySegment s = MemorySegment.ofArray(new byte[off + 24]);
        EvdevStructs.writeEvent(s, off, Evdev.EV_ABS, Evdev.ABS_RY, -32768);
        assertArrayEquals(KernelBytes.event(Evdev.EV_ABS, Evdev.ABS_RY, -32768), s.asSlice(off).toArray(ValueLayout.JAVA_BYTE));
    }
}
