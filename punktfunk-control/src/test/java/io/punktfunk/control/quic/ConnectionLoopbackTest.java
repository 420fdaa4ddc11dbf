package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.SelfSignedCertificates;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pinned TLS over real QUIC on loopback: the client pins the host, the host sees the client's certificate. */
class ConnectionLoopbackTest {
    @TempDir
    Path tmp;

    @Test
    void pinnedConnectSucceedsAndBothSidesSeeTheRightFingerprints() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ControlClient client = lo.client("alice");
            ControlConnection conn = client.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            assertThat(conn.hostFingerprint()).isEqualTo(lo.hostIdentity.fingerprint());
            assertThat(conn.quicChannel().sslEngine().getApplicationProtocol()).isEqualTo("pkf1");
            assertThat(conn.quicChannel().sslEngine().getSession().getProtocol()).isEqualTo("TLSv1.3");
            conn.quit("done").get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void hostFingerprintMismatchIsRefusedBeforeAnythingIsSent() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            Fingerprint someoneElse = SelfSignedCertificates.generate("other").fingerprint();
            assertThatThrownBy(() -> lo.client("alice").connect(lo.address(), someoneElse).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ControlException.class)
                    .hasMessageContaining("pinned").hasMessageContaining(lo.host.fingerprint().hex());
            assertThat(lo.hostEvents).isEmpty();
        }
    }
}
