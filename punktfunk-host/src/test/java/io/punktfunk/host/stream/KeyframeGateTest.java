package io.punktfunk.host.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyframeGateTest {
    private static final long MS = 1_000_000L;

    @Test
    void noRequestNoIdr() {
        KeyframeGate g = new KeyframeGate(100 * MS);
        assertThat(g.take(0)).isFalse();
        assertThat(g.take(500 * MS)).isFalse();
    }

    @Test
    void aRequestIsServedOnceAtTheNextPicture() {
        KeyframeGate g = new KeyframeGate(100 * MS);
        g.request();
        assertThat(g.take(5 * MS)).isTrue();
        assertThat(g.take(6 * MS)).isFalse();
        assertThat(g.served()).isEqualTo(1);
    }

    @Test
    void requestsInsideTheCooldownShareOneIdrServedWhenItEnds() {
        KeyframeGate g = new KeyframeGate(100 * MS);
        g.idrSent(0); // the stream's first IDR
        g.request();
        g.request();
        g.request();
        assertThat(g.take(50 * MS)).as("still cooling down").isFalse();
        assertThat(g.take(99 * MS)).isFalse();
        assertThat(g.take(100 * MS)).as("pending request served after the cool-down").isTrue();
        assertThat(g.take(101 * MS)).as("three requests, one IDR").isFalse();
        assertThat(g.requests()).isEqualTo(3);
        assertThat(g.served()).isEqualTo(1);
    }

    @Test
    void aReaskSoonAfterAnIdrDoublesTheCooldownAndAQuietSecondResetsIt() {
        KeyframeGate g = new KeyframeGate(100 * MS);
        g.idrSent(0);
        g.request();
        assertThat(g.take(150 * MS)).isTrue(); // 150 ms after an IDR: that one was lost
        assertThat(g.lastWasReask()).isTrue();
        assertThat(g.intervalNs()).isEqualTo(200 * MS);
        g.request();
        assertThat(g.take(300 * MS)).as("inside the doubled cool-down").isFalse();
        assertThat(g.take(350 * MS)).isTrue();
        assertThat(g.intervalNs()).isEqualTo(400 * MS);
        g.request();
        assertThat(g.take(749 * MS)).isFalse();
        assertThat(g.take(750 * MS)).isTrue();
        assertThat(g.intervalNs()).as("capped").isEqualTo(400 * MS);
        g.request();
        assertThat(g.take(2_000 * MS)).as("a quiet second later: the old cool-down").isTrue();
        assertThat(g.lastWasReask()).isFalse();
        assertThat(g.intervalNs()).isEqualTo(100 * MS);
    }
}
