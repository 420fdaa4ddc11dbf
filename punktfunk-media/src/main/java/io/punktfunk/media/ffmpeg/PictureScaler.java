package io.punktfunk.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.punktfunk.media.video.Picture;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts AVFrames of any format and size into a {@link Picture} with swscale (colour
 * conversion and scaling in one pass). The swscale context and the pointers to the target's
 * planes are cached, so converting into the same picture again allocates nothing natively.
 */
public final class PictureScaler implements AutoCloseable {

    private SwsContext context;
    private Picture target;
    private PointerPointer<BytePointer> targetPlanes;
    private IntPointer targetStrides;

    /** Converts {@code frame} into {@code picture} (pixels only). */
    public void convert(AVFrame frame, Picture picture) {
        context = sws_getCachedContext(context, frame.width(), frame.height(), frame.format(),
                picture.width(), picture.height(), FramePlanes.avFormat(picture.format()),
                SWS_BILINEAR, null, null, (DoublePointer) null);
        if (context == null) {
            throw new FfmpegException("sws_getCachedContext failed for format " + frame.format()
                    + " " + frame.width() + "x" + frame.height() + " -> " + picture, 0);
        }
        bindTarget(picture);
        Ffmpeg.check(sws_scale(context, frame.data(), frame.linesize(), 0, frame.height(), targetPlanes, targetStrides),
                "sws_scale");
    }

    private void bindTarget(Picture picture) {
        if (picture == target) {
            return;
        }
        closeTarget();
        int planes = picture.format().planes();
        targetPlanes = new PointerPointer<>(4);
        targetStrides = new IntPointer(4);
        for (int p = 0; p < planes; p++) {
            targetPlanes.put(p, new BytePointer(picture.plane(p).asByteBuffer()));
            targetStrides.put(p, picture.stride(p));
        }
        target = picture;
    }

    private void closeTarget() {
        if (targetPlanes != null) {
            targetPlanes.close();
            targetStrides.close();
            targetPlanes = null;
            targetStrides = null;
        }
        target = null;
    }

    @Override
    public void close() {
        closeTarget();
        if (context != null) {
            sws_freeContext(context);
            context = null;
        }
    }
}
