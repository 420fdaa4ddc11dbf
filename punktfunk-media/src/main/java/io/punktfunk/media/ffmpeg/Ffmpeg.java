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
    private static volatile boolean devicesRegistered;

    private Ffmpeg() {
    }

    /**
     * Loads libavutil once and quiets FFmpeg's logging to errors: x264 and friends print banners at
     * info level on every open. Codecs and scalers load their own libraries on first use; capture
     * devices need {@link #initDevices}.
     *
     * @throws FfmpegException naming the Debian package when a system library FFmpeg needs is missing
     */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (!initialised) {
                SystemLibraries.require("FFmpeg (video and audio codecs)", SystemLibraries.CODECS);
                try {
                    av_log_set_level(AV_LOG_ERROR);
                } catch (LinkageError e) {
                    throw new FfmpegException("FFmpeg's native libraries do not load: " + rootMessage(e), 0);
                }
                initialised = true;
            }
        }
    }

    /**
     * Loads libavdevice and registers its capture devices (x11grab, pulse). Only sources that
     * capture through a device call this: libavdevice links XCB, ALSA and PulseAudio client
     * libraries, which a machine that only encodes and decodes need not have.
     *
     * @param feature what the user asked for, for the error (e.g. {@code "--source x11"})
     * @throws FfmpegException in one line naming the missing libraries and the apt-get line
     */
    public static void initDevices(String feature) {
        init();
        if (devicesRegistered) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (!devicesRegistered) {
                SystemLibraries.require(feature, SystemLibraries.DEVICES);
                try {
                    avdevice.avdevice_register_all();
                } catch (LinkageError e) {
                    throw new FfmpegException(feature + ": FFmpeg's device library does not load: " + rootMessage(e), 0);
                }
                devicesRegistered = true;
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
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
