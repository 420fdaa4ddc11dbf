package io.punktfunk.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayWindowTest {

    @Test
    void acceptsEachSequenceOnceAndReorderingWithinTheWindow() {
        ReplayWindow w = new ReplayWindow();
        assertThat(w.highest()).isEqualTo(-1);
        assertThat(w.accept(5)).isTrue();
        assertThat(w.accept(3)).isTrue();
        assertThat(w.accept(0)).isTrue();
        assertThat(w.accept(5)).isFalse();
        assertThat(w.accept(3)).isFalse();
        assertThat(w.plausible(4)).isTrue();
        assertThat(w.highest()).isEqualTo(5);
    }

    @Test
    void refusesSequencesOlderThanTheWindowAndNegativeOnes() {
        ReplayWindow w = new ReplayWindow();
        long top = 3L * ReplayWindow.WINDOW_PACKETS + 17;
        assertThat(w.accept(top)).isTrue();
        assertThat(w.plausible(top - ReplayWindow.WINDOW_PACKETS + 1)).isTrue();
        assertThat(w.plausible(top - ReplayWindow.WINDOW_PACKETS)).isFalse();
        assertThat(w.plausible(0)).isFalse();
        assertThat(w.plausible(-1)).isFalse();
        assertThat(w.plausible(Long.MIN_VALUE)).isFalse();
    }

    @Test
    void slidingForgetsSlotsThatNowBelongToNewerSequences() {
        ReplayWindow w = new ReplayWindow();
        w.accept(100);
        // Same ring slot one full window later: must be fresh, not "seen".
        assertThat(w.accept(100 + ReplayWindow.WINDOW_PACKETS)).isTrue();
        assertThat(w.plausible(100 + ReplayWindow.WINDOW_PACKETS + 1)).isTrue();
        // 200 is now older than the window (highest is 100 + WINDOW), so it stays refused.
        assertThat(w.accept(99)).isFalse();
        assertThat(w.accept(101 + 1)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {7L, 99L, 2024L})
    void matchesAReferenceModelUnderRandomTraffic(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ReplayWindow w = new ReplayWindow();
        BitSet seen = new BitSet();
        long highest = -1;
        long cursor = 0;
        for (int i = 0; i < 200_000; i++) {
            int pick = rnd.nextInt(10);
            long seq;
            if (pick < 6) {
                seq = cursor++;
            } else if (pick < 8) {
                seq = Math.max(0, cursor - rnd.nextInt(ReplayWindow.WINDOW_PACKETS + 200));
            } else if (pick == 8) {
                cursor += rnd.nextInt(3 * ReplayWindow.WINDOW_PACKETS / 2);
                seq = cursor;
            } else {
                seq = Math.max(0, highest - rnd.nextInt(64));
            }
            boolean expected = seq > highest || (highest - seq < ReplayWindow.WINDOW_PACKETS && !seen.get((int) seq));
            assertThat(w.accept(seq)).as("seed %d step %d seq %d highest %d", seed, i, seq, highest).isEqualTo(expected);
            if (expected) {
                seen.set((int) seq);
                highest = Math.max(highest, seq);
            }
        }
    }
}
