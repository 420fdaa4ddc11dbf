package io.punktfunk.client.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameOrderGateTest {

    @Test
    void aFrameOlderThanOneAlreadyFedIsDroppedAndCounted() {
        FrameOrderGate g = new FrameOrderGate();
        assertThat(g.admit(10)).isTrue();
        assertThat(g.admit(12)).as("11 completed later than 12").isTrue();
        assertThat(g.missing()).isEqualTo(1);
        assertThat(g.admit(11)).as("older than 12: never decoded").isFalse();
        assertThat(g.admit(12)).as("a repeat is not newer either").isFalse();
        assertThat(g.stale()).isEqualTo(2);
        assertThat(g.admit(13)).isTrue();
        assertThat(g.missing()).isEqualTo(1);
    }

    @Test
    void indicesWrapAtTwoToTheThirtyTwo() {
        FrameOrderGate g = new FrameOrderGate();
        assertThat(g.admit(-2)).isTrue();       // 0xFFFFFFFE
        assertThat(g.admit(0)).isTrue();        // wrapped, 0xFFFFFFFF skipped
        assertThat(g.missing()).isEqualTo(1);
        assertThat(g.admit(-1)).as("0xFFFFFFFF is older than 0 now").isFalse();
        assertThat(g.admit(1)).isTrue();
        assertThat(g.stale()).isEqualTo(1);
    }

    @Test
    void theFirstFrameIsAlwaysAdmitted() {
        FrameOrderGate g = new FrameOrderGate();
        assertThat(g.admit(Integer.MIN_VALUE)).isTrue();
        assertThat(g.stale()).isZero();
        assertThat(g.missing()).isZero();
    }
}
