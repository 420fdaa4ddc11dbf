package io.punktfunk.core.abr;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.abr.LinkSimulator.Outcome;
import io.punktfunk.core.abr.LinkSimulator.Scenario;
import io.punktfunk.core.abr.LinkSimulator.Schedule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The controller across simulated links. The table of outcomes is compared with the checked-in
 * baseline ({@code abr-baseline.txt}), so a controller change shows its effect in review; regenerate
 * it with {@code -Dabr.rebaseline=true} and commit the diff. The targets are asserted as well.
 */
class LinkSimulatorTest {
    static final long S = 1_000_000_000L;
    static final long M = 1_000_000L;

    static List<Scenario> scenarios() {
        return List.of(
                new Scenario("200M/5ms ask 400M", Schedule.constant(200 * M), 5, 400 * M, 0, 0, 0, 20 * S, 1),
                new Scenario("1G/5ms ask 2G", Schedule.constant(1000 * M), 5, 2000 * M, 0, 0, 0, 20 * S, 2),
                new Scenario("1G->100M@5s->1G@10s", new Schedule(new long[] {0, 5 * S, 10 * S},
                        new long[] {1000 * M, 100 * M, 1000 * M}), 5, 800 * M, 0, 0, 0, 20 * S, 3),
                new Scenario("200M/5ms 0.5% random", Schedule.constant(200 * M), 5, 400 * M, 0.005, 0, 0, 20 * S, 4),
                new Scenario("200M/5ms bursts", Schedule.constant(200 * M), 5, 400 * M, 0, 0.0005, 0.2, 20 * S, 5),
                new Scenario("50M/20ms ask 100M", Schedule.constant(50 * M), 20, 100 * M, 0, 0, 0, 20 * S, 6));
    }

    /**
     * Ramps that found no wall: the host offered only this share of the link (a cold or busy host),
     * so the controller must climb past what the ramp proved.
     */
    static List<Scenario> hostLimitedRamps() {
        return List.of(
                new Scenario("200M/5ms ask 400M, ramp host-limited at 60M", Schedule.constant(200 * M), 5, 400 * M,
                        0, 0, 0, 20 * S, 8),
                new Scenario("1G/5ms ask 2G, ramp host-limited at 300M", Schedule.constant(1000 * M), 5, 2000 * M,
                        0, 0, 0, 20 * S, 9));
    }

    static final long[] HOST_LIMITED_RAMP_BPS = {60 * M, 300 * M};

    static String table(List<Outcome> outcomes) {
        StringBuilder b = new StringBuilder(
                "| scenario | frames | lost | longest freeze ms | utilisation % | last 5 s % | follow ms | climb ms"
                        + " | final Mbps | IDRs |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.1f | %d | %d | %.1f | %d |%n",
                    o.name(), o.framesSent(), o.framesLost(), o.longestFreezeMs(), 100 * o.utilisation(),
                    100 * o.settledUtilisation(), o.followMs(), o.climbMs(), o.finalBitrateBps() / 1e6,
                    o.keyframes()));
        }
        return b.toString();
    }

    @Test
    void outcomesMatchTheBaselineTableAndMeetTheTargets() throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Scenario s : scenarios()) {
            // the ramp proves the link the stream starts on
            outcomes.add(LinkSimulator.run(s, s.link().rates()[0]));
        }
        List<Scenario> limited = hostLimitedRamps();
        for (int i = 0; i < limited.size(); i++) {
            outcomes.add(LinkSimulator.run(limited.get(i), HOST_LIMITED_RAMP_BPS[i], false));
        }
        String now = table(outcomes);
        if (Boolean.getBoolean("abr.rebaseline")) {
            Files.writeString(Path.of("src/test/resources/io/punktfunk/core/abr/abr-baseline.txt"), now);
        }
        String baseline;
        try (InputStream in = LinkSimulatorTest.class.getResourceAsStream("abr-baseline.txt")) {
            baseline = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(now).as("controller outcomes changed; if intended, rerun with -Dabr.rebaseline=true and commit")
                .isEqualTo(baseline);

        Outcome o200 = outcomes.get(0);
        assertThat(o200.framesLost()).as("200M clean link: no frame lost").isZero();
        assertThat(o200.longestFreezeMs()).isLessThan(100);
        Outcome o1g = outcomes.get(1);
        assertThat(o1g.settledUtilisation()).as("1G: settles at ≥ 80 % of the link").isGreaterThanOrEqualTo(0.8);
        assertThat(o1g.framesLost()).as("1G: nothing lost").isZero();
        Outcome step = outcomes.get(2);
        assertThat(step.followMs()).as("follows a drop within 1 s").isBetween(0L, 1000L);
        assertThat(step.longestFreezeMs()).as("no freeze over 500 ms").isLessThan(500);
        assertThat(step.climbMs()).as("climbs back within 10 s").isBetween(0L, 10_000L);
        for (int i = 0; i < limited.size(); i++) {
            Outcome o = outcomes.get(scenarios().size() + i);
            assertThat(o.finalBitrateBps()).as("%s: climbs past the host-limited ramp", o.name())
                    .isGreaterThan(HOST_LIMITED_RAMP_BPS[i]);
            assertThat(o.framesLost()).as("%s: at most one frame lost finding the wall", o.name()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void withoutTheRampTheControllerStillFindsTheLink() {
        Outcome o = LinkSimulator.run(new Scenario("no ramp 200M", Schedule.constant(200 * M), 5, 400 * M, 0, 0, 0,
                20 * S, 7), 0);
        assertThat(o.finalBitrateBps()).isBetween(50 * M, 200 * M);
    }
}
