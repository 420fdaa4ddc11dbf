package io.punktfunk.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.media.audio.AudioPacketSink;
import io.punktfunk.media.audio.OpusAudioDecoder;
import io.punktfunk.media.audio.OpusAudioEncoder;
import io.punktfunk.media.audio.PcmFormat;
import io.punktfunk.media.audio.ToneSource;
import io.punktfunk.media.source.SyntheticSource;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-frame paths (capture → encode → decode, tone → Opus → decode) allocate no Java heap in
 * steady state: pixels and samples move through reused native buffers and reused arrays.
 */
class SteadyStateAllocationTest {

    /** Slack for one-off allocations (JIT transitions) spread over the measured frames. */
    private static final long BUDGET_PER_FRAME = 64;
    /**
     * Measured windows; the quietest counts. A per-frame allocation shows in every window, while a
     * JIT recompilation or deoptimisation (seen under load, after other tests in the same fork
     * shaped the profiles) lands in one.
     */
    private static final int WINDOWS = 4;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
    }

    @Test
    void videoPathAllocatesNothingPerFrame() {
        try (SyntheticSource source = SyntheticSource.unpaced(1280, 720, 60);
             Picture picture = Picture.allocate(PixelFormat.I420, 1280, 720);
             Picture decoded = Picture.allocate(PixelFormat.I420, 1280, 720);
             VideoEncoder encoder = FfmpegVideoEncoder.open(VideoEncoderConfig.h264(1280, 720, 60, 10_000_000)
                     .withEncoder("libx264"));
             VideoDecoder decoder = FfmpegVideoDecoder.open(VideoCodec.H264)) {
            AccessUnitSink sink = unit -> decoder.decode(unit.data(), 0, unit.length(), unit.frameIndex(),
                    unit.captureNs(), decoded);
            int frames = 300;
            for (int i = 0; i < frames; i++) {
                source.capture(picture);
                encoder.encode(picture, false, sink);
            }
            int window = 150;
            long perFrame = Long.MAX_VALUE;
            for (int w = 0; w < WINDOWS; w++) {
                long before = allocated();
                for (int i = 0; i < window; i++) {
                    source.capture(picture);
                    encoder.encode(picture, false, sink);
                }
                perFrame = Math.min(perFrame, (allocated() - before) / window);
            }
            assertThat(decoder.picturesDecoded()).isEqualTo(frames + (long) WINDOWS * window);
            assertThat(perFrame).as("heap bytes per video frame").isLessThanOrEqualTo(BUDGET_PER_FRAME);
        }
    }

    @Test
    void audioPathAllocatesNothingPerFrame() {
        try (ToneSource tone = new ToneSource(440, 0.5, false);
             OpusAudioEncoder encoder = OpusAudioEncoder.open(128_000);
             OpusAudioDecoder decoder = OpusAudioDecoder.open()) {
            short[] pcm = PcmFormat.newFrame();
            short[] out = PcmFormat.newFrame();
            int[] decodedFrames = {0};
            AudioPacketSink sink = packet -> decodedFrames[0] += decoder.decode(packet.data(), 0, packet.length(), out) > 0
                    ? 1 : 0;
            int frames = 2000;
            for (int i = 0; i < frames; i++) {
                encoder.encode(pcm, tone.read(pcm), sink);
            }
            long perFrame = Long.MAX_VALUE;
            for (int w = 0; w < WINDOWS; w++) {
                long before = allocated();
                for (int i = 0; i < frames; i++) {
                    encoder.encode(pcm, tone.read(pcm), sink);
                }
                perFrame = Math.min(perFrame, (allocated() - before) / frames);
            }
            assertThat(decodedFrames[0]).isEqualTo((1 + WINDOWS) * frames);
            assertThat(perFrame).as("heap bytes per audio frame").isLessThanOrEqualTo(BUDGET_PER_FRAME);
        }
    }
}
