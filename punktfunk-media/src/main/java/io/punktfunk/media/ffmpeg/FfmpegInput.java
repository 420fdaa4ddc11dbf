package io.punktfunk.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BYTE;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

/**
 * An opened libavformat input: a file, or a capture device through libavdevice (x11grab,
 * pulse). Reads packets into a caller's reused AVPacket.
 */
public final class FfmpegInput implements AutoCloseable {

    private final AVFormatContext context;
    private final String url;
    private boolean closed;

    private FfmpegInput(AVFormatContext context, String url) {
        this.context = context;
        this.url = url;
    }

    /**
     * Opens {@code url} with the named input format (e.g. "x11grab", "pulse"), or by probing when
     * {@code formatName} is null.
     *
     * @param options demuxer/device options (e.g. video_size, framerate)
     * @param feature what the user asked for, named in errors (e.g. {@code "--source x11"}); a
     *        device format ({@code formatName} non-null) loads libavdevice first
     */
    public static FfmpegInput open(String formatName, String url, Map<String, String> options, String feature) {
        if (formatName != null) {
            Ffmpeg.initDevices(feature);
        } else {
            Ffmpeg.init();
        }
        AVInputFormat format = null;
        if (formatName != null) {
            format = av_find_input_format(formatName);
            if (format == null) {
                throw new FfmpegException("input format " + formatName + " is not in this FFmpeg build", 0);
            }
        }
        AVDictionary dictionary = new AVDictionary(null);
        options.forEach((k, v) -> av_dict_set(dictionary, k, v, 0));
        AVFormatContext context = new AVFormatContext(null);
        try {
            Ffmpeg.check(avformat_open_input(context, url, format, dictionary),
                    "avformat_open_input(" + (formatName != null ? formatName + " " : "") + url + ")");
        } finally {
            av_dict_free(dictionary);
        }
        // Devices describe their stream in the header; probing would read (and queue) frames,
        // which then come out stale ahead of live ones.
        int found = formatName != null ? 0 : avformat_find_stream_info(context, (PointerPointer<?>) null);
        if (found < 0) {
            avformat_close_input(context);
            Ffmpeg.check(found, "avformat_find_stream_info(" + url + ")");
        }
        return new FfmpegInput(context, url);
    }

    /** Index of the first stream of {@code mediaType} (AVMEDIA_TYPE_*), or throws. */
    public int firstStream(int mediaType) {
        for (int i = 0; i < context.nb_streams(); i++) {
            if (context.streams(i).codecpar().codec_type() == mediaType) {
                return i;
            }
        }
        throw new FfmpegException(url + " has no stream of media type " + mediaType, 0);
    }

    public AVCodecParameters parameters(int stream) {
        return context.streams(stream).codecpar();
    }

    /** The stream's average frame rate, or 0 when unknown. */
    public double frameRate(int stream) {
        var rate = context.streams(stream).avg_frame_rate();
        return rate.den() == 0 ? 0 : (double) rate.num() / rate.den();
    }

    /**
     * Reads the next packet of any stream into {@code packet} (which the caller unrefs).
     *
     * @return false at the end of the input
     */
    public boolean read(AVPacket packet) {
        int ret = av_read_frame(context, packet);
        if (ret == AVERROR_EOF) {
            return false;
        }
        Ffmpeg.check(ret, "av_read_frame(" + url + ")");
        return true;
    }

    /**
     * Seeks back to the start (files only): by timestamp where the container has an index, else by
     * byte position (raw elementary streams such as .h264 have no timestamps to seek by).
     */
    public void rewind() {
        long start = context.start_time() == AV_NOPTS_VALUE ? 0 : context.start_time();
        if (avformat_seek_file(context, -1, Long.MIN_VALUE, start, start, AVSEEK_FLAG_BACKWARD) >= 0) {
            return;
        }
        Ffmpeg.check(av_seek_frame(context, -1, 0, AVSEEK_FLAG_BYTE), "av_seek_frame(" + url + ", byte 0)");
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            avformat_close_input(context);
        }
    }
}
