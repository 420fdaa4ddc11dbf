package io.punktfunk.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.global.avdevice;

/** Process-wide FFmpeg setup and error helpers. */
public final class Ffmpeg {

    private static volatile boolean initialised;

    private Ffmpeg() {
    }

    /**
     * Loads the natives once, registers capture devices (x11grab, pulse) and quiets FFmpeg's
     * logging to errors: x264 and friends print banners at info level on every open.
     */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (!initialised) {
                av_log_set_level(AV_LOG_ERROR);
                avdevice.avdevice_register_all();
                initialised = true;
            }
        }
    }

    /** Runs {@code action} with FFmpeg logging lowered to {@code level} (for expected failures). */
    public static <T> T withLogLevel(int level, java.util.function.Supplier<T> action) {
        int previous = av_log_get_level();
        av_log_set_level(level);
        try {
            return action.get();
        } finally {
            av_log_set_level(previous);
        }
    }

    /** Returns {@code ret} when it is non-negative, otherwise throws naming {@code what}. */
    public static int check(int ret, String what) {
        if (ret < 0) {
            throw new FfmpegException(what + " failed: " + describe(ret) + " (" + ret + ")", ret);
        }
        return ret;
    }

    /** FFmpeg's text for an AVERROR code. */
    public static String describe(int errorCode) {
        byte[] buffer = new byte[256];
        if (av_strerror(errorCode, buffer, buffer.length) < 0) {
            return "unknown error";
        }
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }
}
