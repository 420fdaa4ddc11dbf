package io.punktfunk.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccessUnitTest {
    @BeforeAll
    static void loadFfmpeg() {
        org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avcodec.class); // NativeMemory reads its struct offsets
    }

    @Test
    void aWrappedUnitIsReadWhereTheEncoderPutItAndCopiedOnlyOnRequest() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment packet = arena.allocate(1000);
            for (int i = 0; i < 1000; i++) {
                packet.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 7));
            }
            AccessUnit unit = new AccessUnit(16);
            unit.wrap(packet.address(), 1000, 5, 123, true);
            assertThat(unit.offset()).as("no copy: the packet's own address").isEqualTo(packet.address());
            assertThat(unit.segment().get(ValueLayout.JAVA_BYTE, unit.offset() + 999)).isEqualTo((byte) (999 * 7));
            byte[] copy = unit.data();
            assertThat(copy.length).isGreaterThanOrEqualTo(1000);
            assertThat(copy[999]).isEqualTo((byte) (999 * 7));
            assertThat(unit.length()).isEqualTo(1000);
            assertThat(unit.frameIndex()).isEqualTo(5);
            assertThat(unit.keyframe()).isTrue();
            unit.unwrap();
            assertThat(unit.offset()).isZero();
            assertThat(unit.length()).as("copied before the packet went: still readable").isEqualTo(1000);
            assertThat(unit.segment().get(ValueLayout.JAVA_BYTE, 999)).isEqualTo((byte) (999 * 7));
        }
    }

    @Test
    void aWrappedUnitNotCopiedIsEmptyOnceTheEncoderFreedThePacket() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment packet = arena.allocate(64);
            AccessUnit unit = new AccessUnit(16);
            unit.wrap(packet.address(), 64, 0, 0, false);
            unit.unwrap();
            assertThat(unit.length()).isZero();
            assertThat(unit.offset()).isZero();
        }
    }

    @Test
    void aPreparedUnitIsItsArray() {
        AccessUnit unit = new AccessUnit(4);
        byte[] b = unit.prepare(10, 1, 2, false);
        b[9] = 42;
        assertThat(unit.segment().get(ValueLayout.JAVA_BYTE, unit.offset() + 9)).isEqualTo((byte) 42);
        assertThat(unit.data()).isSameAs(b);
    }
}
