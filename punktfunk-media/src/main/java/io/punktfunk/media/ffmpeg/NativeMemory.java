package io.punktfunk.media.ffmpeg;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.Pointer;

/**
 * Allocation-free access to FFmpeg buffers. bytedeco's pointer getters ({@code frame.data(i)},
 * {@code packet.data()}) create a Java object per call; reading the pointer fields through FFM
 * at their struct offsets and copying through one segment spanning the address space does not.
 */
public final class NativeMemory {

    /** The whole address space, for copies addressed by raw native pointers. */
    public static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private static final long FRAME_DATA = Pointer.offsetof(AVFrame.class, "data");
    private static final long PACKET_DATA = Pointer.offsetof(AVPacket.class, "data");

    private NativeMemory() {
    }

    /** Address of plane {@code plane} of {@code frame} ({@code frame->data[plane]}). */
    public static long planeAddress(AVFrame frame, int plane) {
        return ALL.get(ValueLayout.JAVA_LONG, frame.address() + FRAME_DATA + 8L * plane);
    }

    /** Address of the packet's payload ({@code packet->data}). */
    public static long packetData(AVPacket packet) {
        return ALL.get(ValueLayout.JAVA_LONG, packet.address() + PACKET_DATA);
    }

    /** Copies {@code length} bytes at native {@code address} into {@code target[0, length)}. */
    public static void copyToArray(long address, byte[] target, int length) {
        MemorySegment.copy(ALL, ValueLayout.JAVA_BYTE, address, target, 0, length);
    }
}
