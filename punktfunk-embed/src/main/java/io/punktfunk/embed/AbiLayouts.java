package io.punktfunk.embed;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * The structs of punktfunk_core.h that Java writes, as FFM layouts (LP64, native byte order).
 * The field names are the C names; {@code AbiLayoutTest} compiles the header with gcc and compares
 * every offset and size, so a change on one side only fails the build.
 */
final class AbiLayouts {
    private AbiLayouts() {
    }

    /** {@code PunktfunkFrame} (80 bytes). */
    static final StructLayout FRAME = MemoryLayout.structLayout(
            JAVA_INT.withName("pixel_format"),
            JAVA_INT.withName("width"),
            JAVA_INT.withName("height"),
            JAVA_INT.withName("plane_count"),
            MemoryLayout.sequenceLayout(3, ADDRESS).withName("planes"),
            MemoryLayout.sequenceLayout(3, JAVA_INT).withName("strides"),
            JAVA_INT.withName("reserved"),
            JAVA_LONG.withName("pts_ns"),
            JAVA_LONG.withName("frame_index"),
            JAVA_LONG.withName("decoded_ns")).withName("PunktfunkFrame");

    /** {@code PunktfunkAudio} (40 bytes). */
    static final StructLayout AUDIO = MemoryLayout.structLayout(
            JAVA_INT.withName("format"),
            JAVA_INT.withName("sample_rate"),
            JAVA_INT.withName("channels"),
            JAVA_INT.withName("samples"),
            ADDRESS.withName("data"),
            JAVA_INT.withName("bytes"),
            JAVA_INT.withName("seq"),
            JAVA_LONG.withName("pts_ns")).withName("PunktfunkAudio");

    /** {@code PunktfunkRumble} (12 bytes). */
    static final StructLayout RUMBLE = MemoryLayout.structLayout(
            JAVA_SHORT.withName("pad"),
            JAVA_SHORT.withName("low"),
            JAVA_SHORT.withName("high"),
            JAVA_SHORT.withName("left_trigger"),
            JAVA_SHORT.withName("right_trigger"),
            JAVA_SHORT.withName("reserved")).withName("PunktfunkRumble");

    /** {@code PunktfunkStats} (168 bytes). */
    static final StructLayout STATS = MemoryLayout.structLayout(
            JAVA_LONG.withName("frames_received"),
            JAVA_LONG.withName("frames_decoded"),
            JAVA_LONG.withName("frames_delivered"),
            JAVA_LONG.withName("frames_replaced"),
            JAVA_LONG.withName("frames_lost"),
            JAVA_LONG.withName("frames_damaged"),
            JAVA_LONG.withName("fec_recovered_shards"),
            JAVA_LONG.withName("packets_received"),
            JAVA_LONG.withName("packets_recv_dropped"),
            JAVA_LONG.withName("packets_send_dropped"),
            JAVA_LONG.withName("keyframe_requests"),
            JAVA_LONG.withName("audio_frames_received"),
            JAVA_LONG.withName("audio_frames_delivered"),
            JAVA_LONG.withName("stamps_read"),
            JAVA_LONG.withName("stamps_missing"),
            JAVA_DOUBLE.withName("latency_p50_ms"),
            JAVA_DOUBLE.withName("latency_p99_ms"),
            JAVA_DOUBLE.withName("bitrate_kbps"),
            JAVA_INT.withName("negotiated_kbps"),
            JAVA_INT.withName("codec"),
            JAVA_INT.withName("width"),
            JAVA_INT.withName("height"),
            JAVA_INT.withName("refresh_hz"),
            JAVA_INT.withName("reserved")).withName("PunktfunkStats");

    /** Byte offset of a top-level field. */
    static long offset(StructLayout layout, String field) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    /** The C struct at {@code address}, sized to {@code layout}. */
    static MemorySegment at(long address, StructLayout layout) {
        return MemorySegment.ofAddress(address).reinterpret(layout.byteSize());
    }

    static void putInt(MemorySegment s, StructLayout layout, String field, int v) {
        s.set(JAVA_INT, offset(layout, field), v);
    }

    static void putLong(MemorySegment s, StructLayout layout, String field, long v) {
        s.set(JAVA_LONG, offset(layout, field), v);
    }

    static void putDouble(MemorySegment s, StructLayout layout, String field, double v) {
        s.set(JAVA_DOUBLE, offset(layout, field), v);
    }

    static void putShort(MemorySegment s, StructLayout layout, String field, int v) {
        s.set(JAVA_SHORT, offset(layout, field), (short) v);
    }

    static void putAddress(MemorySegment s, StructLayout layout, String field, MemorySegment v) {
        s.set(ADDRESS, offset(layout, field), v);
    }
}
