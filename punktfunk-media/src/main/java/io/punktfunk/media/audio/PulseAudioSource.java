package io.punktfunk.media.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;

import io.punktfunk.media.ffmpeg.FfmpegException;
import io.punktfunk.media.ffmpeg.FfmpegInput;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Captures PulseAudio (or PipeWire's pulse server) through FFmpeg's {@code pulse} input device:
 * a source such as {@code <sink>.monitor} records what the desktop plays. The server delivers
 * s16le stereo at 48 kHz in fragments of one 10 ms frame; fragments are re-cut into exact
 * {@link PcmFormat} frames.
 */
public final class PulseAudioSource implements AudioSource {

    /** At most one second is held; older audio is dropped if the reader falls that far behind. */
    private static final int PENDING_CAPACITY = PcmFormat.SAMPLE_RATE * PcmFormat.CHANNELS;

    private final FfmpegInput input;
    private final int stream;
    private final AVPacket packet = av_packet_alloc();
    private final short[] pending = new short[PENDING_CAPACITY];
    private int pendingCount;
    private long droppedSamples;

    /**
     * @param device PulseAudio source name, e.g. "default" or "mysink.monitor"
     * @param server server address (e.g. "unix:/run/user/1000/pulse/native"), or null for the default
     */
    public PulseAudioSource(String device, String server) {
        Map<String, String> options = new HashMap<>();
        options.put("sample_rate", String.valueOf(PcmFormat.SAMPLE_RATE));
        options.put("channels", String.valueOf(PcmFormat.CHANNELS));
        options.put("fragment_size", String.valueOf(PcmFormat.BYTES_PER_FRAME));
        if (server != null) {
            options.put("server", server);
        }
        options.put("name", "punktfunk");
        this.input = FfmpegInput.open("pulse", device, options, "--audio pulse");
        try {
            this.stream = input.firstStream(AVMEDIA_TYPE_AUDIO);
            AVCodecParameters parameters = input.parameters(stream);
            if (parameters.codec_id() != AV_CODEC_ID_PCM_S16LE || parameters.sample_rate() != PcmFormat.SAMPLE_RATE
                    || parameters.ch_layout().nb_channels() != PcmFormat.CHANNELS) {
                throw new FfmpegException("pulse delivered codec " + parameters.codec_id() + " "
                        + parameters.sample_rate() + " Hz " + parameters.ch_layout().nb_channels()
                        + " ch, expected s16le 48000 Hz stereo", 0);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public long read(short[] frame) {
        if (frame.length != PcmFormat.SAMPLES_PER_FRAME) {
            throw new IllegalArgumentException("frame must hold " + PcmFormat.SAMPLES_PER_FRAME + " samples");
        }
        while (pendingCount < PcmFormat.SAMPLES_PER_FRAME) {
            if (!input.read(packet)) {
                throw new IllegalStateException("pulse capture ended");
            }
            try {
                if (packet.stream_index() == stream) {
                    append(packet);
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        long now = System.nanoTime();
        // The first sample of this frame is as old as everything still queued behind it.
        long captureNs = now - (long) pendingCount / PcmFormat.CHANNELS * 1_000_000_000L / PcmFormat.SAMPLE_RATE;
        System.arraycopy(pending, 0, frame, 0, PcmFormat.SAMPLES_PER_FRAME);
        pendingCount -= PcmFormat.SAMPLES_PER_FRAME;
        System.arraycopy(pending, PcmFormat.SAMPLES_PER_FRAME, pending, 0, pendingCount);
        return captureNs;
    }

    private void append(AVPacket packet) {
        int samples = packet.size() / 2;
        if (samples > PENDING_CAPACITY) {
            droppedSamples += samples;
            return;
        }
        int overflow = pendingCount + samples - PENDING_CAPACITY;
        if (overflow > 0) {
            // Keep frames aligned to whole stereo samples: the drop is even because both sizes are.
            System.arraycopy(pending, overflow, pending, 0, pendingCount - overflow);
            pendingCount -= overflow;
            droppedSamples += overflow;
        }
        MemorySegment data = MemorySegment.ofAddress(packet.data().address()).reinterpret(packet.size());
        MemorySegment.copy(data, ValueLayout.JAVA_SHORT_UNALIGNED, 0, pending, pendingCount, samples);
        pendingCount += samples;
    }

    /** Samples thrown away because the reader fell more than a second behind. */
    public long droppedSamples() {
        return droppedSamples;
    }

    @Override
    public void close() {
        av_packet_free(packet);
        input.close();
    }
}
