package io.punktfunk.control.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.message.CloseCode;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The wrong-PIN budget on a hand-driven clock: a year of guessing at full rate, per-source fairness, bounded memory. */
class PairingBudgetTest {
    private final AtomicLong now = new AtomicLong(123_456_789L);
    private final PairingBudget.Limits limits = PairingBudget.Limits.defaults();
    private final PairingBudget budget = new PairingBudget(limits, now::get);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private boolean guess(InetAddress from) {
        try {
            budget.checkAllowed(from);
        } catch (PairingFailure f) {
            assertThat(f.code()).isEqualTo(CloseCode.RATE_LIMITED);
            return false;
        }
        budget.charge(from);
        return true;
    }

    @Test
    void aYearOfGuessingFromEverywhereAtFullRateStaysWithinTheBudget() throws Exception {
        // an attacker with a fresh address for every guess, trying once a minute (60x the refill rate) for a year
        long year = TimeUnit.DAYS.toNanos(365);
        long taken = 0;
        int host = 0;
        for (long t = 0; t < year; t += TimeUnit.MINUTES.toNanos(1)) {
            now.set(123_456_789L + t);
            host++;
            if (guess(InetAddress.getByAddress(new byte[] {10, (byte) (host >> 16), (byte) (host >> 8), (byte) host}))) {
                taken++;
            }
        }
        assertThat(taken).isLessThanOrEqualTo(limits.maxGuesses(year)).isGreaterThan(limits.maxGuesses(year) - 10);
        assertThat(limits.maxGuesses(year)).isEqualTo(10 + 8760);
        // a 6-digit PIN: at most 8,770 of 10^6 candidates, under 0.9 %
        assertThat(limits.maxGuesses(year) / 1e6).isLessThan(0.009);
    }

    @Test
    void oneSourceGetsItsBurstThenWaitsWhileOthersStillMayTry() throws Exception {
        InetAddress mallory = ip("192.168.1.66");
        for (int i = 0; i < limits.perSourceBurst(); i++) {
            assertThat(guess(mallory)).isTrue();
        }
        assertThatThrownBy(() -> budget.checkAllowed(mallory)).isInstanceOf(PairingFailure.class)
                .hasMessageContaining("too many wrong PINs from 192.168.1.66").hasMessageContaining("retry in 360 min");
        assertThat(guess(ip("192.168.1.10"))).as("someone else").isTrue();
        now.addAndGet(limits.perSourceRefillNs());
        assertThat(guess(mallory)).as("one token back after the refill time").isTrue();
        assertThat(guess(mallory)).isFalse();
    }

    @Test
    void anIpv6SourceIsItsWholeSlash64() throws Exception {
        for (int i = 0; i < limits.perSourceBurst(); i++) {
            assertThat(guess(ip("2001:db8:1:2::" + Integer.toHexString(i + 1)))).isTrue();
        }
        assertThat(guess(ip("2001:db8:1:2:ffff::9"))).as("same /64, new address").isFalse();
        assertThat(guess(ip("2001:db8:1:3::1"))).as("another /64").isTrue();
    }

    @Test
    void theHostWideBudgetRunsOutAndNamesTheWait() throws Exception {
        for (int i = 0; i < limits.globalBurst(); i++) {
            assertThat(guess(ip("10.0.0." + (i + 1)))).isTrue();
        }
        assertThatThrownBy(() -> budget.checkAllowed(ip("10.0.1.1"))).isInstanceOf(PairingFailure.class)
                .hasMessageContaining("budget of wrong PINs is used up").hasMessageContaining("retry in 60 min");
        assertThat(budget.refused()).isEqualTo(1);
    }

    @Test
    void trackedSourcesAreBoundedAndUntrackedOnesShareABucket() throws Exception {
        PairingBudget small = new PairingBudget(new PairingBudget.Limits(1_000_000, 1, 2, TimeUnit.HOURS.toNanos(1), 4), now::get);
        for (int i = 0; i < 4; i++) {
            small.charge(ip("10.0.0." + (i + 1)));
        }
        small.charge(ip("10.0.0.100"));
        small.charge(ip("10.0.0.101"));
        assertThatThrownBy(() -> small.checkAllowed(ip("10.0.0.100"))).isInstanceOf(PairingFailure.class)
                .as("sources beyond the table share the overflow bucket, which is now empty");
    }
}
