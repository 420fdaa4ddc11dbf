package io.punktfunk.host.gamestream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.PeerAddress;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PingGateTest {
    private static final byte[] PAYLOAD = "A1B2C3D4E5F60718".getBytes(StandardCharsets.US_ASCII);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_123);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.2", 40_000);

    private static int add(DatagramBatch b, byte[] bytes, InetSocketAddress from) {
        return b.add(MemorySegment.ofArray(bytes), 0, bytes.length, PeerAddress.of(from));
    }

    private static byte[] ssPing(byte[] payload, int seq) {
        return ByteBuffer.allocate(20).put(payload).putInt(seq).array();
    }

    @Test
    void anSsPingWithTheLaunchPayloadSetsThePeerAndAMovedClientIsFollowed() {
        PingGate gate = new PingGate(PAYLOAD, null);
        try (DatagramBatch b = new DatagramBatch(4, 64)) {
            assertThat(gate.hasPeer()).isFalse();
            assertThat(gate.offer(b, add(b, ssPing(PAYLOAD, 1), CLIENT), 5)).isTrue();
            assertThat(gate.peer().toSocketAddress()).isEqualTo(CLIENT);
            assertThat(gate.lastPingNs()).isEqualTo(5);
            assertThat(gate.offer(b, add(b, ssPing(PAYLOAD, 2), OTHER), 9)).isTrue();
            assertThat(gate.peer().toSocketAddress()).isEqualTo(OTHER);
            assertThat(gate.pings()).isEqualTo(2);
            assertThat(gate.rejected()).isZero();
        }
    }

    @Test
    void wrongPayloadsLengthsAndLegacyPingsWithoutALegacyAddressAreDroppedAndCounted() {
        PingGate gate = new PingGate(PAYLOAD, null);
        byte[] wrong = PAYLOAD.clone();
        wrong[15] ^= 1;
        try (DatagramBatch b = new DatagramBatch(8, 64)) {
            assertThat(gate.offer(b, add(b, ssPing(wrong, 1), OTHER), 1)).isFalse();
            assertThat(gate.offer(b, add(b, PAYLOAD, OTHER), 1)).isFalse(); // payload without sequence
            assertThat(gate.offer(b, add(b, "PING".getBytes(StandardCharsets.US_ASCII), CLIENT), 1)).isFalse();
            assertThat(gate.offer(b, add(b, new byte[0], OTHER), 1)).isFalse();
            assertThat(gate.offer(b, add(b, new byte[21], OTHER), 1)).isFalse();
            assertThat(gate.rejected()).isEqualTo(5);
            assertThat(gate.hasPeer()).isFalse();
        }
    }

    @Test
    void aLegacyPingCountsOnlyFromTheRtspClientsAddress() {
        PingGate gate = new PingGate(null, CLIENT.getAddress());
        byte[] ping = "PING".getBytes(StandardCharsets.US_ASCII);
        try (DatagramBatch b = new DatagramBatch(4, 64)) {
            assertThat(gate.offer(b, add(b, ping, OTHER), 1)).isFalse();
            assertThat(gate.offer(b, add(b, ssPing(PAYLOAD, 1), OTHER), 1)).isFalse();
            assertThat(gate.offer(b, add(b, ping, CLIENT), 1)).isTrue();
            assertThat(gate.peer().toSocketAddress()).isEqualTo(CLIENT);
            assertThat(gate.rejected()).isEqualTo(2);
        }
    }

    @Test
    void randomDatagramsNeverSetThePeer() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        PingGate gate = new PingGate(PAYLOAD, null);
        try (DatagramBatch b = new DatagramBatch(1, 1500)) {
            for (int i = 0; i < 2000; i++) {
                b.clear();
                byte[] d = new byte[random.nextInt(0, 1500)];
                random.nextBytes(d);
                assertThat(gate.offer(b, add(b, d, OTHER), i)).as("seed %d", seed).isFalse();
            }
        }
        assertThat(gate.rejected()).isEqualTo(2000);
        assertThat(gate.hasPeer()).isFalse();
    }

    @Test
    void aGateNeedsSomethingToMatch() {
        assertThatThrownBy(() -> new PingGate(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PingGate(new byte[8], null)).isInstanceOf(IllegalArgumentException.class);
    }
}
