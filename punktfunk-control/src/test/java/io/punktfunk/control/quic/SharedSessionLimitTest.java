package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.message.CloseCode;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions another front door holds (GameStream) count against the host's session limit. */
class SharedSessionLimitTest {
    @TempDir
    Path tmp;

    @Test
    void aHelloIsBusyWhileAnotherFrontDoorHoldsTheLastSlot() throws Exception {
        AtomicInteger others = new AtomicInteger(1);
        try (Loopback lo = new Loopback(tmp, QuicSettings.defaults(), c -> c.withMaxSessions(1))) {
            lo.host.countOtherSessions(others::get);
            ControlClient c = lo.client("c");
            lo.host.pairedClients().add(c.identity().fingerprint(), "c");
            ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> conn.open(Loopback.hello("c"), 50000, new ClientControlSessionListener() { })
                    .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(((ControlException) e.getCause()).code()).isEqualTo(CloseCode.BUSY.code()));

            others.set(0); // the other front door's session ended: the slot is free for punktfunk/1 again
            ControlConnection again = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            ClientControlSession s = again.open(Loopback.hello("c"), 50000, new ClientControlSessionListener() { })
                    .get(10, TimeUnit.SECONDS);
            assertThat(s).isNotNull();
            assertThat(lo.host.reservedSessions()).isEqualTo(1);
        }
    }
}
