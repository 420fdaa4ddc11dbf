package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.ByteVector;
import org.junit.jupiter.api.Test;

/** The FFT's layers-per-pass choice follows the CPU, and the surefire executions' override reaches it. */
class FftLayersModeTest {

    @Test
    void fusedLayersFollowTheOverrideElseTheVectorWidth() {
        String forced = System.getProperty("punktfunk.fec.fusedLayers");
        boolean expected = forced != null
                ? Boolean.parseBoolean(forced)
                : ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
        assertThat(AdditiveFft.FUSED).isEqualTo(expected);
    }
}
