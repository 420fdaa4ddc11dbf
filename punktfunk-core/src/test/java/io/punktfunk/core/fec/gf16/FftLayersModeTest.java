package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.ByteVector;
import org.junit.jupiter.api.Test;

/**
 * The kernel choice and the FFT's layers-per-pass choice follow the JVM's vector width, and the
 * surefire executions' overrides reach them.
 */
class FftLayersModeTest {

    @Test
    void kernelsFollowTheOverrideElseTheVectorWidth() {
        String forced = System.getProperty("punktfunk.fec.gf16Kernels");
        boolean expected = forced != null
                ? forced.equals("vector")
                : ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
        assertThat(Gf16KernelDispatch.VECTOR).isEqualTo(expected);
    }

    /** Set by the 128-bit surefire execution: there the automatic choice must be the scalar kernels. */
    @Test
    void a128BitJvmPicksTheScalarKernels() {
        if (Boolean.getBoolean("punktfunk.test.expectScalarGf16")) {
            assertThat(ByteVector.SPECIES_PREFERRED.vectorBitSize()).as("JVM vector bits").isEqualTo(128);
            assertThat(Gf16KernelDispatch.VECTOR).isFalse();
        }
    }

    @Test
    void fusedLayersFollowTheOverrideElseTheVectorWidthButNeverWithScalarKernels() {
        String forced = System.getProperty("punktfunk.fec.fusedLayers");
        boolean expected = Gf16KernelDispatch.VECTOR && (forced != null
                ? Boolean.parseBoolean(forced)
                : ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 512);
        assertThat(AdditiveFft.FUSED).isEqualTo(expected);
    }
}
