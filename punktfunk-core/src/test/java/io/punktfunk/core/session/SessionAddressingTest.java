package io.punktfunk.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.MemorySegment;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Real addressing over loopback UDP: the host binds its port, learns the client's address from the
 * first authentic hello, and drops datagrams from anyone else before any crypto; the client's
 * connected socket never sees a stranger's datagrams.
 */
class SessionAddressingTest {
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    static byte[] forgedHello(SplittableRandom rnd) {
        byte[] b = new byte[HelloDatagram.BYTES];
        rnd.nextBytes(b);
        new MediaHeaderFlyweight().wrap(MemorySegment.ofArray(b), 0).magicAndVersion()
                .flags(MediaHeaderFlyweight.FLAG_HELLO).shardBytes(0);
        return b;
    }

    static void awaitCount(String what, LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsLong() < expected && System.nanoTime() - deadline < 0) {
            Thread.sleep(5); // another thread counts; bounded by the deadline
        }
        assertThat(value.getAsLong()).as(what).isEqualTo(expected);
    }

    @Test
    void hostLearnsTheClientFromItsFirstAuthenticHelloAndDropsStrangersBeforeAnyCrypto() throws Exception {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        SplittableRandom rnd = new SplittableRandom(3);
        try (HostMediaSession host = HostMediaSession.open(SessionTest.config(keys, 10).localAddress(ANY_LOOPBACK)
                .name("addr-host"));
             DatagramSocket stranger = new DatagramSocket(ANY_LOOPBACK)) {
            InetSocketAddress hostData = host.transport().localAddress();
            assertThat(hostData.getPort()).isPositive();

            // a stranger's hello before the client's: it does not authenticate, so it teaches nothing
            for (int i = 0; i < 5; i++) {
                byte[] f = forgedHello(rnd);
                stranger.send(new DatagramPacket(f, f.length, hostData));
            }
            awaitCount("forged hellos refused by the tag", () -> host.stats().packetsDropped(), 5);
            assertThat(host.awaitPeer(0)).isNull();

            try (ClientMediaSession client = ClientMediaSession.open(SessionTest.config(keys, 10)
                    .localAddress(ANY_LOOPBACK).peerAddress(hostData).name("addr-client"))) {
                InetSocketAddress learned = host.awaitPeer(TimeUnit.SECONDS.toNanos(5));
                assertThat(learned).isEqualTo(client.localAddress());
                SessionTest.roundTrip(host, client, 5, 30);

                long aeadBefore = host.stats().packetsDropped(); // 5 forged hellos
                long foreign = 200;
                for (int i = 0; i < foreign; i++) {
                    byte[] f = i % 2 == 0 ? forgedHello(rnd) : new byte[1 + rnd.nextInt(1400)];
                    stranger.send(new DatagramPacket(f, f.length, hostData));
                }
                awaitCount("strangers dropped as foreign", () -> host.stats().dropForeignSender(), foreign);
                SessionStats h = host.stats();
                assertThat(h.packetsDropped() - aeadBefore).as("no other drop: no crypto ran on them").isEqualTo(foreign);
                assertThat(h.packetsAccepted()).as("the client's hellos").isPositive();

                // the client's socket is connected: a stranger's datagrams never reach its receive path
                long clientReceived = client.stats().packetsReceived();
                for (int i = 0; i < 100; i++) {
                    byte[] f = new byte[1468];
                    rnd.nextBytes(f);
                    stranger.send(new DatagramPacket(f, f.length, client.localAddress()));
                }
                for (int i = 100; i < 110; i++) {
                    byte[] f = new byte[3000];
                    assertThat(host.submitFrame(f, 0, f.length, i, 0, 0)).isTrue();
                    ReceivedFrame got = client.pollFrame(SessionTest.POLL_NS);
                    assertThat(got).isNotNull();
                    assertThat(got.frameIndex()).isEqualTo(i);
                }
                SessionTest.settle(host, client);
                SessionStats c = client.stats();
                assertThat(c.packetsReceived()).as("only the host's datagrams").isEqualTo(host.stats().packetsSent());
                assertThat(c.packetsDropped()).isZero();
                assertThat(clientReceived).isPositive();
            }
        }
    }

    @Test
    void aHostThatNeverHearsAHelloSendsNothing() throws Exception {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        try (HostMediaSession host = HostMediaSession.open(SessionTest.config(keys, 10).localAddress(ANY_LOOPBACK)
                .name("addr-silent"))) {
            byte[] f = new byte[1000];
            assertThat(host.submitFrame(f, 0, f.length, 0, 0, 0)).isTrue();
            assertThat(host.awaitPeer(TimeUnit.MILLISECONDS.toNanos(100))).isNull();
            assertThat(host.stats().packetsSent()).isZero();
            assertThat(host.stats().framesSent()).isZero();
        }
    }
}
