package io.punktfunk.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import io.punktfunk.media.video.Picture;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The video stream of an {@link FfmpegInput}, decoded (rawvideo for x11grab, whatever a file
 * holds) and converted by swscale into the caller's picture format and size.
 */
public final class VideoStreamReader implements AutoCloseable {

    private final FfmpegInput input;
    private final int stream;
    private final AVCodecContext decoder;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final PictureScaler scaler = new PictureScaler();
    private boolean draining;
    private boolean closed;
    private long lastPacketNs;

    public VideoStreamReader(FfmpegInput input) {
        this.input = input;
        this.stream = input.firstStream(AVMEDIA_TYPE_VIDEO);
        AVCodec codec = avcodec_find_decoder(input.parameters(stream).codec_id());
        if (codec == null) {
            throw new FfmpegException("no decoder for codec id " + input.parameters(stream).codec_id()
                    + " in " + input.url(), 0);
        }
        decoder = avcodec_alloc_context3(codec);
        Ffmpeg.check(avcodec_parameters_to_context(decoder, input.parameters(stream)), "avcodec_parameters_to_context");
        int ret = avcodec_open2(decoder, codec, (AVDictionary) null);
        if (ret < 0) {
            avcodec_free_context(decoder);
            Ffmpeg.check(ret, "avcodec_open2(" + codec.name().getString() + ")");
        }
    }

    public int width() {
        return decoder.width();
    }

    public int height() {
        return decoder.height();
    }

    /** The stream's frame rate, or 0 when the container does not say. */
    public double frameRate() {
        return input.frameRate(stream);
    }

    /**
     * Decodes the next picture into {@code picture} (pixels only).
     *
     * @return false at the end of the input (after the decoder has been drained)
     */
    public boolean read(Picture picture) {
        while (true) {
            int ret = avcodec_receive_frame(decoder, frame);
            if (ret >= 0) {
                try {
                    scaler.convert(frame, picture);
                } finally {
                    av_frame_unref(frame);
                }
                return true;
            }
            if (ret == AVERROR_EOF) {
                return false;
            }
            if (ret != AVERROR_EAGAIN()) {
                Ffmpeg.check(ret, "avcodec_receive_frame");
            }
            if (draining) {
                return false;
            }
            if (!input.read(packet)) {
                draining = true;
                Ffmpeg.check(avcodec_send_packet(decoder, null), "avcodec_send_packet(flush)");
                continue;
            }
            try {
                if (packet.stream_index() == stream) {
                    lastPacketNs = System.nanoTime();
                    // A damaged packet in a file is skipped; the next keyframe heals the stream.
                    avcodec_send_packet(decoder, packet);
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /**
     * When the packet of the most recent picture arrived ({@code System.nanoTime}): for a capture
     * device, the moment the frame was grabbed, before decoding and conversion.
     */
    public long lastPacketNs() {
        return lastPacketNs;
    }

    /** Starts the input over from its beginning (files). */
    public void rewind() {
        input.rewind();
        avcodec_flush_buffers(decoder);
        draining = false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        avcodec_free_context(decoder);
        av_packet_free(packet);
        av_frame_free(frame);
        scaler.close();
        input.close();
    }
}
