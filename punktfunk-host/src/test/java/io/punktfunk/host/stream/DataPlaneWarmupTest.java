package io.punktfunk.host.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.frame.FecConfig;
import org.junit.jupiter.api.Test;

class DataPlaneWarmupTest {

    @Test
    void framesGoThroughTheWholeDataPlaneDespiteTheInjectedLoss() {
        int delivered = DataPlaneWarmup.run(FecConfig.defaults(), 1408);
        // 2 % loss against 10 % parity: FEC repairs nearly all; a few may still be lost
        assertThat(delivered).isGreaterThan(DataPlaneWarmup.FRAMES * 9 / 10)
                .isLessThanOrEqualTo(DataPlaneWarmup.FRAMES);
    }
}
