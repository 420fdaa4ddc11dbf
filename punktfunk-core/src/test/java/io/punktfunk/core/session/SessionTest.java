package io.punktfunk.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.core.pacing.PacingConfig;
import io.punktfunk.core.transport.ImpairedTransport;
import io.punktfunk.core.transport.ImpairmentConfig;
import io.punktfunk.core.transport.LoopbackTransport;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.TransportCounter;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTest {
    // a bound for failure only: on a starved box the cold (not yet compiled) FEC can take seconds per frame
    static final long POLL_NS = 20_000_000_000L;
    static final int[] SIZES = {1, 1407, 1408, 1409, 20_000, 100_000, 250_000, 3};

    static SessionConfig config(MediaKeys keys, int fecPercent) {
        return config(keys, fecPercent, FecScheme.GF16_LEOPARD);
    }

    static SessionConfig config(MediaKeys keys, int fecPercent, FecScheme scheme) {
        return new SessionConfig()
                .keys(keys)
                .fec(new FecConfig(scheme, fecPercent, scheme == FecScheme.GF16_LEOPARD ? 4096 : 200))
                .maxFrameBytes(1 << 20)
                .pacing(new PacingConfig().enabled(false))
                .sendQueueFrames(64)
                .receiveQueueFrames(64);
    }

    static byte[] frame(SplittableRandom rnd, int size) {
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        return b;
    }

    /** Sends {@code frames} through a host and checks the client delivers each intact and in order. */
    static void roundTrip(HostMediaSession host, ClientMediaSession client, long seed, int frames) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            byte[] f = frame(rnd, SIZES[i % SIZES.length]);
            sent.add(f);
            int flags = i == 0 ? UserFlags.KEYFRAME : 0;
            assertThat(host.submitFrame(f, 0, f.length, i, 1000L * i, flags)).as("seed %d frame %d queued", seed, i).isTrue();
        }
        for (int i = 0; i < frames; i++) {
            ReceivedFrame got = client.pollFrame(POLL_NS);
            assertThat(got).as("seed %d frame %d arrived; client %s", seed, i, client.stats()).isNotNull();
            assertThat(got.frameIndex()).as("seed %d order", seed).isEqualTo(i);
            assertThat(got.ptsNs()).isEqualTo(1000L * i);
            assertThat(got.keyframe()).isEqualTo(i == 0);
            assertThat(got.length()).isEqualTo(sent.get(i).length);
            assertThat(java.util.Arrays.equals(got.array(), 0, got.length(), sent.get(i), 0, sent.get(i).length))
                    .as("seed %d frame %d bytes intact", seed, i).isTrue();
            assertThat(got.receivedNs()).isPositive();
        }
    }

    /** Waits (bounded) until the client has seen every datagram the host's counters say left: counters race the frames. */
    static void settle(HostMediaSession host, ClientMediaSession client) {
        long deadline = System.nanoTime() + POLL_NS;
        while (client.stats().packetsReceived() != host.stats().packetsSent() && System.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
    }

    static void assertBalanced(SessionStats c) {
        assertThat(c.packetsAccepted() + c.packetsUnneeded() + c.packetsDropped())
                .as("accepted + unneeded + dropped = received: %s", c).isEqualTo(c.packetsReceived());
    }

    @ParameterizedTest
    @CsvSource({"0, GF16_LEOPARD", "10, GF16_LEOPARD", "50, GF16_LEOPARD", "10, GF8_CAUCHY", "50, GF8_CAUCHY"})
    void loopbackRoundTripDeliversEveryFrameIntactAndInOrder(int fecPercent, FecScheme scheme) {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        try (HostMediaSession host = HostMediaSession.over(pair.left(), config(keys, fecPercent, scheme).name("host"));
             ClientMediaSession client = ClientMediaSession.over(pair.right(), config(keys, fecPercent, scheme).name("client"))) {
            int frames = 40;
            roundTrip(host, client, 7L + fecPercent, frames);
            settle(host, client);
            SessionStats h = host.stats();
            SessionStats c = client.stats();
            assertThat(h.framesSubmitted()).isEqualTo(frames);
            assertThat(h.framesSent()).isEqualTo(frames);
            assertThat(h.framesQueueDropped()).isZero();
            assertThat(h.packetsSendDropped()).isZero();
            assertThat(h.sealedBytes()).isEqualTo(h.bytesSent());
            assertThat(c.framesCompleted()).isEqualTo(frames);
            assertThat(c.framesDropped()).isZero();
            assertThat(c.packetsDropped()).isZero();
            assertThat(c.packetsReceived()).isEqualTo(h.packetsSent());
            assertThat(c.bytesReceived()).isEqualTo(h.bytesSent());
            long media = 0;
            for (int i = 0; i < frames; i++) {
                media += SIZES[i % SIZES.length];
            }
            assertThat(c.mediaBytesReceived()).isEqualTo(media);
            assertBalanced(c);
        }
    }

    @Test
    void udpRoundTripOverRealSockets() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        try (ClientMediaSession client = ClientMediaSession.open(config(keys, 10).localAddress(local).name("client"));
             HostMediaSession host = HostMediaSession.open(config(keys, 10).localAddress(local)
                     .peerAddress(client.localAddress()).name("host")
                     .pacing(new PacingConfig()).bitrateBps(200_000_000L))) {
            int frames = 60;
            roundTrip(host, client, 11, frames);
            settle(host, client);
            SessionStats h = host.stats();
            SessionStats c = client.stats();
            assertThat(h.framesSent()).isEqualTo(frames);
            assertThat(c.framesCompleted()).isEqualTo(frames);
            assertThat(c.packetsReceived()).isEqualTo(h.packetsSent());
            assertThat(h.sendSyscalls()).isPositive().isLessThan(h.packetsSent());
            assertThat(c.recvSyscalls()).isPositive();
            assertBalanced(c);
        }
    }

    static ImpairedTransport impaired(Transport inner, UnaryOperator<ImpairmentConfig> setup) {
        return new ImpairedTransport(inner, setup.apply(new ImpairmentConfig()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomLossWithinFecDeliversEveryFrame(long seed) {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        // 3 % random loss against 40 % parity: a 72-shard frame would need > 29 losses to fail.
        try (HostMediaSession host = HostMediaSession.over(impaired(pair.left(), c -> c.seed(seed).lossRate(0.03)), config(keys, 40));
             ClientMediaSession client = ClientMediaSession.over(pair.right(), config(keys, 40))) {
            int frames = 40;
            roundTrip(host, client, seed, frames);
            settle(host, client);
            SessionStats c = client.stats();
            assertThat(c.framesCompleted()).as("seed %d", seed).isEqualTo(frames);
            assertThat(c.framesDropped()).as("seed %d", seed).isZero();
            assertThat(c.fecRecoveredShards()).as("seed %d recovered", seed).isPositive();
            long lost = ((ImpairedTransport) host.transport()).impairmentStats().get(TransportCounter.IMPAIR_DROPPED);
            assertThat(lost).as("seed %d some packets were lost", seed).isPositive();
            assertThat(c.packetsReceived()).as("seed %d", seed).isEqualTo(host.stats().packetsSent());
            assertThat(host.stats().sealedBytes()).isGreaterThan(host.stats().bytesSent());
            assertBalanced(c);
        }
    }

    @Test
    void lossBeyondFecDropsFramesCountsThemAndSignals() throws Exception {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        AtomicLong signalled = new AtomicLong();
        AtomicLong lastTotal = new AtomicLong();
        // No parity and every 10th datagram lost: every frame of ≥ 10 datagrams is unrecoverable.
        try (HostMediaSession host = HostMediaSession.over(impaired(pair.left(), c -> c.dropEveryNth(10)), config(keys, 0));
             ClientMediaSession client = ClientMediaSession.over(pair.right(), config(keys, 0))) {
            client.onFramesLost((newly, total, lastGood) -> {
                signalled.addAndGet(newly);
                lastTotal.set(total);
            });
            byte[] f = frame(new SplittableRandom(5), 100_000);
            int frames = 12;
            for (int i = 0; i < frames; i++) {
                assertThat(host.submitFrame(f, 0, f.length, i, i, 0)).isTrue();
            }
            assertThat(client.pollFrame(400_000_000L)).as("no frame survives").isNull();
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (client.stats().framesDropped() < frames && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            SessionStats c = client.stats();
            assertThat(c.framesDropped()).isEqualTo(frames);
            assertThat(c.framesCompleted()).isZero();
            assertThat(c.framesLost()).isEqualTo(frames);
            assertThat(signalled.get()).as("listener told about every lost frame").isEqualTo(frames);
            assertThat(lastTotal.get()).isEqualTo(frames);
            assertBalanced(c);
        }
    }

    @Test
    void probeFramesAreCountedAndNeverDelivered() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        try (HostMediaSession host = HostMediaSession.over(pair.left(), config(keys, 10).fps(100));
             ClientMediaSession client = ClientMediaSession.over(pair.right(), config(keys, 10))) {
            host.startProbe(16_000_000L, 150_000_000L); // 20 KB per 10 ms
            assertThat(host.probeActive()).isTrue();
            assertThat(client.pollFrame(400_000_000L)).as("probe frames are not delivered").isNull();
            assertThat(host.probeActive()).isFalse();
            SessionStats h = host.stats();
            SessionStats c = client.stats();
            // One frame per 10 ms interval at most: 150 ms → ≤ 16 (fewer when a cold coder is slow).
            assertThat(h.probeFramesSent()).isBetween(1L, 16L);
            assertThat(h.framesSent()).isZero();
            assertThat(c.probePacketsReceived()).isPositive().isLessThanOrEqualTo(h.packetsSent());
            assertThat(c.probePacketsReceived() + c.packetsUnneeded()).isEqualTo(h.packetsSent());
            assertThat(c.framesCompleted()).isZero();
            // Video still flows after (and beside) a probe.
            roundTrip(host, client, 3, 4);
        }
    }

    @Test
    void pacedFramesPipelineThroughSealAndSendThreadsAndCloseStopsBoth() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 16, 2048);
        // Paced: each 250 KB frame is spread, so the seal thread runs ahead while the send thread waits.
        SessionConfig paced = config(keys, 10).pacing(new PacingConfig()).bitrateBps(20_000_000L).fps(60)
                .name("pipeline-host");
        HostMediaSession host = HostMediaSession.over(pair.left(), paced);
        try (ClientMediaSession client = ClientMediaSession.over(pair.right(), config(keys, 10))) {
            assertThat(threadsNamed("pipeline-host-")).containsExactlyInAnyOrder("pipeline-host-seal",
                    "pipeline-host-send");
            roundTrip(host, client, 11, 12);
        } finally {
            host.close();
        }
        assertThat(threadsNamed("pipeline-host-")).as("close joins both stages").isEmpty();
    }

    private static java.util.List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }

    @Test
    void fullSendQueueRefusesAndCountsTheNewFrame() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        try (HostMediaSession host = HostMediaSession.over(pair.left(),
                config(keys, 10).sendQueueFrames(2).threadingMode(ThreadingMode.INVOKER));
             ClientMediaSession client = ClientMediaSession.over(pair.right(), config(keys, 10).threadingMode(ThreadingMode.INVOKER))) {
            byte[] f = new byte[5000];
            assertThat(host.submitFrame(f, 0, f.length, 0, 0, 0)).isTrue();
            assertThat(host.submitFrame(f, 0, f.length, 1, 0, 0)).isTrue();
            assertThat(host.submitFrame(f, 0, f.length, 2, 0, 0)).as("queue of 2 is full").isFalse();
            assertThat(host.queuedFrames()).isEqualTo(2);
            assertThat(host.stats().framesQueueDropped()).isEqualTo(1);
            assertThat(host.doWork()).isEqualTo(1);
            assertThat(host.submitFrame(f, 0, f.length, 3, 0, 0)).as("room again").isTrue();
            assertThat(host.doWork()).isEqualTo(1);
            assertThat(host.doWork()).isEqualTo(1);
            assertThat(host.doWork()).isZero();
            SessionStats h = host.stats();
            assertThat(h.framesSubmitted()).isEqualTo(3);
            assertThat(h.framesSent()).isEqualTo(3);
            int[] expected = {0, 1, 3};
            for (int index : expected) {
                ReceivedFrame got = client.pollFrame(POLL_NS);
                assertThat(got).isNotNull();
                assertThat(got.frameIndex()).isEqualTo(index);
            }
        }
    }

    @Test
    void slowConsumerLosesFramesAndIsTold() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        AtomicLong signalled = new AtomicLong();
        try (HostMediaSession host = HostMediaSession.over(pair.left(), config(keys, 10).threadingMode(ThreadingMode.INVOKER));
             ClientMediaSession client = ClientMediaSession.over(pair.right(),
                     config(keys, 10).receiveQueueFrames(2).threadingMode(ThreadingMode.INVOKER))) {
            client.onFramesLost((newly, total, lastGood) -> signalled.addAndGet(newly));
            byte[] f = new byte[3000];
            for (int i = 0; i < 5; i++) {
                host.submitFrame(f, 0, f.length, i, 0, 0);
                host.doWork();
            }
            client.doWork();
            SessionStats c = client.stats();
            assertThat(c.framesCompleted()).isEqualTo(5);
            assertThat(c.framesDeliveryDropped()).isEqualTo(3);
            assertThat(signalled.get()).isEqualTo(3);
            assertThat(client.pollFrame(0).frameIndex()).isZero();
            assertThat(client.pollFrame(0).frameIndex()).isEqualTo(1);
            assertThat(client.pollFrame(0)).isNull();
        }
    }
}
