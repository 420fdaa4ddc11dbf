package io.punktfunk.host.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.handshake.Mode;
import org.junit.jupiter.api.Test;

class HostCapacityTest {
    private static final Mode HD60 = new Mode(1280, 720, 60);

    @Test
    void twoCoresAdmitFour720p60SessionsAndRefuseTheFifthWithTheFigures() {
        HostCapacity c = HostCapacity.forCores(2);
        for (long id = 1; id <= 4; id++) {
            assertThat(c.admit(id, HD60)).as("session %d", id).isNull();
        }
        String refusal = c.admit(5, HD60);
        assertThat(refusal).startsWith("host at capacity: 4 sessions use 221.2 of 250.0 Mpx/s")
                .endsWith("1280x720@60 needs 55.3 more");
        assertThat(c.sessions()).isEqualTo(4);
        assertThat(c.used()).isEqualTo(4 * HostCapacity.pixelsPerSecond(HD60));
    }

    @Test
    void aReleasedSessionGivesItsPlaceBackAndARefusedOneHeldNone() {
        HostCapacity c = HostCapacity.ofPixelsPerSecond(2 * HostCapacity.pixelsPerSecond(HD60));
        assertThat(c.admit(1, HD60)).isNull();
        assertThat(c.admit(2, HD60)).isNull();
        assertThat(c.admit(3, HD60)).isNotNull();
        c.release(3); // refused: nothing to give back
        assertThat(c.sessions()).isEqualTo(2);
        c.release(1);
        assertThat(c.admit(4, HD60)).isNull();
        assertThat(c.used()).isEqualTo(2 * HostCapacity.pixelsPerSecond(HD60));
    }

    @Test
    void aLoneSessionIsAdmittedWhateverItAsksFor() {
        HostCapacity c = HostCapacity.forCores(1);
        Mode huge = new Mode(5120, 1440, 120);
        assertThat(c.admit(1, huge)).isNull();
        assertThat(c.admit(2, new Mode(640, 360, 30))).contains("1 session use");
    }

    @Test
    void aNewBudgetAppliesToTheNextSessionOnly() {
        HostCapacity c = HostCapacity.ofPixelsPerSecond(Long.MAX_VALUE);
        assertThat(c.admit(1, HD60)).isNull();
        assertThat(c.admit(2, HD60)).isNull();
        c.budget(HostCapacity.pixelsPerSecond(HD60));
        assertThat(c.sessions()).as("running sessions keep their place").isEqualTo(2);
        assertThat(c.admit(3, HD60)).contains("use 110.6 of 55.3 Mpx/s");
    }

    @Test
    void badBudgetsAreRefused() {
        assertThatThrownBy(() -> HostCapacity.ofPixelsPerSecond(0)).hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> HostCapacity.forCores(0)).hasMessageContaining("cores must be ≥ 1");
    }
}
