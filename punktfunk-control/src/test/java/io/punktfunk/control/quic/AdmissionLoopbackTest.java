package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.punktfunk.control.handshake.Hello;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admission over real QUIC: caps, the Hello deadline, nothing but Hello before authentication, slots at Hello. */
class AdmissionLoopbackTest {
    @TempDir
    Path tmp;
    private EventLoopGroup abusers;

    @BeforeEach
    void group() {
        abusers = QuicAbuser.newGroup(1);
    }

    @AfterEach
    void stop() {
        abusers.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private QuicAbuser.Conn established(QuicAbuser a, Loopback lo) throws Exception {
        CompletableFuture<QuicAbuser.Conn> up = new CompletableFuture<>();
        a.connect(lo.address(), up);
        return up.get(10, TimeUnit.SECONDS);
    }

    private static QuicAbuser.Ending ending(QuicAbuser.Conn c) throws Exception {
        return c.ending().get(10, TimeUnit.SECONDS);
    }

    @Test
    void keepaliveBeforeHelloClosesWithAReason() throws Exception {
        try (Loopback lo = new Loopback(tmp); QuicAbuser a = new QuicAbuser(InetAddress.getLoopbackAddress(), abusers)) {
            QuicAbuser.Conn c = established(a, lo);
            c.send(new ControlMessage.Keepalive());
            QuicAbuser.Ending e = ending(c);
            assertThat(e.application()).isTrue();
            assertThat(e.code()).isEqualTo(CloseCode.PROTOCOL_VIOLATION.code());
            assertThat(e.reason()).contains("keepalive before Hello");
            assertThat(lo.host.counters().closes(CloseCode.PROTOCOL_VIOLATION)).isEqualTo(1);
        }
    }

    @Test
    void aSilentConnectionIsClosedAtTheHelloDeadline() throws Exception {
        try (Loopback lo = new Loopback(tmp, QuicSettings.defaults(),
                c -> c.withAdmission(AdmissionLimits.defaults().withHelloTimeout(Duration.ofMillis(400))));
             QuicAbuser a = new QuicAbuser(InetAddress.getLoopbackAddress(), abusers)) {
            QuicAbuser.Conn c = established(a, lo);
            QuicAbuser.Ending e = ending(c); // the reason says which deadline fired: no wall-clock bound on a loaded box
            assertThat(e.code()).isEqualTo(CloseCode.PROTOCOL_VIOLATION.code());
            assertThat(e.reason()).contains("no Hello or PairRequest within 400 ms");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (lo.host.connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // the host lets go once QUIC's closing period ends, a little after the peer hears it
            }
            assertThat(lo.host.connectionCount()).isZero();
        }
    }

    private static boolean loopbackAliases() {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.3", 0))) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void capsPerSourceRefuseBeforeTlsWithAReasonAndSpareOtherSources() throws Exception {
        io.punktfunk.testkit.Environment.require(loopbackAliases(),
                "binding 127.0.0.3 failed: this test plays several sources on the Linux 127.0.0.0/8 loopback");
        try (Loopback lo = new Loopback(tmp, QuicSettings.defaults(),
                c -> c.withAdmission(AdmissionLimits.defaults().withCaps(64, 3, 256, 32)));
             QuicAbuser from2 = new QuicAbuser(InetAddress.getByName("127.0.0.2"), abusers);
             QuicAbuser from3 = new QuicAbuser(InetAddress.getByName("127.0.0.3"), abusers)) {
            List<QuicAbuser.Conn> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(established(from2, lo));
            }
            CompletableFuture<QuicAbuser.Conn> fourth = new CompletableFuture<>();
            QuicAbuser.Conn refused = from2.connect(lo.address(), fourth);
            QuicAbuser.Ending e = ending(refused);
            assertThat(e.application()).isFalse();
            assertThat(e.code()).isEqualTo(ControlHost.QUIC_CONNECTION_REFUSED);
            assertThat(e.reason()).contains("too many unauthenticated connections from 127.0.0.2 (limit 3)");
            assertThat(lo.host.counters().connectionsRefused()).as("once per Initial the peer sends").isPositive();

            QuicAbuser.Conn other = established(from3, lo); // another source is not affected
            assertThat(other.ending()).isNotDone();
            assertThat(lo.host.handshakingCount()).isEqualTo(4);
            held.forEach(QuicAbuser.Conn::close);
        }
    }

    @Test
    void parallelHellosGetNoMoreSlotsThanMaxSessions() throws Exception {
        try (Loopback lo = new Loopback(tmp, QuicSettings.defaults(), c -> c.withMaxSessions(2))) {
            List<CompletableFuture<ClientControlSession>> opens = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ControlClient c = lo.client("c" + i);
                lo.host.pairedClients().add(c.identity().fingerprint(), "c" + i);
                ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
                opens.add(conn.open(Loopback.hello("c" + i), 50000, new ClientControlSessionListener() { }));
            }
            int ok = 0;
            int busy = 0;
            for (CompletableFuture<ClientControlSession> f : opens) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                    ok++;
                } catch (ExecutionException e) {
                    assertThat(((ControlException) e.getCause()).code()).isEqualTo(CloseCode.BUSY.code());
                    busy++;
                }
            }
            assertThat(ok).isEqualTo(2);
            assertThat(busy).isEqualTo(4);
            assertThat(lo.host.sessions()).hasSize(2);
            assertThat(lo.host.reservedSessions()).isEqualTo(2);
        }
    }

    @Test
    void aModeAboveTheCeilingIsRefusedNamingTheCeiling() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ControlClient c = lo.client("eightk");
            lo.host.pairedClients().add(c.identity().fingerprint(), "eightk");
            ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            Hello h = Hello.of(new Mode(7680, 4320, 60), 0, VideoCodecs.H264, "eightk");
            try {
                conn.open(h, 0, new ClientControlSessionListener() { }).get(10, TimeUnit.SECONDS);
                throw new AssertionError("8K was admitted");
            } catch (ExecutionException e) {
                ControlException ce = (ControlException) e.getCause();
                assertThat(ce.code()).isEqualTo(CloseCode.BAD_MODE.code());
                assertThat(ce.getMessage()).contains("above this host's ceiling of 3840x2160@240");
            }
            assertThat(lo.host.reservedSessions()).as("the slot taken at Hello is given back").isZero();
        }
    }

    @Test
    void probeSpamRunsOneProbeAtATime() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            lo.answerProbes = false;
            ControlClient c = lo.client("spammer");
            lo.host.pairedClients().add(c.identity().fingerprint(), "spammer");
            CompletableFuture<ControlMessage.ProbeResult> result = new CompletableFuture<>();
            ClientControlSession s = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS)
                    .open(Loopback.hello("spammer"), 50000, new ClientControlSessionListener() {
                        @Override
                        public void onProbeResult(ControlMessage.ProbeResult r) {
                            result.complete(r);
                        }
                    }).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 50; i++) {
                s.requestProbe(100_000, 1000);
            }
            s.syncClock(1).get(20, TimeUnit.SECONDS); // every probe request before it has been handled
            assertThat(lo.hostEvents.stream().filter(e -> e.startsWith("probe")).count()).isEqualTo(1);
            assertThat(lo.host.counters().probesIgnored()).isEqualTo(49);

            HostControlSession hs = lo.host.sessions().getFirst();
            hs.sendProbeResult(new ControlMessage.ProbeResult(1, 1, 1000, 1, 0));
            // A client asks again once it has the result. (Asking at once could race the host's
            // event loop, which may read the new request before it runs the queued result task.)
            result.get(20, TimeUnit.SECONDS);
            s.requestProbe(100_000, 1000);
            assertThat(lo.awaitHostEvent("probe", Duration.ofSeconds(5))).isEqualTo("probe 100000 1000");
            assertThat(lo.awaitHostEvent("probe", Duration.ofSeconds(5))).as("after a result, the next probe runs")
                    .isEqualTo("probe 100000 1000");
        }
    }

    @Test
    void underAHandshakeFloodClientsAreValidatedWithRetryAndStillGetIn() throws Exception {
        try (Loopback lo = new Loopback(tmp, QuicSettings.defaults(),
                c -> c.withAdmission(AdmissionLimits.defaults().withRetryAboveHandshaking(0)))) {
            ControlClient c = lo.client("retried");
            lo.host.pairedClients().add(c.identity().fingerprint(), "retried");
            // one connection already handshaking makes the host "under pressure" at threshold 0
            ControlConnection first = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            ClientControlSession s = conn.open(Loopback.hello("retried"), 50000, new ClientControlSessionListener() { })
                    .get(10, TimeUnit.SECONDS);
            assertThat(s.parameters().clientFingerprint()).isEqualTo(c.identity().fingerprint());
            assertThat(lo.host.retriesSent()).isGreaterThanOrEqualTo(1);
            first.quit("done");
        }
    }
}
