package io.punktfunk.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 5 ms hard-CBR mode GameStream audio needs: equal packets, 240 samples each, the tone intact. */
class OpusCbrFrameTest {

    @Test
    void fiveMillisecondCbrPacketsAreAllTheSameLengthAndDecodeToTheTone() {
        int frames = 60; // 0.6 s of 10 ms source frames, 120 packets
        List<Integer> lengths = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        short[] decodedAll = new short[frames * PcmFormat.SAMPLES_PER_FRAME];
        int[] written = {0};
        try (ToneSource tone = new ToneSource(1000, 0.5, false);
             OpusAudioEncoder encoder = OpusAudioEncoder.open(96_000, 5, true);
             OpusAudioDecoder decoder = OpusAudioDecoder.open()) {
            assertThat(encoder.frameSamples()).isEqualTo(240);
            short[] pcm = PcmFormat.newFrame();
            short[] half = new short[240 * PcmFormat.CHANNELS];
            short[] decoded = new short[240 * PcmFormat.CHANNELS];
            for (int i = 0; i < frames; i++) {
                long ns = tone.read(pcm);
                for (int h = 0; h < 2; h++) {
                    System.arraycopy(pcm, h * half.length, half, 0, half.length);
                    encoder.encode(half, ns, packet -> {
                        lengths.add(packet.length());
                        sequences.add(packet.sequence());
                        int samples = decoder.decode(packet.data(), 0, packet.length(), decoded);
                        assertThat(samples).isEqualTo(240);
                        System.arraycopy(decoded, 0, decodedAll, written[0], samples * PcmFormat.CHANNELS);
                        written[0] += samples * PcmFormat.CHANNELS;
                    });
                }
            }
            assertThat(decoder.errors()).isZero();
        }
        assertThat(lengths).hasSize(2 * frames);
        assertThat(lengths.stream().distinct().toList()).as("hard CBR: 96 kbit/s × 5 ms = 60 bytes").containsExactly(60);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i);
        }
        int skip = 10 * 240;
        double[] left = ToneDetector.left(java.util.Arrays.copyOfRange(decodedAll, 2 * skip, written[0]),
                written[0] / 2 - skip);
        assertThat(ToneDetector.dominantHz(left, 100, 4000, 1)).isCloseTo(1000, within(5.0));
    }

    @Test
    void framesOtherThanOpusSizesAreRefusedAndTheFrameLengthIsEnforced() {
        assertThatThrownBy(() -> OpusAudioEncoder.open(96_000, 7, true)).isInstanceOf(IllegalArgumentException.class);
        try (OpusAudioEncoder encoder = OpusAudioEncoder.open(96_000, 5, true)) {
            assertThatThrownBy(() -> encoder.encode(PcmFormat.newFrame(), 0, p -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
