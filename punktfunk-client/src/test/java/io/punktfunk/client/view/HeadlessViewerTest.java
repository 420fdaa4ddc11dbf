package io.punktfunk.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In a headless JVM (this test class runs in a JVM of its own) the viewer refuses to open with a
 * message that says why, so a caller can fall back to headless mode.
 */
class HeadlessViewerTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void openingReportsTheHeadlessJvm() {
        assertThat(DisplayCheck.unavailableReason()).hasValueSatisfying(r -> assertThat(r).contains("headless"));
        assertThatThrownBy(() -> ViewerWindow.open("x", 640, 360, false, InputSink.NONE, () -> { }))
                .isInstanceOf(ViewerUnavailableException.class)
                .hasMessageContaining("java.awt.headless=true");
    }

    @Test
    void reasonsNameTheCause() {
        assertThat(DisplayCheck.headlessReason(null, null, null)).contains("DISPLAY is not set");
        assertThat(DisplayCheck.headlessReason(null, "", "wayland-0")).contains("WAYLAND_DISPLAY");
        assertThat(DisplayCheck.headlessReason("false", ":0", null)).contains("DISPLAY=:0");
        assertThat(DisplayCheck.headlessReason("TRUE", ":0", null)).contains("-Djava.awt.headless=true");
    }
}
