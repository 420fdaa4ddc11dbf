package io.punktfunk.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import java.lang.foreign.MemorySegment;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Copies planes between a {@link Picture} and an AVFrame of the same format and size, allocation-free. */
public final class FramePlanes {

    private FramePlanes() {
    }

    /** The AVPixelFormat of {@code format}. */
    public static int avFormat(PixelFormat format) {
        return switch (format) {
            case I420 -> AV_PIX_FMT_YUV420P;
            case BGRA -> AV_PIX_FMT_BGRA;
        };
    }

    /** Whether an AVFrame in {@code avFormat} has exactly the layout of {@code format}. */
    public static boolean matches(int avFormat, PixelFormat format) {
        return switch (format) {
            // yuvj420p differs only in the range flag, not in memory layout.
            case I420 -> avFormat == AV_PIX_FMT_YUV420P || avFormat == AV_PIX_FMT_YUVJ420P;
            case BGRA -> avFormat == AV_PIX_FMT_BGRA;
        };
    }

    /** Copies the picture's pixels into the (writable) frame. */
    public static void copyIn(Picture picture, AVFrame frame) {
        PixelFormat format = picture.format();
        for (int p = 0; p < format.planes(); p++) {
            int rows = format.rows(p, picture.height());
            int linesize = frame.linesize(p);
            copyPlane(picture.plane(p), 0, picture.stride(p), NativeMemory.ALL, NativeMemory.planeAddress(frame, p),
                    linesize, format.rowBytes(p, picture.width()), rows);
        }
    }

    /** Copies the frame's pixels into the picture. */
    public static void copyOut(AVFrame frame, Picture picture) {
        PixelFormat format = picture.format();
        for (int p = 0; p < format.planes(); p++) {
            int rows = format.rows(p, picture.height());
            int linesize = frame.linesize(p);
            copyPlane(NativeMemory.ALL, NativeMemory.planeAddress(frame, p), linesize, picture.plane(p), 0,
                    picture.stride(p), format.rowBytes(p, picture.width()), rows);
        }
    }

    private static void copyPlane(MemorySegment src, long srcBase, int srcStride, MemorySegment dst, long dstBase,
                                  int dstStride, int rowBytes, int rows) {
        if (srcStride == dstStride) {
            // The last row's padding may lie past the end of the smaller buffer: copy it exactly.
            MemorySegment.copy(src, srcBase, dst, dstBase, (long) srcStride * (rows - 1) + rowBytes);
            return;
        }
        for (int y = 0; y < rows; y++) {
            MemorySegment.copy(src, srcBase + (long) y * srcStride, dst, dstBase + (long) y * dstStride, rowBytes);
        }
    }
}
