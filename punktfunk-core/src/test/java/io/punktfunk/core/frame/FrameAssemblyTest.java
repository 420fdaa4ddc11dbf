package io.punktfunk.core.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameAssemblyTest {

    @Test
    void aPooledSlotKeepsModerateCapacityButGivesBackHugeArrays() {
        FrameAssembly a = new FrameAssembly();
        a.begin(1, 0, 100_000L * 64, 0, 1, 64, 25, 100_000, 0);
        a.pinBlock(0, 50_000);
        assertThat(a.data.length).isEqualTo(100_000);
        a.begin(2, 0, 64L * 10, 0, 1, 64, 1, 10, 0);
        assertThat(a.data.length).as("huge array given back").isEqualTo(10);
        assertThat(a.parity.length).isZero();
        assertThat(a.blockM.length).isLessThanOrEqualTo(FrameAssembly.RETAIN_ENTRIES);

        a.begin(3, 0, 64L * 3000, 0, 1, 64, 1, 3000, 0);
        byte[][] kept = a.data;
        a.begin(4, 0, 64L * 5, 0, 1, 64, 1, 5, 0);
        assertThat(a.data).as("moderate array kept: no churn between IDR and P frames").isSameAs(kept);
        assertThat(a.received).hasSizeGreaterThanOrEqualTo(5);
        assertThat(a.heldBytes).isEqualTo(FrameAssembly.stateBytes(5, 1));
    }
}
