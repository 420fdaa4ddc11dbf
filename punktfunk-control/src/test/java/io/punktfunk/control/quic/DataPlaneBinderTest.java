package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.session.SessionParameters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ControlConnection.open(Hello, binder, listener)}: the data port comes from the Welcome-time binder. */
class DataPlaneBinderTest {
    @TempDir
    Path tmp;

    @Test
    void theBindersPortGoesIntoStartAndItSeesTheWelcomesKeys() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ControlClient c = lo.client("binder");
            lo.host.pairedClients().add(c.identity().fingerprint(), "binder");
            ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            AtomicReference<SessionParameters> seen = new AtomicReference<>();
            ClientControlSession s = conn.open(Loopback.hello("binder"), p -> {
                seen.set(p);
                return 52345;
            }, new ClientControlSessionListener() { }).get(10, TimeUnit.SECONDS);
            assertThat(lo.awaitHostEvent("started", Duration.ofSeconds(5))).isEqualTo("started binder");
            assertThat(seen.get().clientDataPort()).as("not known before the binder ran").isZero();
            assertThat(seen.get().mediaKeys()).isEqualTo(s.parameters().mediaKeys());
            assertThat(s.parameters().clientDataPort()).isEqualTo(52345);
            assertThat(lo.host.sessions()).singleElement()
                    .satisfies(h -> assertThat(h.parameters().clientDataPort()).isEqualTo(52345));
        }
    }

    @Test
    void aFailingBinderFailsTheOpenAndClosesWithSetupFailed() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ControlClient c = lo.client("broken");
            lo.host.pairedClients().add(c.identity().fingerprint(), "broken");
            ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> conn.open(Loopback.hello("broken"), p -> {
                throw new IllegalStateException("no socket for you");
            }, new ClientControlSessionListener() { }).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ControlException.class)
                    .hasMessageContaining("data plane setup failed: no socket for you");
            assertThat(conn.closed().get(10, TimeUnit.SECONDS)).isEqualTo(CloseCode.SETUP_FAILED.code());
            assertThat(lo.host.sessions()).isEmpty();
        }
    }
}
