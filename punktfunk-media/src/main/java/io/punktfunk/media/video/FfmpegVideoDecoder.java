package io.punktfunk.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import io.punktfunk.media.ffmpeg.Ffmpeg;
import io.punktfunk.media.ffmpeg.FfmpegException;
import io.punktfunk.media.ffmpeg.FramePlanes;
import io.punktfunk.media.ffmpeg.NativeMemory;
import io.punktfunk.media.ffmpeg.PictureScaler;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * A {@link VideoDecoder} over libavcodec (h264, hevc, libaom-av1) with low-delay flags and slice
 * threading only: frame threading would hold pictures back by one frame per thread.
 *
 * <p>Input bytes go through one reused native buffer (grown when a unit does not fit, with
 * FFmpeg's zeroed padding); pictures come out through a plane copy, or through swscale when the
 * target is BGRA or another size.
 */
public final class FfmpegVideoDecoder implements VideoDecoder {

    private static final int RING = 256;
    /** FFmpeg's FF_THREAD_SLICE (avcodec.h), which the bytedeco presets do not map. */
    private static final int FF_THREAD_SLICE = 2;
    private static final byte[] PADDING = new byte[AV_INPUT_BUFFER_PADDING_SIZE];
    /** AV_FRAME_FLAG_CORRUPT and AV_FRAME_FLAG_KEY (libavutil/frame.h), not mapped by bytedeco. */
    private static final int FRAME_FLAG_CORRUPT = 1;
    private static final int FRAME_FLAG_KEY = 1 << 1;

    private final String decoderName;
    private final AVCodecContext context;
    private final AVPacket packet;
    private final AVFrame frame;
    private final PictureScaler scaler = new PictureScaler();
    private final long[] captureNsByIndex = new long[RING];
    private BytePointer input;
    private int inputCapacity;
    private long errors;
    private long pictures;
    private long lastUnitIndex = -1;
    private boolean awaitingKeyframe = true;
    private int frameWidth;
    private int frameHeight;
    private boolean closed;

    private FfmpegVideoDecoder(String decoderName, AVCodecContext context) {
        this.decoderName = decoderName;
        this.context = context;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
        growInput(512 * 1024);
    }

    /** Opens the first decoder for {@code codec} that this FFmpeg build has and that opens. */
    public static FfmpegVideoDecoder open(VideoCodec codec) {
        Ffmpeg.init();
        List<String> failures = new ArrayList<>();
        for (String name : codec.decoders()) {
            AVCodec decoder = avcodec_find_decoder_by_name(name);
            if (decoder == null) {
                failures.add(name + ": not in this FFmpeg build");
                continue;
            }
            AVCodecContext context = avcodec_alloc_context3(decoder);
            context.flags(context.flags() | AV_CODEC_FLAG_LOW_DELAY);
            context.thread_type(FF_THREAD_SLICE);
            context.thread_count(Math.min(4, Runtime.getRuntime().availableProcessors()));
            int ret = Ffmpeg.withLogLevel(AV_LOG_QUIET, () -> avcodec_open2(context, decoder, (AVDictionary) null));
            if (ret < 0) {
                avcodec_free_context(context);
                failures.add(name + ": " + Ffmpeg.describe(ret));
                continue;
            }
            return new FfmpegVideoDecoder(name, context);
        }
        throw new FfmpegException("no " + codec + " decoder opened: " + failures, 0);
    }

    private void growInput(int capacity) {
        if (input != null) {
            input.close();
        }
        input = new BytePointer((long) capacity + AV_INPUT_BUFFER_PADDING_SIZE);
        inputCapacity = capacity;
    }

    @Override
    public boolean decode(byte[] data, int offset, int length, long frameIndex, long captureNs, Picture out) {
        if (closed) {
            throw new IllegalStateException("decoder closed");
        }
        if (length <= 0 || offset < 0 || offset > data.length - length) {
            errors++;
            return false;
        }
        ensureInput(length);
        MemorySegment.copy(data, offset, NativeMemory.ALL, ValueLayout.JAVA_BYTE, input.address(), length);
        return decodeInput(length, frameIndex, captureNs, out);
    }

    @Override
    public boolean decode(MemorySegment unit, long frameIndex, long captureNs, Picture out) {
        if (closed) {
            throw new IllegalStateException("decoder closed");
        }
        long length = unit.byteSize();
        if (length <= 0 || length > Integer.MAX_VALUE - AV_INPUT_BUFFER_PADDING_SIZE) {
            errors++;
            return false;
        }
        ensureInput((int) length);
        MemorySegment.copy(unit, 0, NativeMemory.ALL, input.address(), length);
        return decodeInput((int) length, frameIndex, captureNs, out);
    }

    private void ensureInput(int length) {
        if (length > inputCapacity) {
            growInput((int) Math.min(Integer.MAX_VALUE - AV_INPUT_BUFFER_PADDING_SIZE,
                    Math.max(length, inputCapacity * 2L)));
        }
    }

    private boolean decodeInput(int length, long frameIndex, long captureNs, Picture out) {
        // FFmpeg's bitstream readers may overread into the padding, which must be zero.
        MemorySegment.copy(PADDING, 0, NativeMemory.ALL, ValueLayout.JAVA_BYTE, input.address() + length, PADDING.length);
        if (lastUnitIndex >= 0 && frameIndex > lastUnitIndex + 1) {
            awaitingKeyframe = true; // a unit is missing: what follows predicts from a picture we never had
        }
        lastUnitIndex = frameIndex;
        packet.data(input).size(length).pts(frameIndex).dts(frameIndex);
        captureNsByIndex[(int) Math.floorMod(frameIndex, (long) RING)] = captureNs;
        int sent = avcodec_send_packet(context, packet);
        packet.data(null).size(0);
        if (sent < 0 && sent != AVERROR_EAGAIN()) {
            errors++;
            awaitingKeyframe = true;
            return false;
        }
        int received = avcodec_receive_frame(context, frame);
        if (received < 0) {
            if (received != AVERROR_EAGAIN()) {
                errors++;
            }
            return false;
        }
        try {
            if (frame.decode_error_flags() != 0 || (frame.flags() & FRAME_FLAG_CORRUPT) != 0) {
                errors++;
            }
            if ((frame.flags() & FRAME_FLAG_KEY) != 0) {
                awaitingKeyframe = false; // an IDR (or a completed recovery point) heals the stream
            }
            frameWidth = frame.width();
            frameHeight = frame.height();
            if (FramePlanes.matches(frame.format(), out.format()) && frame.width() == out.width()
                    && frame.height() == out.height()) {
                FramePlanes.copyOut(frame, out);
            } else {
                scaler.convert(frame, out);
            }
            long index = frame.pts();
            out.frameCounter(index);
            out.captureNs(captureNsByIndex[(int) Math.floorMod(index, (long) RING)]);
            pictures++;
            return true;
        } finally {
            av_frame_unref(frame);
        }
    }

    @Override
    public boolean awaitingKeyframe() {
        return awaitingKeyframe;
    }

    @Override
    public int frameWidth() {
        return frameWidth;
    }

    @Override
    public int frameHeight() {
        return frameHeight;
    }

    @Override
    public long errors() {
        return errors;
    }

    @Override
    public long picturesDecoded() {
        return pictures;
    }

    @Override
    public String decoderName() {
        return decoderName;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        avcodec_free_context(context);
        av_packet_free(packet);
        av_frame_free(frame);
        scaler.close();
        input.close();
    }
}
