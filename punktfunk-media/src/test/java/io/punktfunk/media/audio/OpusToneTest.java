package io.punktfunk.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpusToneTest {

    @ParameterizedTest
    @ValueSource(doubles = {440.0, 1000.0, 2500.0})
    void toneSurvivesOpusAtItsFrequency(double hz) {
        int frames = 50; // 0.5 s
        short[] decodedAll = new short[frames * PcmFormat.SAMPLES_PER_FRAME];
        List<Long> sequences = new ArrayList<>();
        int[] written = {0};
        try (ToneSource tone = new ToneSource(hz, 0.5, false);
             AudioEncoder encoder = OpusAudioEncoder.open(128_000);
             AudioDecoder decoder = OpusAudioDecoder.open()) {
            short[] pcm = PcmFormat.newFrame();
            short[] decoded = PcmFormat.newFrame();
            for (int i = 0; i < frames; i++) {
                long ns = tone.read(pcm);
                encoder.encode(pcm, ns, packet -> {
                    sequences.add(packet.sequence());
                    assertThat(packet.length()).isBetween(1, 1275);
                    int samples = decoder.decode(packet.data(), 0, packet.length(), decoded);
                    assertThat(samples).isEqualTo(PcmFormat.FRAME_SAMPLES);
                    System.arraycopy(decoded, 0, decodedAll, written[0], samples * PcmFormat.CHANNELS);
                    written[0] += samples * PcmFormat.CHANNELS;
                });
            }
            assertThat(decoder.errors()).isZero();
        }
        assertThat(sequences).as("one packet per 10 ms frame, in order").hasSize(frames);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i);
        }
        // Skip the first 50 ms (encoder start-up and pre-skip) and measure the rest.
        int skip = 5 * PcmFormat.FRAME_SAMPLES;
        int samples = written[0] / PcmFormat.CHANNELS - skip;
        double[] left = new double[samples];
        for (int i = 0; i < samples; i++) {
            left[i] = decodedAll[2 * (skip + i)];
        }
        double found = ToneDetector.dominantHz(left, 100, 4000, 1);
        assertThat(found).as("dominant frequency of the decoded tone").isCloseTo(hz, within(5.0));
        double rms = Math.sqrt(java.util.Arrays.stream(left).map(x -> x * x).average().orElseThrow());
        assertThat(rms).as("decoded level ~ 0.5 full scale / sqrt 2").isBetween(0.25 * 32767 / Math.sqrt(2),
                0.75 * 32767 / Math.sqrt(2));
    }

    @Test
    void damagedPacketsAreCounted() {
        try (AudioDecoder decoder = OpusAudioDecoder.open()) {
            short[] out = PcmFormat.newFrame();
            assertThat(decoder.decode(new byte[0], 0, 0, out)).isZero();
            assertThat(decoder.decode(new byte[5000], 0, 5000, out)).isZero();
            assertThat(decoder.decode(new byte[3], 2, 5, out)).isZero();
            assertThat(decoder.errors()).isEqualTo(3);
        }
    }
}
