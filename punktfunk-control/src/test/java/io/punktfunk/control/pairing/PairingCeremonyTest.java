package io.punktfunk.control.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.SelfSignedCertificates;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage.PairChallenge;
import io.punktfunk.control.message.ControlMessage.PairResult;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The PIN ceremony state machines without a network: right/wrong PIN, single use, expiry, back-off, relay. */
class PairingCeremonyTest {
    private final Fingerprint client = SelfSignedCertificates.generate("client").fingerprint();
    private final Fingerprint host = SelfSignedCertificates.generate("host").fingerprint();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final PairingWindow window = new PairingWindow(now::get);
    private final PairingRateLimiter limiter = new PairingRateLimiter(1_000_000_000L, 60_000_000_000L, now::get);

    private void run(String clientPin, Fingerprint clientSeen, Fingerprint hostSeenByClient, Fingerprint clientSeenByHost)
            throws PairingFailure {
        ClientPairingCeremony c = new ClientPairingCeremony(clientPin, "test", clientSeen, hostSeenByClient);
        HostPairingCeremony h = new HostPairingCeremony(window, limiter, clientSeenByHost, host);
        PairChallenge ch = h.onRequest(c.request());
        PairResult r = h.onProof(c.onChallenge(ch));
        c.onResult(r);
    }

    @Test
    void rightPinPairsOnceThenIsBurnt() throws Exception {
        window.arm("4821", 60_000_000_000L);
        run("4821", client, host, client);
        assertThat(window.isArmed()).isFalse();
        assertThatThrownBy(() -> run("4821", client, host, client))
                .isInstanceOfSatisfying(PairingFailure.class, f -> assertThat(f.code()).isEqualTo(CloseCode.PAIRING_NOT_ARMED));
    }

    @Test
    void wrongPinIsDeniedThenRateLimitedThenAllowedAfterBackoff() throws Exception {
        window.arm("4821", 600_000_000_000L);
        assertThatThrownBy(() -> run("1111", client, host, client))
                .isInstanceOfSatisfying(PairingFailure.class, f -> assertThat(f.code()).isEqualTo(CloseCode.DENIED));
        assertThatThrownBy(() -> run("4821", client, host, client))
                .isInstanceOfSatisfying(PairingFailure.class, f -> assertThat(f.code()).isEqualTo(CloseCode.RATE_LIMITED));
        now.addAndGet(1_000_000_001L);
        run("4821", client, host, client);
    }

    @Test
    void backoffDoublesAndPinBurnsAfterThreeFailures() {
        window.arm("4821", 600_000_000_000L);
        for (int i = 0; i < PairingWindow.MAX_FAILURES_PER_PIN; i++) {
            assertThatThrownBy(() -> run("0000", client, host, client)).isInstanceOf(PairingFailure.class);
            now.addAndGet(10_000_000_000L); // past any back-off so far (1 s, 2 s, 4 s)
        }
        assertThatThrownBy(() -> run("4821", client, host, client))
                .isInstanceOfSatisfying(PairingFailure.class, f -> assertThat(f.code()).isEqualTo(CloseCode.PAIRING_NOT_ARMED));
    }

    @Test
    void expiredPinIsNotArmed() {
        window.arm("4821", 5_000_000_000L);
        now.addAndGet(5_000_000_000L);
        assertThatThrownBy(() -> run("4821", client, host, client))
                .isInstanceOfSatisfying(PairingFailure.class, f -> assertThat(f.code()).isEqualTo(CloseCode.PAIRING_NOT_ARMED));
    }

    @Test
    void relayWithItsOwnCertificatesCannotComplete() {
        // The relay terminates TLS on both legs: the client sees the relay's host cert, the host sees
        // the relay's client cert. It forwards every message unchanged and knows the right PIN is typed.
        Fingerprint relayHost = SelfSignedCertificates.generate("relay-host").fingerprint();
        Fingerprint relayClient = SelfSignedCertificates.generate("relay-client").fingerprint();
        window.arm("4821", 60_000_000_000L);
        assertThatThrownBy(() -> run("4821", client, relayHost, relayClient))
                .isInstanceOfSatisfying(PairingFailure.class, f -> assertThat(f.code()).isEqualTo(CloseCode.DENIED));
    }

    @Test
    void hostWithoutThePinFailsTheClientsCheck() throws Exception {
        window.arm("4821", 60_000_000_000L);
        ClientPairingCeremony c = new ClientPairingCeremony("4821", "test", client, host);
        HostPairingCeremony h = new HostPairingCeremony(window, limiter, client, host);
        h.onRequest(c.request());
        c.onChallenge(new PairChallenge(new Spake2(Spake2.Role.B, java.math.BigInteger.TWO, client.bytes(), host.bytes(),
                PairingTranscript.AAD).share()));
        assertThatThrownBy(() -> c.onResult(new PairResult(true, new byte[32])))
                .isInstanceOfSatisfying(PairingFailure.class, f -> assertThat(f.code()).isEqualTo(CloseCode.DENIED));
    }

    @Test
    void oneCeremonyAtATimeSoOnePinCannotPairTwoDevices() throws Exception {
        Fingerprint other = SelfSignedCertificates.generate("other").fingerprint();
        window.arm("4821", 60_000_000_000L);
        ClientPairingCeremony c1 = new ClientPairingCeremony("4821", "one", client, host);
        HostPairingCeremony h1 = new HostPairingCeremony(window, limiter, client, host);
        PairChallenge ch1 = h1.onRequest(c1.request());
        ClientPairingCeremony c2 = new ClientPairingCeremony("4821", "two", other, host);
        assertThatThrownBy(() -> new HostPairingCeremony(window, limiter, other, host).onRequest(c2.request()))
                .isInstanceOfSatisfying(PairingFailure.class, f -> assertThat(f.code()).isEqualTo(CloseCode.RATE_LIMITED));
        c1.onResult(h1.onProof(c1.onChallenge(ch1)));
        assertThatThrownBy(() -> new HostPairingCeremony(window, limiter, other, host).onRequest(c2.request()))
                .isInstanceOfSatisfying(PairingFailure.class, f -> assertThat(f.code()).isEqualTo(CloseCode.PAIRING_NOT_ARMED));
    }

    @Test
    void stalledOrAbandonedCeremonyGivesTheSlotBack() throws Exception {
        window.arm("4821", 600_000_000_000L);
        HostPairingCeremony stalled = new HostPairingCeremony(window, limiter, client, host);
        stalled.onRequest(new ClientPairingCeremony("4821", "x", client, host).request());
        now.addAndGet(PairingWindow.CEREMONY_SLOT_NS);
        HostPairingCeremony next = new HostPairingCeremony(window, limiter, client, host);
        next.onRequest(new ClientPairingCeremony("4821", "x", client, host).request());
        next.abandon();
        run("4821", client, host, client);
    }
}
