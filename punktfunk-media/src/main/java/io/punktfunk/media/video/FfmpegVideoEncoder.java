package io.punktfunk.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_QUALITY_STATS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_get_side_data;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import io.punktfunk.media.ffmpeg.Ffmpeg;
import io.punktfunk.media.ffmpeg.FfmpegException;
import io.punktfunk.media.ffmpeg.FramePlanes;
import io.punktfunk.media.ffmpeg.NativeMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VideoEncoder} over FFmpeg's libavcodec: libx264 (the software default), libx265,
 * libsvtav1, libaom-av1 and the NVENC encoders, each set up for zero frames of delay, no
 * B-frames and an infinite GOP (java-stack.md §8).
 *
 * <p>The AVFrame and AVPacket are allocated once; per picture the pixels are copied into the
 * frame; the reused {@link AccessUnit} points at the packet's bytes while the sink runs
 * ({@link AccessUnit#wrap}), so a sink that reads them as a segment copies them once, where it keeps them.
 */
public final class FfmpegVideoEncoder implements VideoEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegVideoEncoder.class);
    /** Encoders whose libavcodec wrapper reconfigures rate control between frames. */
    private static final Set<String> LIVE_BITRATE = Set.of("libx264", "h264_nvenc", "hevc_nvenc", "av1_nvenc");
    /** Capture timestamps by frame index; encoders here have zero delay, so a short ring is ample. */
    private static final int CAPTURE_RING = 256;

    private final VideoEncoderConfig config;
    private final String encoderName;
    private final AVCodec codec;
    private final AVFrame frame;
    private final AVPacket packet;
    private final AccessUnit unit = new AccessUnit();
    /** Call names for error messages, built once: the per-frame path concatenates nothing. */
    private final String sendFrameCall;
    private final String receivePacketCall;
    private final long[] captureNsByIndex = new long[CAPTURE_RING];
    private AVCodecContext context;
    private long bitrateBps;
    private long frameIndex;
    private boolean idrPending;
    private boolean closed;

    private FfmpegVideoEncoder(VideoEncoderConfig config, String encoderName, AVCodec codec, AVCodecContext context) {
        this.config = config;
        this.encoderName = encoderName;
        this.codec = codec;
        this.context = context;
        this.bitrateBps = config.bitrateBps();
        this.sendFrameCall = "avcodec_send_frame(" + encoderName + ")";
        this.receivePacketCall = "avcodec_receive_packet(" + encoderName + ")";
        this.frame = av_frame_alloc();
        frame.format(AV_PIX_FMT_YUV420P).width(config.width()).height(config.height());
        Ffmpeg.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
        this.packet = av_packet_alloc();
    }

    /**
     * Opens the configured encoder, or the first of the codec's candidates that exists in this
     * FFmpeg build and opens (hardware encoders fail to open without their device).
     *
     * @throws FfmpegException naming every candidate and why it failed, if none opens
     */
    public static FfmpegVideoEncoder open(VideoEncoderConfig config) {
        Ffmpeg.init();
        List<String> candidates = config.encoderName() != null ? List.of(config.encoderName())
                : config.codec().encoders();
        List<String> failures = new ArrayList<>();
        for (String name : candidates) {
            AVCodec codec = avcodec_find_encoder_by_name(name);
            if (codec == null) {
                failures.add(name + ": not in this FFmpeg build");
                continue;
            }
            try {
                AVCodecContext context = openContext(codec, name, config, config.bitrateBps(), candidates.size() > 1);
                LOG.debug("opened video encoder {} {}x{}@{} {} bit/s", name, config.width(), config.height(),
                        config.fps(), config.bitrateBps());
                try {
                    return new FfmpegVideoEncoder(config, name, codec, context);
                } catch (RuntimeException e) {
                    avcodec_free_context(context);
                    throw e;
                }
            } catch (FfmpegException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        throw new FfmpegException("no " + config.codec() + " encoder opened: " + failures, 0);
    }

    /** Whether {@code name} exists in this FFmpeg build and opens at a small size (device present). */
    public static boolean available(String name, VideoCodec codec) {
        return probe(name, codec) == null;
    }

    /**
     * Every candidate encoder of every codec with why it cannot be used, or "ok" when it opens
     * (for a probe command and logs).
     */
    public static Map<String, String> probeAll() {
        Map<String, String> result = new LinkedHashMap<>();
        for (VideoCodec codec : VideoCodec.values()) {
            for (String name : codec.encoders()) {
                String failure = probe(name, codec);
                result.put(name, failure == null ? "ok" : failure);
            }
        }
        return result;
    }

    /** Null when {@code name} opens at a small size, else the reason it does not. */
    private static String probe(String name, VideoCodec codec) {
        Ffmpeg.init();
        AVCodec found = avcodec_find_encoder_by_name(name);
        if (found == null) {
            return "not in this FFmpeg build";
        }
        try {
            VideoEncoderConfig probe = new VideoEncoderConfig(320, 240, 30, 1_000_000, codec, name, false, null);
            AVCodecContext context = openContext(found, name, probe, probe.bitrateBps(), true);
            avcodec_free_context(context);
            return null;
        } catch (FfmpegException e) {
            return e.getMessage();
        }
    }

    private static AVCodecContext openContext(AVCodec codec, String name, VideoEncoderConfig config, long bitrate,
                                              boolean quietFailure) {
        AVCodecContext context = avcodec_alloc_context3(codec);
        if (context == null) {
            throw new FfmpegException("avcodec_alloc_context3(" + name + ") returned NULL", 0);
        }
        context.width(config.width()).height(config.height()).pix_fmt(AV_PIX_FMT_YUV420P);
        context.time_base(av_make_q(1, config.fps())).framerate(av_make_q(config.fps(), 1));
        context.max_b_frames(0);
        applyRate(context, name, bitrate, config.fps());
        AVDictionary options = new AVDictionary(null);
        try {
            setOptions(context, options, name, config);
            int ret = quietFailure
                    ? Ffmpeg.withLogLevel(AV_LOG_QUIET, () -> avcodec_open2(context, codec, options))
                    : avcodec_open2(context, codec, options);
            if (ret < 0) {
                avcodec_free_context(context);
                Ffmpeg.check(ret, "avcodec_open2(" + name + ")");
            }
            warnUnusedOptions(name, options);
            return context;
        } finally {
            av_dict_free(options);
        }
    }

    /** avcodec_open2 leaves the options the encoder did not take in the dictionary: say which. */
    private static void warnUnusedOptions(String name, AVDictionary options) {
        AVDictionaryEntry entry = null;
        while ((entry = av_dict_get(options, "", entry, AV_DICT_IGNORE_SUFFIX)) != null && !entry.isNull()) {
            LOG.warn("{} ignored option {}={}", name, entry.key().getString(), entry.value().getString());
        }
    }

    /**
     * Rate control: average = peak = target, and a VBV of one frame interval, so no single frame
     * (an IDR included) takes much longer than a frame time to cross a link of that rate.
     */
    private static void applyRate(AVCodecContext context, String name, long bitrate, int fps) {
        context.bit_rate(bitrate);
        context.rc_max_rate(bitrate);
        // SVT-AV1 rejects buffers much under 33 ms ("bad parameter" at 16.7 ms, 60 fps).
        long buffer = name.equals("libsvtav1") ? Math.max(bitrate / fps, bitrate / 30) : bitrate / fps;
        context.rc_buffer_size((int) Math.min(Integer.MAX_VALUE, buffer));
    }

    private static void setOptions(AVCodecContext context, AVDictionary options, String name, VideoEncoderConfig config) {
        String preset = config.preset();
        switch (name) {
            case "libx264" -> {
                av_dict_set(options, "preset", preset != null ? preset : "ultrafast", 0);
                av_dict_set(options, "tune", "zerolatency", 0);
                av_dict_set(options, "forced-idr", "1", 0);
                // Intra refresh replaces periodic IDRs with a moving intra column; x264 sizes the
                // wave by keyint, so it gets one second instead of infinity.
                String params = config.intraRefresh()
                        ? "keyint=" + config.fps() + ":intra-refresh=1:scenecut=0:repeat-headers=1"
                        : "keyint=infinite:scenecut=0:repeat-headers=1";
                av_dict_set(options, "x264-params", params, 0);
            }
            case "libx265" -> {
                av_dict_set(options, "preset", preset != null ? preset : "ultrafast", 0);
                av_dict_set(options, "tune", "zerolatency", 0);
                av_dict_set(options, "forced-idr", "1", 0);
                // open-gop=0: requested keyframes come out as IDRs (mostly; without it x265 made CRAs despite forced-idr)
                av_dict_set(options, "x265-params",
                        "keyint=-1:scenecut=0:repeat-headers=1:bframes=0:open-gop=0:log-level=error", 0);
            }
            case "libsvtav1" -> {
                // Preset 12 skips coding small changed blocks (it broke ~1 in 8 synthetic stamps);
                // 10 kept every stamp intact.
                av_dict_set(options, "preset", preset != null ? preset : "10", 0);
                av_dict_set(options, "svtav1-params", "keyint=-1:pred-struct=1", 0);
            }
            case "libaom-av1" -> {
                av_dict_set(options, "cpu-used", preset != null ? preset : "8", 0);
                av_dict_set(options, "usage", "realtime", 0);
                av_dict_set(options, "lag-in-frames", "0", 0);
                context.gop_size(Integer.MAX_VALUE);
            }
            case "h264_nvenc", "hevc_nvenc", "av1_nvenc" -> {
                av_dict_set(options, "preset", preset != null ? preset : "p1", 0);
                av_dict_set(options, "tune", "ull", 0);
                av_dict_set(options, "rc", "cbr", 0);
                av_dict_set(options, "zerolatency", "1", 0);
                av_dict_set(options, "delay", "0", 0);
                av_dict_set(options, "forced-idr", "1", 0);
                context.gop_size(-1);
            }
            default -> {
                if (preset != null) {
                    av_dict_set(options, "preset", preset, 0);
                }
            }
        }
    }

    @Override
    public void encode(Picture picture, boolean forceIdr, AccessUnitSink sink) {
        if (closed) {
            throw new IllegalStateException("encoder closed");
        }
        if (picture.format() != PixelFormat.I420 || picture.width() != config.width()
                || picture.height() != config.height()) {
            throw new IllegalArgumentException("encoder takes I420 " + config.width() + "x" + config.height()
                    + ", got " + picture);
        }
        check(av_frame_make_writable(frame), "av_frame_make_writable");
        FramePlanes.copyIn(picture, frame);
        boolean idr = forceIdr || idrPending;
        idrPending = false;
        frame.pict_type(idr ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        frame.pts(frameIndex);
        captureNsByIndex[(int) (frameIndex % CAPTURE_RING)] = picture.captureNs();
        frameIndex++;
        check(avcodec_send_frame(context, frame), sendFrameCall);
        drain(sink);
    }

    private void drain(AccessUnitSink sink) {
        while (true) {
            int ret = avcodec_receive_packet(context, packet);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return;
            }
            check(ret, receivePacketCall);
            try {
                int size = packet.size();
                long index = packet.pts();
                long captureNs = index >= 0 ? captureNsByIndex[(int) (index % CAPTURE_RING)] : 0;
                boolean idr = (packet.flags() & AV_PKT_FLAG_KEY) != 0 && intraCoded(packet);
                // the sink reads the packet where FFmpeg put it (no copy unless it asks for an array)
                unit.wrap(NativeMemory.packetData(packet), size, index, captureNs, idr);
                sink.accept(unit);
            } finally {
                unit.unwrap();
                av_packet_unref(packet);
            }
        }
    }

    private static void check(int ret, String call) {
        if (ret < 0) {
            Ffmpeg.check(ret, call);
        }
    }

    /**
     * Whether a packet flagged as a random-access point is really intra coded. x264 with intra
     * refresh flags the P-frame that starts each refresh wave as "key" (a recovery point, clean
     * only once the wave has passed); the encoder statistics side data names its picture type.
     * Encoders that attach no statistics are taken at their flag.
     */
    private static boolean intraCoded(AVPacket packet) {
        BytePointer stats = av_packet_get_side_data(packet, AV_PKT_DATA_QUALITY_STATS, (SizeTPointer) null);
        // Layout (libavcodec/packet.h): le32 quality, u8 picture type, u8 error count, ...
        return stats == null || stats.isNull() || stats.get(4) == AV_PICTURE_TYPE_I;
    }

    @Override
    public void bitrate(long newBitrateBps) {
        if (newBitrateBps < 10_000) {
            throw new IllegalArgumentException("bitrate too low: " + newBitrateBps);
        }
        if (newBitrateBps == bitrateBps) {
            return;
        }
        if (LIVE_BITRATE.contains(encoderName)) {
            // The wrapper compares these fields with its rate-control state before each frame
            // and reconfigures the encoder in place.
            applyRate(context, encoderName, newBitrateBps, config.fps());
        } else {
            // No in-place reconfiguration: reopen, and the first picture of the new stream is an IDR.
            AVCodecContext reopened = openContext(codec, encoderName, config, newBitrateBps, false);
            avcodec_free_context(context);
            context = reopened;
            idrPending = true;
        }
        bitrateBps = newBitrateBps;
    }

    @Override
    public long bitrate() {
        return bitrateBps;
    }

    @Override
    public boolean liveBitrate() {
        return LIVE_BITRATE.contains(encoderName);
    }

    @Override
    public String encoderName() {
        return encoderName;
    }

    @Override
    public VideoCodec codec() {
        return config.codec();
    }

    @Override
    public long framesEncoded() {
        return frameIndex;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        avcodec_free_context(context);
        av_frame_free(frame);
        av_packet_free(packet);
    }

    @Override
    public String toString() {
        return "FfmpegVideoEncoder[" + encoderName + " " + config.width() + "x" + config.height() + "@" + config.fps()
                + " " + bitrateBps + " bit/s]";
    }
}
