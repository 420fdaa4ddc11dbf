package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.IntVector;
import org.junit.jupiter.api.Test;

/**
 * The locator code's vector width follows the CPU. The forced-width surefire executions set
 * {@code punktfunk.test.intLanes} (4, or 0 for scalar) so a flag that stopped narrowing the JVM's
 * vectors would fail here instead of silently testing the default width twice.
 */
class IntLanesTest {

    @Test
    void speciesFollowsThePreferredWidthCappedAt16Lanes() {
        assertThat(IntLanes.forBits(2048).length()).isEqualTo(16);
        assertThat(IntLanes.forBits(512).length()).isEqualTo(16);
        assertThat(IntLanes.forBits(256).length()).isEqualTo(8);
        assertThat(IntLanes.forBits(128).length()).isEqualTo(4);
        int preferred = IntVector.SPECIES_PREFERRED.vectorBitSize();
        assertThat(IntLanes.VECTORIZED).isEqualTo(preferred >= 128);
        if (IntLanes.VECTORIZED) {
            assertThat(IntLanes.COUNT).isEqualTo(Math.min(16, IntVector.SPECIES_PREFERRED.length()));
        }
        assertThat(IntLanes.COUNT).isEqualTo(1 << IntLanes.LOG2);
    }

    @Test
    void forcedWidthTookEffect() {
        String expected = System.getProperty("punktfunk.test.intLanes");
        if (expected == null) {
            return; // default execution: the width is whatever this CPU prefers
        }
        int lanes = Integer.parseInt(expected);
        assertThat(IntLanes.VECTORIZED ? IntLanes.COUNT : 0).as("int lanes in this JVM").isEqualTo(lanes);
    }
}
