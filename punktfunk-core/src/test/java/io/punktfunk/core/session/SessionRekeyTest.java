package io.punktfunk.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.transport.ImpairedTransport;
import io.punktfunk.core.transport.ImpairmentConfig;
import io.punktfunk.core.transport.LoopbackTransport;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sessions that change keys every few packets lose no frame across the switches. */
class SessionRekeyTest {

    @ParameterizedTest
    @ValueSource(longs = {20, 50, 300})
    void aSessionRekeyingEveryFewPacketsDeliversEveryFrame(long interval) {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        try (HostMediaSession host = HostMediaSession.over(pair.left(),
                SessionTest.config(keys, 10).rekeyIntervalPackets(interval).name("rk-host"));
             ClientMediaSession client = ClientMediaSession.over(pair.right(),
                     SessionTest.config(keys, 10).name("rk-client"))) {
            int frames = 60;
            SessionTest.roundTrip(host, client, 11 + interval, frames);
            SessionTest.settle(host, client);
            SessionStats h = host.stats();
            SessionStats c = client.stats();
            long packets = h.packetsSent();
            assertThat(h.keyUpdates()).as("sender epochs").isEqualTo((packets - 1) / interval);
            assertThat(h.keyUpdates()).as("many switches").isGreaterThanOrEqualTo(interval == 300 ? 5 : 40);
            assertThat(c.keyUpdates()).as("the client followed every one").isEqualTo(h.keyUpdates());
            assertThat(c.framesCompleted()).isEqualTo(frames);
            assertThat(c.framesLost()).isZero();
            assertThat(c.packetsDropped()).isZero();
            SessionTest.assertBalanced(c);
        }
    }

    @Test
    void lossAndDuplicatesAcrossKeyUpdatesAreHandledAsBefore() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        ImpairedTransport impaired = new ImpairedTransport(pair.left(),
                new ImpairmentConfig().seed(5).lossRate(0.01).duplicateRate(0.02));
        try (HostMediaSession host = HostMediaSession.over(impaired,
                SessionTest.config(keys, 10).rekeyIntervalPackets(40).name("rk-host"));
             ClientMediaSession client = ClientMediaSession.over(pair.right(),
                     SessionTest.config(keys, 10).name("rk-client"))) {
            SessionTest.roundTrip(host, client, 99, 60);
            SessionStats c = client.stats();
            assertThat(host.stats().keyUpdates()).isGreaterThan(50);
            assertThat(c.keyUpdates()).isGreaterThan(50);
            assertThat(c.fecRecoveredShards()).isPositive();
            assertThat(c.framesLost()).isZero();
            assertThat(c.dropKeyEpoch()).as("duplicates of the previous epoch fall inside the overlap").isZero();
        }
    }
}
