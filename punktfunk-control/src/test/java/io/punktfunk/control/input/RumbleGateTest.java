package io.punktfunk.control.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.control.message.Rumble;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's rumble rules stepped by hand: a fake clock, no sleeps. */
class RumbleGateTest {
    private static final long MS = 1_000_000L;
    private final List<String> motors = new ArrayList<>();
    private final RumbleGate gate = new RumbleGate((pad, low, high, lt, rt) ->
            motors.add(pad + ":" + low + "/" + high + (lt != 0 || rt != 0 ? " t" + lt + "/" + rt : "")));
    /** Starts near the wrap of the nano clock so deadline arithmetic must be wrap-safe. */
    private long now = Long.MAX_VALUE - 150 * MS;

    @Test
    void staleAndDuplicateSeqAreDropped() {
        assertThat(gate.offer(Rumble.of(1, 100, 200, 10, 100), now)).isTrue();
        assertThat(gate.offer(Rumble.of(1, 999, 999, 9, 100), now)).as("older").isFalse();
        assertThat(gate.offer(Rumble.of(1, 999, 999, 10, 100), now)).as("duplicate").isFalse();
        assertThat(gate.offer(Rumble.of(1, 300, 400, 11, 100), now)).isTrue();
        assertThat(gate.offer(Rumble.of(2, 5, 6, 3, 100), now)).as("other pads have their own seq").isTrue();
        assertThat(motors).containsExactly("1:100/200", "1:300/400", "2:5/6");
        assertThat(gate.staleDropped()).isEqualTo(2);
    }

    @Test
    void seqWrapsAroundU8() {
        assertThat(gate.offer(Rumble.of(0, 1, 1, 254, 100), now)).isTrue();
        assertThat(gate.offer(Rumble.of(0, 2, 2, 255, 100), now)).isTrue();
        assertThat(gate.offer(Rumble.of(0, 3, 3, 0, 100), now)).as("255 -> 0 is newer").isTrue();
        assertThat(gate.offer(Rumble.of(0, 4, 4, 1, 100), now)).isTrue();
        assertThat(gate.offer(Rumble.of(0, 9, 9, 255, 100), now)).as("255 after 1 is stale").isFalse();
        assertThat(gate.offer(Rumble.of(0, 5, 5, 1 + 127, 100), now)).as("127 ahead is newer").isTrue();
        assertThat(gate.offer(Rumble.of(0, 9, 9, 1, 100), now)).as("128 apart counts as older").isFalse();
    }

    @Test
    void levelHoldsUntilItsTtlThenThePadIsSilenced() {
        gate.offer(Rumble.of(4, 1000, 2000, 0, 100), now);
        assertThat(gate.nextDeadlineNs()).isEqualTo(now + 100 * MS);
        now += 99 * MS;
        assertThat(gate.expire(now)).isZero();
        assertThat(gate.running(4)).isTrue();
        now += MS;
        assertThat(gate.expire(now)).isOne();
        assertThat(motors).containsExactly("4:1000/2000", "4:0/0");
        assertThat(gate.running(4)).isFalse();
        assertThat(gate.anyRunning()).isFalse();
        assertThat(gate.expire(now + 1000 * MS)).as("silenced once").isZero();
    }

    @Test
    void refreshesExtendTheLevelAndAStopEndsItAtOnce() {
        gate.offer(Rumble.of(0, 10, 10, 1, 100), now);
        for (int i = 2; i < 6; i++) {
            now += 60 * MS;
            assertThat(gate.expire(now)).isZero();
            gate.offer(Rumble.of(0, 10 * i, 10, i, 100), now);
        }
        assertThat(gate.running(0)).isTrue();
        gate.offer(Rumble.of(0, 0, 0, 6, 100), now);
        assertThat(gate.running(0)).isFalse();
        assertThat(gate.expire(now + 500 * MS)).as("nothing left to expire").isZero();
        assertThat(motors).endsWith("0:50/10", "0:0/0").hasSize(6);
        assertThat(gate.expiredCount()).isZero();
    }

    @Test
    void earliestDeadlineAcrossPadsAndStopAll() {
        gate.offer(Rumble.of(3, 1, 1, 0, 300), now);
        gate.offer(Rumble.of(7, 1, 1, 0, 50), now);
        gate.offer(new Rumble(9, 0, 0, 0, 40, 500, 0, 3), now); // trigger motor only: still running
        assertThat(gate.nextDeadlineNs()).isEqualTo(now + 40 * MS);
        now += 60 * MS;
        assertThat(gate.expire(now)).isEqualTo(2);
        assertThat(gate.nextDeadlineNs()).isEqualTo(now - 60 * MS + 300 * MS);
        gate.stopAll();
        assertThat(gate.anyRunning()).isFalse();
        assertThat(motors).containsExactly("3:1/1", "7:1/1", "9:0/0 t500/0", "7:0/0", "9:0/0", "3:0/0");
    }

    @Test
    void expiryResetsTheGateSoANewRunIsNotMistakenForStale() {
        gate.offer(Rumble.of(0, 1, 1, 200, 10), now);
        now += 20 * MS;
        gate.expire(now);
        assertThat(gate.offer(Rumble.of(0, 2, 2, 50, 10), now)).as("after a lapse any seq starts a new run").isTrue();
    }

    @Test
    void v1WithoutSeqIsAlwaysAppliedWithTheDefaultTtl() {
        Rumble v1 = new Rumble(0, 7, 8, Rumble.NO_SEQ, 0, 0, 0, 1);
        assertThat(gate.offer(v1, now)).isTrue();
        assertThat(gate.offer(v1, now)).isTrue();
        assertThat(gate.nextDeadlineNs()).isEqualTo(now + Rumble.DEFAULT_TTL_MS * MS);
    }
}
