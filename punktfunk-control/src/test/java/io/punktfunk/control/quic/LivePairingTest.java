package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.pairing.PairingRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running host follows its config dir: an unpair made by another process ends the client's live
 * session at once, a pairing made elsewhere admits the client, and {@code host pair-arm}'s request
 * file opens one pairing window that closes after one pairing.
 */
class LivePairingTest {
    @TempDir
    Path tmp;

    private static int code(Throwable t) {
        Throwable c = t instanceof ExecutionException ? t.getCause() : t;
        return ((ControlException) c).code();
    }

    @Test
    void anUnpairInAnotherProcessEndsTheLiveSessionAtOnce() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ControlClient c = lo.client("laptop");
            Fingerprint fp = c.identity().fingerprint();
            lo.host.pairedClients().add(fp, "laptop");
            ClientControlSession s = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS)
                    .open(Loopback.hello("laptop"), 50000, new ClientControlSessionListener() { }).get(10, TimeUnit.SECONDS);

            PairedClientStore.load(lo.hostDir).remove(fp.hex().substring(0, 12)); // what `host unpair` does
            // no reconnect, no restart: the running host's watcher ends the session (idle timeout would be 0x76)
            assertThat(s.closed().get(20, TimeUnit.SECONDS)).isEqualTo(CloseCode.IDENTITY_REQUIRED.code());
            assertThat(lo.awaitHostEvent("ended", Duration.ofSeconds(5))).contains("unpaired on the host");

            ControlConnection again = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> again.open(Loopback.hello("laptop"), 0, new ClientControlSessionListener() { })
                    .get(10, TimeUnit.SECONDS)).satisfies(t -> assertThat(code(t)).isEqualTo(CloseCode.IDENTITY_REQUIRED.code()));
        }
    }

    @Test
    void aPairingStoredByAnotherProcessAdmitsTheClient() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ControlClient c = lo.client("deck");
            PairedClientStore.load(lo.hostDir).add(c.identity().fingerprint(), "deck");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (!lo.host.pairedClients().isPaired(c.identity().fingerprint()) && System.nanoTime() < deadline) {
                Thread.sleep(20); // the watcher's reload, not a fixed wait
            }
            ClientControlSession s = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS)
                    .open(Loopback.hello("deck"), 50000, new ClientControlSessionListener() { }).get(10, TimeUnit.SECONDS);
            assertThat(s.parameters().clientFingerprint()).isEqualTo(c.identity().fingerprint());
        }
    }

    @Test
    void pairArmRequestOpensOneWindowThatClosesAfterOnePairing() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            assertThat(lo.host.pairingWindow().isArmed()).as("no pairing unless asked").isFalse();
            var request = PairingRequests.write(lo.hostDir, Duration.ofSeconds(60), 6);
            var answer = PairingRequests.await(lo.hostDir, request, Duration.ofSeconds(5)).orElseThrow();
            assertThat(answer.pin()).matches("\\d{6}");
            assertThat(lo.notices.poll(5, TimeUnit.SECONDS)).startsWith("pairing PIN " + answer.pin());
            assertThat(Files.exists(lo.hostDir.resolve(PairingRequests.REQUEST_FILE))).isFalse();

            ControlClient alice = lo.client("alice");
            alice.connect(lo.address(), null).get(10, TimeUnit.SECONDS).pair(answer.pin(), "alice").get(10, TimeUnit.SECONDS);
            assertThat(lo.notices.poll(5, TimeUnit.SECONDS)).isEqualTo("pairing window closed: a client paired");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (Files.exists(lo.hostDir.resolve(PairingRequests.PIN_FILE)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.exists(lo.hostDir.resolve(PairingRequests.PIN_FILE))).as("PIN withdrawn").isFalse();

            ControlConnection bob = lo.client("bob").connect(lo.address(), null).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> bob.pair(answer.pin(), "bob").get(10, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(code(t)).isEqualTo(CloseCode.PAIRING_NOT_ARMED.code()));
            Thread.sleep(HostFilesWatcher.POLL_MS * 3);
            assertThat(lo.host.pairingWindow().isArmed()).as("no automatic re-arm").isFalse();
        }
    }

    @Test
    void aStaleRequestDoesNotArmAHostStartedLater() throws Exception {
        Path hostDir = tmp.resolve("host");
        Files.createDirectories(hostDir);
        Files.writeString(hostDir.resolve(PairingRequests.REQUEST_FILE), "abc\t60\t6\t2020-01-01T00:00:00Z\n");
        try (Loopback lo = new Loopback(tmp)) {
            Thread.sleep(HostFilesWatcher.POLL_MS * 2);
            assertThat(lo.host.pairingWindow().isArmed()).isFalse();
            assertThat(Files.exists(hostDir.resolve(PairingRequests.REQUEST_FILE))).isFalse();
        }
    }

    @Test
    void aWindowExpiresOnItsOwnAndIsNotReopened() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            lo.host.armPairing(6, Duration.ofMillis(300), "test");
            assertThat(lo.notices.poll(5, TimeUnit.SECONDS)).startsWith("pairing PIN ");
            assertThat(lo.notices.poll(5, TimeUnit.SECONDS)).isEqualTo("pairing window closed: expired");
            assertThat(lo.host.pairingWindow().isArmed()).isFalse();
        }
    }
}
