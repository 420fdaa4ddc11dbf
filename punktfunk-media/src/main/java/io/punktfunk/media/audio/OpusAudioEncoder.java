package io.punktfunk.media.audio;

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
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

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

/**
 * Opus through FFmpeg's libopus wrapper: 48 kHz stereo, 10 ms frames, {@code application=lowdelay}
 * (CELT only, the smallest algorithmic delay), VBR at the given bitrate (java-stack.md §8).
 * {@link #open(int, int, boolean)} picks another frame length (5..60 ms) and hard CBR, which
 * GameStream needs: 5 ms packets of equal size, so its audio FEC covers whole packets.
 */
public final class OpusAudioEncoder implements AudioEncoder {

    private static final int RING = 64;

    private final AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet;
    private final AudioPacket out = new AudioPacket();
    private final long[] captureNsBySequence = new long[RING];
    private final int frameSamples;
    private long sequence;
    private boolean closed;

    private OpusAudioEncoder(AVCodecContext context, int frameSamples) {
        this.context = context;
        this.frameSamples = frameSamples;
        this.frame = av_frame_alloc();
        frame.nb_samples(frameSamples).format(AV_SAMPLE_FMT_S16).sample_rate(PcmFormat.SAMPLE_RATE);
        Ffmpeg.check(av_channel_layout_copy(frame.ch_layout(), context.ch_layout()), "av_channel_layout_copy");
        Ffmpeg.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
        this.packet = av_packet_alloc();
    }

    /** Opens libopus at {@code bitrateBps} (e.g. 128 000 for stereo music, 64 000 for speech). */
    public static OpusAudioEncoder open(int bitrateBps) {
        return open(bitrateBps, PcmFormat.FRAME_MILLIS, false);
    }

    /**
     * Opens libopus at {@code bitrateBps} with {@code frameMillis} frames (5, 10, 20, 40 or 60)
     * and, when {@code constantBitrate}, hard CBR ({@code vbr=off}): every packet has the same length. {@link #encode} then takes
     * {@link #frameSamples()} × channels interleaved samples per call.
     */
    public static OpusAudioEncoder open(int bitrateBps, int frameMillis, boolean constantBitrate) {
        if (frameMillis != 5 && frameMillis != 10 && frameMillis != 20 && frameMillis != 40 && frameMillis != 60) {
            throw new IllegalArgumentException("Opus frame must be 5, 10, 20, 40 or 60 ms: " + frameMillis);
        }
        Ffmpeg.init();
        AVCodec codec = avcodec_find_encoder_by_name("libopus");
        if (codec == null) {
            throw new FfmpegException("libopus is not in this FFmpeg build", 0);
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.sample_fmt(AV_SAMPLE_FMT_S16).sample_rate(PcmFormat.SAMPLE_RATE).bit_rate(bitrateBps);
        context.time_base(av_make_q(1, PcmFormat.SAMPLE_RATE));
        av_channel_layout_default(context.ch_layout(), PcmFormat.CHANNELS);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "application", "lowdelay", 0);
        av_dict_set(options, "frame_duration", String.valueOf(frameMillis), 0);
        if (constantBitrate) {
            av_dict_set(options, "vbr", "off", 0);
        }
        try {
            int ret = avcodec_open2(context, codec, options);
            if (ret < 0) {
                avcodec_free_context(context);
                Ffmpeg.check(ret, "avcodec_open2(libopus)");
            }
        } finally {
            av_dict_free(options);
        }
        return new OpusAudioEncoder(context, PcmFormat.SAMPLE_RATE * frameMillis / 1000);
    }

    /** Samples per channel in one frame this encoder takes. */
    public int frameSamples() {
        return frameSamples;
    }

    @Override
    public void encode(short[] pcm, long captureNs, AudioPacketSink sink) {
        if (closed) {
            throw new IllegalStateException("encoder closed");
        }
        if (pcm.length != frameSamples * PcmFormat.CHANNELS) {
            throw new IllegalArgumentException("frame must hold " + frameSamples * PcmFormat.CHANNELS + " samples");
        }
        Ffmpeg.check(av_frame_make_writable(frame), "av_frame_make_writable");
        MemorySegment.copy(pcm, 0, NativeMemory.ALL, ValueLayout.JAVA_SHORT_UNALIGNED,
                NativeMemory.planeAddress(frame, 0), pcm.length);
        frame.pts(sequence * frameSamples);
        captureNsBySequence[(int) (sequence % RING)] = captureNs;
        sequence++;
        Ffmpeg.check(avcodec_send_frame(context, frame), "avcodec_send_frame(libopus)");
        while (true) {
            int ret = avcodec_receive_packet(context, packet);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return;
            }
            Ffmpeg.check(ret, "avcodec_receive_packet(libopus)");
            try {
                // libopus shifts pts back by its pre-skip; the frame number rounds it back.
                long seq = Math.floorDiv(packet.pts() + frameSamples / 2, frameSamples);
                long ns = captureNsBySequence[(int) Math.floorMod(seq, (long) RING)];
                byte[] bytes = out.prepare(packet.size(), seq, ns);
                NativeMemory.copyToArray(NativeMemory.packetData(packet), bytes, packet.size());
            } finally {
                av_packet_unref(packet);
            }
            sink.accept(out);
        }
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
}
