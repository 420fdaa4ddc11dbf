package io.punktfunk.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.crypto.Direction;
import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.crypto.PacketSealer;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.frame.Packetizer;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import io.punktfunk.core.wire.PacketSlab;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input over real UDP: a third socket sprays random and mutated datagrams at the client's
 * port while the host streams. Nothing may throw, every bad datagram is counted, and every real
 * frame still arrives intact. {@code -Dpunktfunk.session.fuzz.datagrams=N} (default 20,000).
 */
class SessionFuzzTest {
    static final int DATAGRAMS = Integer.getInteger("punktfunk.session.fuzz.datagrams", 20_000);

    @ParameterizedTest
    @ValueSource(longs = {0x5EEDL, 42L})
    void sprayedDatagramsAreCountedAndRealFramesStillArrive(long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        // Authentic-looking templates: real datagrams sealed with a key the attacker does not have.
        PacketSlab templates = new PacketSlab(1472, 64);
        SessionConfig cfg = SessionTest.config(keys, 20);
        new Packetizer(cfg.fec(), cfg.shardBytes(), cfg.maxFrameBytes(), ErasureCoders.create(cfg.fec().scheme()))
                .packetize(new byte[30_000], 0, 30_000, 7, 0, 0, false, templates);
        new PacketSealer(MediaKeys.generate(new SecureRandom()), Direction.HOST_TO_CLIENT).sealBatch(templates);

        try (ClientMediaSession client = ClientMediaSession.open(SessionTest.config(keys, 20).localAddress(local));
             HostMediaSession host = HostMediaSession.open(SessionTest.config(keys, 20).localAddress(local)
                     .peerAddress(client.localAddress()));
             DatagramChannel attacker = DatagramChannel.open()) {
            attacker.connect(client.localAddress());
            ByteBuffer buf = ByteBuffer.allocate(9300);
            int realFrames = 0;
            long sprayed = 0;
            byte[] frame = new byte[40_000];
            for (int i = 0; i < DATAGRAMS; i++) {
                buf.clear();
                fill(buf, rnd, templates);
                buf.flip();
                sprayed += attacker.write(buf) > 0 || buf.limit() == 0 ? 1 : 0;
                if (i % 500 == 0) {
                    rnd.nextBytes(frame);
                    assertThat(host.submitFrame(frame, 0, frame.length, realFrames, realFrames, 0)).isTrue();
                    ReceivedFrame got = client.pollFrame(SessionTest.POLL_NS);
                    assertThat(got).as("seed %d: real frame %d arrives during the spray", seed, realFrames).isNotNull();
                    assertThat(got.frameIndex()).isEqualTo(realFrames);
                    assertThat(java.util.Arrays.equals(got.array(), 0, got.length(), frame, 0, frame.length))
                            .as("seed %d intact", seed).isTrue();
                    realFrames++;
                }
            }
            long expected = sprayed;
            long deadline = System.nanoTime() + SessionTest.POLL_NS;
            while (client.stats().packetsReceived() < host.stats().packetsSent() + expected
                    && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
            SessionStats c = client.stats();
            SessionStats h = host.stats();
            assertThat(c.framesCompleted()).as("seed %d", seed).isEqualTo(realFrames);
            assertThat(c.framesDropped()).as("seed %d", seed).isZero();
            SessionTest.assertBalanced(c);
            // Loopback UDP with a 32 MiB buffer may still lose a few under load; allow 1 %.
            assertThat(c.packetsReceived()).as("seed %d received", seed)
                    .isGreaterThanOrEqualTo((long) ((h.packetsSent() + expected) * 0.99));
            assertThat(c.packetsAccepted()).as("seed %d: only the host's datagrams are accepted", seed)
                    .isLessThanOrEqualTo(h.packetsSent());
            assertThat(c.packetsDropped() + c.packetsUnneeded()).as("seed %d: spray counted", seed)
                    .isGreaterThanOrEqualTo((long) (expected * 0.99));
        }
    }

    /** One hostile datagram: pure noise, a mutated sealed datagram, or a forged header with random fields. */
    static void fill(ByteBuffer buf, SplittableRandom rnd, PacketSlab templates) {
        int kind = rnd.nextInt(4);
        if (kind == 0) {
            byte[] noise = new byte[rnd.nextInt(0, 9300)];
            rnd.nextBytes(noise);
            buf.put(noise);
            return;
        }
        int t = rnd.nextInt(templates.count());
        byte[] d = java.util.Arrays.copyOfRange(templates.array(), templates.offset(t),
                templates.offset(t) + templates.length(t));
        if (kind == 1) {
            for (int flips = rnd.nextInt(1, 8); flips > 0; flips--) {
                int bit = rnd.nextInt(d.length * 8);
                d[bit >>> 3] ^= (byte) (1 << (bit & 7));
            }
        } else if (kind == 2) {
            // Random values in header fields past magic/version, keeping the datagram shape.
            for (int n = rnd.nextInt(1, 6); n > 0; n--) {
                d[rnd.nextInt(2, MediaHeaderFlyweight.HEADER_LENGTH)] = (byte) rnd.nextInt(256);
            }
        } else {
            d = java.util.Arrays.copyOf(d, rnd.nextInt(0, d.length + 200));
        }
        buf.put(d);
    }
}
