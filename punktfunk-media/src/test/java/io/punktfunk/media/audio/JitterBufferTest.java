package io.punktfunk.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.media.audio.JitterBuffer.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JitterBufferTest {

    private static short[] frameOf(long sequence) {
        short[] frame = PcmFormat.newFrame();
        java.util.Arrays.fill(frame, (short) (100 * (sequence + 1)));
        return frame;
    }

    @Test
    void buffersToTargetThenPlaysInOrder() {
        JitterBuffer buffer = new JitterBuffer(8, 3);
        short[] out = PcmFormat.newFrame();
        buffer.offer(10, frameOf(10));
        assertThat(buffer.poll(out)).isEqualTo(Outcome.BUFFERING);
        buffer.offer(12, frameOf(12));
        buffer.offer(11, frameOf(11));
        assertThat(buffer.poll(out)).isEqualTo(Outcome.PLAYED);
        assertThat(out[0]).isEqualTo((short) 1100);
        assertThat(buffer.poll(out)).isEqualTo(Outcome.PLAYED);
        assertThat(out[5]).isEqualTo((short) 1200);
        assertThat(buffer.poll(out)).isEqualTo(Outcome.PLAYED);
        assertThat(out[959]).isEqualTo((short) 1300);
        assertThat(buffer.poll(out)).isEqualTo(Outcome.BUFFERING);
        assertThat(buffer.underruns()).isEqualTo(1);
    }

    @Test
    void missingFrameIsConcealedLateAndDuplicateAreDropped() {
        JitterBuffer buffer = new JitterBuffer(8, 2);
        short[] out = PcmFormat.newFrame();
        buffer.offer(0, frameOf(0));
        buffer.offer(2, frameOf(2));
        assertThat(buffer.offer(2, frameOf(2))).isFalse();
        assertThat(buffer.poll(out)).isEqualTo(Outcome.PLAYED);
        assertThat(buffer.poll(out)).isEqualTo(Outcome.CONCEALED);
        assertThat(out[0]).as("frame 0 repeated at half level").isEqualTo((short) 50);
        assertThat(buffer.offer(1, frameOf(1))).as("frame 1 arrives after its turn").isFalse();
        assertThat(buffer.poll(out)).isEqualTo(Outcome.PLAYED);
        assertThat(out[0]).isEqualTo((short) 300);
        assertThat(buffer.late()).isEqualTo(1);
        assertThat(buffer.duplicates()).isEqualTo(1);
        assertThat(buffer.concealed()).isEqualTo(1);
    }

    @Test
    void afterPlaybackBeganAnEarlierFrameIsLateEvenWhileRefilling() {
        JitterBuffer buffer = new JitterBuffer(8, 2);
        short[] out = PcmFormat.newFrame();
        buffer.offer(5, frameOf(5));
        buffer.offer(4, frameOf(4));
        assertThat(buffer.poll(out)).isEqualTo(Outcome.PLAYED);
        assertThat(out[0]).as("start moved back to the overtaken frame").isEqualTo((short) 500);
        assertThat(buffer.poll(out)).isEqualTo(Outcome.PLAYED);
        assertThat(buffer.poll(out)).isEqualTo(Outcome.BUFFERING);
        assertThat(buffer.offer(3, frameOf(3))).isFalse();
        assertThat(buffer.late()).isEqualTo(1);
    }

    @Test
    void consecutiveConcealmentsFadeOut() {
        JitterBuffer buffer = new JitterBuffer(8, 1);
        short[] out = PcmFormat.newFrame();
        buffer.offer(0, frameOf(0));
        buffer.offer(4, frameOf(4));
        assertThat(buffer.poll(out)).isEqualTo(Outcome.PLAYED);
        int[] expected = {50, 25, 12};
        for (int level : expected) {
            assertThat(buffer.poll(out)).isEqualTo(Outcome.CONCEALED);
            assertThat(out[0]).isEqualTo((short) level);
        }
        assertThat(buffer.poll(out)).isEqualTo(Outcome.PLAYED);
        assertThat(out[0]).isEqualTo((short) 500);
        assertThat(buffer.concealed()).isEqualTo(3);
    }

    @Test
    void farAheadFrameReanchors() {
        JitterBuffer buffer = new JitterBuffer(4, 1);
        short[] out = PcmFormat.newFrame();
        buffer.offer(0, frameOf(0));
        buffer.offer(100, frameOf(100));
        assertThat(buffer.resets()).isEqualTo(1);
        assertThat(buffer.poll(out)).isEqualTo(Outcome.PLAYED);
        assertThat(out[0]).isEqualTo((short) 10100);
    }

    @ParameterizedTest
    @ValueSource(longs = {3L, 17L, 2026L})
    void reorderingWithinDepthLosesNothing(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        JitterBuffer buffer = new JitterBuffer(16, 4);
        short[] out = PcmFormat.newFrame();
        List<Long> played = new ArrayList<>();
        long next = 0;
        // Deliver in bursts of 4 shuffled frames, poll 4 times after each burst.
        for (int burst = 0; burst < 50; burst++) {
            List<Long> sequences = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sequences.add(next++);
            }
            Collections.shuffle(sequences, new java.util.Random(random.nextLong()));
            for (long s : sequences) {
                buffer.offer(s, frameOf(s));
            }
            for (int i = 0; i < 4; i++) {
                if (buffer.poll(out) == Outcome.PLAYED) {
                    played.add((long) out[0] / 100 - 1);
                }
            }
        }
        assertThat(played).as("seed %d", seed).hasSize(200);
        for (int i = 0; i < played.size(); i++) {
            assertThat(played.get(i)).as("seed %d", seed).isEqualTo(i);
        }
        assertThat(buffer.concealed() + buffer.late() + buffer.duplicates()).as("seed %d", seed).isZero();
    }
}
