package io.punktfunk.media.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import io.punktfunk.media.ffmpeg.Ffmpeg;
import io.punktfunk.media.ffmpeg.FfmpegException;
import io.punktfunk.media.ffmpeg.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Opus decoding through FFmpeg (libopus, else FFmpeg's own decoder) into 48 kHz stereo s16.
 * libopus hands back s16 when asked; float output (FFmpeg's decoder) is converted here.
 */
public final class OpusAudioDecoder implements AudioDecoder {

    private static final int MAX_PACKET = 4000;
    private static final byte[] PADDING = new byte[AV_INPUT_BUFFER_PADDING_SIZE];

    private final AVCodecContext context;
    private final AVPacket packet;
    private final AVFrame frame;
    private final BytePointer input = new BytePointer(MAX_PACKET + AV_INPUT_BUFFER_PADDING_SIZE);
    private long errors;
    private boolean closed;

    private OpusAudioDecoder(AVCodecContext context) {
        this.context = context;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
    }

    public static OpusAudioDecoder open() {
        Ffmpeg.init();
        AVCodec codec = avcodec_find_decoder_by_name("libopus");
        if (codec == null) {
            codec = avcodec_find_decoder_by_name("opus");
        }
        if (codec == null) {
            throw new FfmpegException("no Opus decoder in this FFmpeg build", 0);
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.sample_rate(PcmFormat.SAMPLE_RATE).request_sample_fmt(AV_SAMPLE_FMT_S16);
        av_channel_layout_default(context.ch_layout(), PcmFormat.CHANNELS);
        int ret = avcodec_open2(context, codec, (AVDictionary) null);
        if (ret < 0) {
            avcodec_free_context(context);
            Ffmpeg.check(ret, "avcodec_open2(opus decoder)");
        }
        if (context.ch_layout().nb_channels() != PcmFormat.CHANNELS) {
            avcodec_free_context(context);
            throw new FfmpegException("Opus decoder opened with " + context.ch_layout().nb_channels() + " channels", 0);
        }
        return new OpusAudioDecoder(context);
    }

    @Override
    public int decode(byte[] data, int offset, int length, short[] pcm) {
        if (closed) {
            throw new IllegalStateException("decoder closed");
        }
        if (length <= 0 || length > MAX_PACKET || offset < 0 || offset + length > data.length) {
            errors++;
            return 0;
        }
        input.position(0).put(data, offset, length);
        input.position(length).put(PADDING, 0, PADDING.length);
        input.position(0);
        packet.data(input).size(length);
        int sent = avcodec_send_packet(context, packet);
        packet.data(null).size(0);
        if (sent < 0 || avcodec_receive_frame(context, frame) < 0) {
            errors++;
            return 0;
        }
        try {
            // Channels are fixed by the context (stereo, checked at open), not by the packet.
            int samples = Math.min(frame.nb_samples(), pcm.length / PcmFormat.CHANNELS);
            copySamples(samples, pcm);
            return samples;
        } finally {
            av_frame_unref(frame);
        }
    }

    private void copySamples(int samples, short[] pcm) {
        int format = frame.format();
        int count = samples * PcmFormat.CHANNELS;
        if (format == AV_SAMPLE_FMT_S16) {
            MemorySegment.copy(NativeMemory.ALL, ValueLayout.JAVA_SHORT_UNALIGNED, NativeMemory.planeAddress(frame, 0),
                    pcm, 0, count);
        } else if (format == AV_SAMPLE_FMT_FLT) {
            long src = NativeMemory.planeAddress(frame, 0);
            for (int i = 0; i < count; i++) {
                pcm[i] = toShort(NativeMemory.ALL.get(ValueLayout.JAVA_FLOAT_UNALIGNED, src + 4L * i));
            }
        } else if (format == AV_SAMPLE_FMT_FLTP) {
            for (int c = 0; c < PcmFormat.CHANNELS; c++) {
                long src = NativeMemory.planeAddress(frame, c);
                for (int i = 0; i < samples; i++) {
                    pcm[i * PcmFormat.CHANNELS + c] = toShort(NativeMemory.ALL.get(ValueLayout.JAVA_FLOAT_UNALIGNED,
                            src + 4L * i));
                }
            }
        } else {
            throw new FfmpegException("unexpected Opus decoder sample format " + format, 0);
        }
    }

    private static short toShort(float sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample * Short.MAX_VALUE)));
    }

    @Override
    public long errors() {
        return errors;
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
        input.close();
    }
}
