package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.Hello;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.message.AudioFrame;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.session.ClockSync;
import io.punktfunk.control.session.SessionParameters;
import io.punktfunk.core.crypto.Direction;
import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.crypto.PacketOpener;
import io.punktfunk.core.crypto.PacketSealer;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import io.punktfunk.core.frame.FecConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handshake, refusals and typed control messages between a real host and client on loopback. */
class SessionLoopbackTest {
    @TempDir
    Path tmp;

    /** Records what the client hears. */
    static final class Heard implements ClientControlSessionListener {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void onAudio(AudioFrame f) {
            events.add("audio " + f.seq() + " " + f.opus().length);
        }

        @Override
        public void onFecChanged(int percent) {
            events.add("fec " + percent);
        }

        @Override
        public void onBitrateChanged(int kbps, int reason) {
            events.add("bitrate " + kbps + " " + reason);
        }

        @Override
        public void onProbeResult(ControlMessage.ProbeResult r) {
            events.add("probe " + r.bytesSent() + " " + r.wirePacketsSent());
        }

        @Override
        public void onClosed(int code, String reason) {
            events.add(String.format("closed 0x%02x %s", code, reason));
        }

        String next() throws InterruptedException {
            String e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("client event within 5 s").isNotNull();
            return e;
        }
    }

    private static ClientControlSession open(Loopback lo, String name, Heard heard) throws Exception {
        ControlClient c = lo.client(name);
        lo.host.pairedClients().add(c.identity().fingerprint(), name);
        ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
        ClientControlSession s = conn.open(Loopback.hello(name), 51000, heard).get(10, TimeUnit.SECONDS);
        assertThat(lo.awaitHostEvent("started", Duration.ofSeconds(5))).isEqualTo("started " + name);
        return s;
    }

    private static int refusalCode(Throwable t) {
        Throwable c = t instanceof ExecutionException ? t.getCause() : t;
        assertThat(c).isInstanceOf(ControlException.class);
        return ((ControlException) c).code();
    }

    @Test
    void welcomeCarriesTheNegotiatedSessionAndBothSidesAgree() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ClientControlSession s = open(lo, "alice", new Heard());
            SessionParameters client = s.parameters();
            SessionParameters host = lo.host.sessions().getFirst().parameters();
            assertThat(client.mode()).isEqualTo(new Mode(1920, 1080, 60));
            assertThat(client.codec()).isEqualTo(VideoCodecs.HEVC);
            assertThat(client.hostDataPort()).isEqualTo(47998);
            assertThat(host.clientDataPort()).isEqualTo(51000);
            assertThat(client.shardPayload()).isEqualTo(1408);
            assertThat(client.fec()).isEqualTo(FecConfig.defaults());
            for (Direction d : Direction.values()) {
                assertThat(client.mediaKeys().key(d)).isEqualTo(host.mediaKeys().key(d));
                assertThat(client.mediaKeys().salt(d)).isEqualTo(host.mediaKeys().salt(d));
            }
            // the keys really work across the two ends: host seals, client opens
            byte[] packet = sealOne(host.mediaKeys());
            assertThat(openOne(client.mediaKeys(), packet)).isTrue();
            s.close("done").get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void versionMismatchIsRefused() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ControlClient c = lo.client("old");
            lo.host.pairedClients().add(c.identity().fingerprint(), "old");
            ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            Hello h = Loopback.hello("old");
            Hello v9 = new Hello(9, h.mode(), 0, 0, h.bitrateKbps(), h.name(), "", 0, 2, h.videoCodecs(), 0);
            assertThatThrownBy(() -> conn.open(v9, 0, new Heard()).get(10, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(refusalCode(t)).isEqualTo(CloseCode.WIRE_VERSION.code()))
                    .hasMessageContaining("version 9");
        }
    }

    @Test
    void badModeAndNoSharedCodecAreRefused() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ControlClient c = lo.client("odd");
            lo.host.pairedClients().add(c.identity().fingerprint(), "odd");
            ControlConnection conn = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> conn.open(Hello.of(new Mode(20000, 1080, 60), 0, VideoCodecs.H264, "odd"), 0, new Heard())
                    .get(10, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(refusalCode(t)).isEqualTo(CloseCode.BAD_MODE.code()));
            ControlConnection again = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> again.open(Hello.of(new Mode(1280, 720, 60), 0, VideoCodecs.AV1, "odd"), 0, new Heard())
                    .get(10, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(refusalCode(t)).isEqualTo(CloseCode.NO_SHARED_CODEC.code()));
        }
    }

    @Test
    void typedMessagesReachTheOtherSide() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            Heard heard = new Heard();
            ClientControlSession s = open(lo, "alice", heard);
            HostControlSession hs = lo.host.sessions().getFirst();

            s.requestKeyframe();
            assertThat(lo.awaitHostEvent("keyframe", Duration.ofSeconds(5))).isEqualTo("keyframe alice");
            s.invalidateRefs(100, 104);
            assertThat(lo.awaitHostEvent("invalidate", Duration.ofSeconds(5))).isEqualTo("invalidate 100..104");

            s.setBitrate(3_000_000);
            assertThat(lo.awaitHostEvent("bitrate", Duration.ofSeconds(5))).isEqualTo("bitrate " + HandshakePolicy.MAX_BITRATE_KBPS);
            assertThat(heard.next()).isEqualTo("bitrate 2000000 1");

            s.reportLoss(1, 200_000, 10_000); // 20 % residual loss → 29 % parity at once
            assertThat(lo.awaitHostEvent("fec", Duration.ofSeconds(5))).isEqualTo("fec 29");
            assertThat(heard.next()).isEqualTo("fec 29");
            assertThat(hs.fecPercent()).isEqualTo(29);

            s.requestProbe(50_000_000, 60_000);
            assertThat(lo.awaitHostEvent("probe", Duration.ofSeconds(5))).isEqualTo("probe 3000000 5000");
            assertThat(heard.next()).isEqualTo("probe 1000 11");

            s.sendInput(new InputEvent(InputEvent.KEY_DOWN, 0x41, 0, 0, 0));
            assertThat(lo.awaitHostEvent("input", Duration.ofSeconds(5))).isEqualTo("input 0 stream");
            s.sendInput(new InputEvent(InputEvent.MOUSE_MOVE, 0, 5, -3, 0));
            assertThat(lo.awaitHostEvent("input", Duration.ofSeconds(5))).isEqualTo("input 2 datagram");

            hs.sendAudio(new AudioFrame(7, 123L, new byte[120]));
            assertThat(heard.next()).isEqualTo("audio 7 120");

            ClockSync.Estimate est = s.syncClock(8).get(10, TimeUnit.SECONDS);
            assertThat(est.rounds()).isEqualTo(8);
            assertThat(est.rttNs()).isPositive().isLessThan(TimeUnit.SECONDS.toNanos(1));
            assertThat(Math.abs(est.offsetNs())).as("same machine, same clock").isLessThan(est.rttNs() + 1_000_000);

            assertThat(s.close("user quit").get(20, TimeUnit.SECONDS)).isEqualTo(CloseCode.CLIENT_QUIT.code());
            assertThat(lo.awaitHostEvent("ended", Duration.ofSeconds(5))).isEqualTo("ended alice 0x51 client closed: user quit");
            assertThat(lo.host.sessions()).isEmpty();
        }
    }

    @Test
    void oversizedFrameClosesOnlyThatSessionWithAReason() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            Heard good = new Heard();
            ClientControlSession alice = open(lo, "alice", good);
            Heard bad = new Heard();
            ClientControlSession mallory = open(lo, "mallory", bad);

            ControlConnection conn = connectionOf(mallory);
            ByteBuf junk = conn.controlStream().alloc().buffer();
            junk.writeShortLE(60_000).writeZero(100);
            conn.controlStream().writeAndFlush(junk);

            assertThat(mallory.closed().get(20, TimeUnit.SECONDS)).isEqualTo(CloseCode.MESSAGE_TOO_LARGE.code());
            assertThat(bad.next()).startsWith("closed 0x73 control frame of 60000 bytes exceeds");
            assertThat(lo.awaitHostEvent("ended", Duration.ofSeconds(5))).startsWith("ended mallory 0x73");
            assertThat(alice.syncClock(2).get(20, TimeUnit.SECONDS).rounds()).isEqualTo(2);
            assertThat(lo.host.sessions()).hasSize(1);
        }
    }

    @Test
    void malformedMessageClosesOnlyThatSessionWithAReason() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ClientControlSession alice = open(lo, "alice", new Heard());
            Heard bad = new Heard();
            ClientControlSession mallory = open(lo, "mallory", bad);

            ControlConnection conn = connectionOf(mallory);
            ByteBuf junk = conn.controlStream().alloc().buffer();
            junk.writeShortLE(7).writeIntLE(0x63464B50).writeByte(ControlMessage.SET_BITRATE).writeShortLE(1); // body 2 bytes, needs 4
            conn.controlStream().writeAndFlush(junk);

            assertThat(mallory.closed().get(20, TimeUnit.SECONDS)).isEqualTo(CloseCode.PROTOCOL_VIOLATION.code());
            assertThat(bad.next()).startsWith("closed 0x72 set bitrate truncated");
            alice.requestKeyframe();
            assertThat(lo.awaitHostEvent("keyframe", Duration.ofSeconds(5))).isEqualTo("keyframe alice");
        }
    }

    @Test
    void vanishedClientIsCleanedUpAndOthersKeepGoing() throws Exception {
        QuicSettings fast = QuicSettings.withIdleTimeout(Duration.ofMillis(3000));
        try (Loopback lo = new Loopback(tmp, fast)) {
            ClientControlSession alice = open(lo, "alice", new Heard());
            ClientControlSession ghost = open(lo, "ghost", new Heard());
            // pull the UDP socket out from under the ghost: no CONNECTION_CLOSE ever reaches the host
            connectionOf(ghost).quicChannel().parent().close().sync();
            long t0 = System.nanoTime();
            assertThat(lo.awaitHostEvent("ended", Duration.ofSeconds(10))).startsWith("ended ghost 0x76");
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(waitedMs).isLessThan(8000);
            // alice sent keepalives all along (default settings, 4 s) and stays
            assertThat(alice.syncClock(2).get(20, TimeUnit.SECONDS).rounds()).isEqualTo(2);
            assertThat(lo.host.sessions()).extracting(HostControlSession::clientName).containsExactly("alice");
        }
    }

    @Test
    void keepalivesHoldAQuietSessionOpenPastTheIdleTimeout() throws Exception {
        QuicSettings fast = QuicSettings.withIdleTimeout(Duration.ofMillis(3000)); // keepalive every 1.5 s
        try (Loopback lo = new Loopback(tmp, fast)) {
            ControlClient c = lo.client("quiet", fast);
            lo.host.pairedClients().add(c.identity().fingerprint(), "quiet");
            ClientControlSession s = c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS)
                    .open(Loopback.hello("quiet"), 0, new Heard()).get(10, TimeUnit.SECONDS);
            Thread.sleep(4000); // longer than the idle timeout: only keepalives can have held it open
            assertThat(s.closed()).isNotDone();
            assertThat(lo.host.sessions()).hasSize(1);
            s.close("bye").get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void malformedDatagramsAreDroppedAndCountedNotFatal() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ClientControlSession s = open(lo, "alice", new Heard());
            io.netty.handler.codec.quic.QuicChannel q = connectionOf(s).quicChannel();
            q.writeAndFlush(Unpooled.buffer().writeByte(InputEvent.TAG).writeByte(0)).sync(); // 2 of 18 bytes
            q.writeAndFlush(Unpooled.buffer().writeByte(0x77).writeZero(17)).sync();         // unknown tag
            s.sendInput(new InputEvent(InputEvent.MOUSE_MOVE, 0, 1, 1, 0));
            assertThat(lo.awaitHostEvent("input", Duration.ofSeconds(5))).isEqualTo("input 2 datagram");
            HostControlSession hs = lo.host.sessions().getFirst();
            assertThat(hs.droppedDatagrams()).isEqualTo(2);
            assertThat(s.closed()).isNotDone();
        }
    }

    @Test
    void hostShutdownTellsClientsWhy() throws Exception {
        Loopback lo = new Loopback(tmp);
        try {
            Heard heard = new Heard();
            ClientControlSession s = open(lo, "alice", heard);
            lo.host.close();
            assertThat(s.closed().get(20, TimeUnit.SECONDS)).isEqualTo(CloseCode.HOST_SHUTDOWN.code());
            assertThat(heard.next()).isEqualTo("closed 0x77 host is shutting down");
        } finally {
            lo.close();
        }
    }

    @Test
    void closingTheClientQuitsItsSessions() throws Exception {
        try (Loopback lo = new Loopback(tmp)) {
            ControlClient c = lo.client("leaver");
            lo.host.pairedClients().add(c.identity().fingerprint(), "leaver");
            c.connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS)
                    .open(Loopback.hello("leaver"), 0, new Heard()).get(10, TimeUnit.SECONDS);
            lo.awaitHostEvent("started", Duration.ofSeconds(5));
            c.close();
            assertThat(lo.awaitHostEvent("ended", Duration.ofSeconds(3))).startsWith("ended leaver 0x51");
        }
    }

    @Test
    void aConnectionThatNeverStartsASessionIsClosed() throws Exception {
        QuicSettings strict = QuicSettings.withIdleTimeout(Duration.ofSeconds(4)).withHandshakeTimeout(Duration.ofMillis(800));
        try (Loopback lo = new Loopback(tmp, strict)) {
            ControlConnection idle = lo.client("lurker").connect(lo.address(), lo.host.fingerprint()).get(10, TimeUnit.SECONDS);
            assertThat(idle.closed().get(20, TimeUnit.SECONDS)).isEqualTo(CloseCode.PROTOCOL_VIOLATION.code());
            assertThat(idle.endReason()).contains("no session started within 800 ms");
        }
    }

    /** A 32-byte shard sealed host → client with core's sealer. */
    private static byte[] sealOne(MediaKeys keys) {
        byte[] packet = new byte[MediaHeaderFlyweight.HEADER_LENGTH + 32 + MediaHeaderFlyweight.TAG_LENGTH];
        new PacketSealer(keys, Direction.HOST_TO_CLIENT).seal(packet, 0, 32);
        return packet;
    }

    private static boolean openOne(MediaKeys keys, byte[] packet) {
        return new PacketOpener(keys, Direction.HOST_TO_CLIENT, new DataPlaneCounters()).open(packet, 0, packet.length);
    }

    private static ControlConnection connectionOf(ClientControlSession s) throws Exception {
        java.lang.reflect.Field f = ClientControlSession.class.getDeclaredField("connection");
        f.setAccessible(true);
        return (ControlConnection) f.get(s);
    }

    @SuppressWarnings("unused")
    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }
}
