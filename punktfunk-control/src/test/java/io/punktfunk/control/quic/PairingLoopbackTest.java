package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.pairing.KnownHostStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PIN ceremony over real QUIC: pairing admits the client, failures are refused with codes. */
class PairingLoopbackTest {
    @TempDir
    Path tmp;

    private static int refusalCode(Throwable t) {
        Throwable c = t instanceof ExecutionException ? t.getCause() : t;
        assertThat(c).isInstanceOf(ControlException.class);
        return ((ControlException) c).code();
    }

    @Test
    void rightPinPairsThenReconnectWithPinnedIdentityOpensASession() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            lo.host.pairingWindow().arm(Loopback.PIN, TimeUnit.MINUTES.toNanos(5));
            ControlClient alice = lo.client("alice");

            ControlConnection first = alice.connect(lo.address(), null).get(10, TimeUnit.SECONDS);
            Fingerprint host = first.pair(Loopback.PIN, "alice").get(10, TimeUnit.SECONDS);
            assertThat(host).isEqualTo(lo.host.fingerprint());
            assertThat(lo.host.pairedClients().isPaired(alice.identity().fingerprint())).isTrue();
            KnownHostStore known = KnownHostStore.load(lo.clientDir);
            known.pin("127.0.0.1:" + lo.address().getPort(), host);
            first.quit("paired").get(20, TimeUnit.SECONDS);

            // a fresh process: identity from disk, host pin from the known-hosts file
            ControlClient again = new ControlClient(io.punktfunk.control.identity.Identity.load(lo.clientDir.resolve("alice"),
                    io.punktfunk.control.identity.Identity.CLIENT_FILES), QuicSettings.defaults());
            try {
                Fingerprint pinned = KnownHostStore.load(lo.clientDir).lookup("127.0.0.1:" + lo.address().getPort()).orElseThrow();
                ControlConnection conn = again.connect(lo.address(), pinned).get(10, TimeUnit.SECONDS);
                ClientControlSession s = conn.open(Loopback.hello("alice"), 50000, new ClientControlSessionListener() { })
                        .get(10, TimeUnit.SECONDS);
                assertThat(lo.awaitHostEvent("started", Duration.ofSeconds(5))).isEqualTo("started alice");
                assertThat(s.parameters().clientFingerprint()).isEqualTo(alice.identity().fingerprint());
                s.close("bye").get(20, TimeUnit.SECONDS);
            } finally {
                again.close();
            }
        }
    }

    @Test
    void wrongPinIsDeniedThenRateLimitedThenRightPinWorksAfterBackoff() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            lo.host.pairingWindow().arm(Loopback.PIN, TimeUnit.MINUTES.toNanos(5));
            ControlClient mallory = lo.client("mallory");
            ControlConnection c1 = mallory.connect(lo.address(), null).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c1.pair("000000", "mallory").get(10, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(refusalCode(t)).isEqualTo(CloseCode.DENIED.code()))
                    .hasMessageContaining("wrong PIN");
            assertThat(c1.closed().get(20, TimeUnit.SECONDS)).isEqualTo(CloseCode.DENIED.code());

            ControlConnection c2 = mallory.connect(lo.address(), null).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c2.pair(Loopback.PIN, "mallory").get(10, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(refusalCode(t)).isEqualTo(CloseCode.RATE_LIMITED.code()));
            assertThat(lo.host.pairedClients().list()).isEmpty();

            Thread.sleep(2100); // the back-off after one failure is 2 s in this fixture
            ControlConnection c3 = mallory.connect(lo.address(), null).get(10, TimeUnit.SECONDS);
            assertThat(c3.pair(Loopback.PIN, "mallory").get(10, TimeUnit.SECONDS)).isEqualTo(lo.host.fingerprint());
        }
    }

    @Test
    void pinIsSingleUse() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            lo.host.pairingWindow().arm(Loopback.PIN, TimeUnit.MINUTES.toNanos(5));
            lo.client("alice").connect(lo.address(), null).get(10, TimeUnit.SECONDS)
                    .pair(Loopback.PIN, "alice").get(10, TimeUnit.SECONDS);
            ControlConnection bob = lo.client("bob").connect(lo.address(), null).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> bob.pair(Loopback.PIN, "bob").get(10, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(refusalCode(t)).isEqualTo(CloseCode.PAIRING_NOT_ARMED.code()));
            assertThat(lo.host.pairedClients().list()).hasSize(1);
        }
    }

    @Test
    void unpairedClientIsRefusedWithAReason() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ControlConnection conn = lo.client("stranger").connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> conn.open(Loopback.hello("stranger"), 0, new ClientControlSessionListener() { }).get(10, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(refusalCode(t)).isEqualTo(CloseCode.IDENTITY_REQUIRED.code()))
                    .hasMessageContaining("not paired");
            assertThat(lo.host.sessions()).isEmpty();
        }
    }
}
