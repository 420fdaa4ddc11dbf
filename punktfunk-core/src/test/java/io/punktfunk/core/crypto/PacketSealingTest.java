package io.punktfunk.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.MemorySegment;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PacketSealingTest {
    private static final int SHARD = 1408;
    private static final int LEN = MediaHeaderFlyweight.WIRE_OVERHEAD + SHARD;

    private MediaKeys keys;
    private PacketSealer sealer;
    private DataPlaneCounters counters;
    private PacketOpener opener;
    private final SplittableRandom rnd = new SplittableRandom(1234);

    @BeforeEach
    void setUp() {
        keys = MediaKeys.generate(new SecureRandom());
        sealer = new PacketSealer(keys, Direction.HOST_TO_CLIENT);
        counters = new DataPlaneCounters();
        opener = new PacketOpener(keys, Direction.HOST_TO_CLIENT, counters);
    }

    private byte[] plainPacket(int frameIndex) {
        byte[] buf = new byte[LEN];
        new MediaHeaderFlyweight().wrap(MemorySegment.ofArray(buf), 0).magicAndVersion().fecScheme(1)
                .frameIndex(frameIndex).frameBytes(SHARD).blockCount(1).dataShards(1).shardBytes(SHARD);
        for (int i = MediaHeaderFlyweight.HEADER_LENGTH; i < MediaHeaderFlyweight.HEADER_LENGTH + SHARD; i++) {
            buf[i] = (byte) rnd.nextInt(256);
        }
        return buf;
    }

    private byte[] sealed(int frameIndex, byte[][] plainOut) {
        byte[] buf = plainPacket(frameIndex);
        plainOut[0] = buf.clone();
        sealer.seal(buf, 0, SHARD);
        return buf;
    }

    @Test
    void sealThenOpenRestoresTheShardAndStampsIncreasingSequences() {
        byte[][] plain = new byte[1][];
        for (int i = 0; i < 5; i++) {
            byte[] wire = sealed(i, plain);
            assertThat(MediaHeaderFlyweight.sequence(MemorySegment.ofArray(wire), 0)).isEqualTo(i);
            assertThat(Arrays.copyOfRange(wire, 44, 44 + SHARD)).isNotEqualTo(Arrays.copyOfRange(plain[0], 44, 44 + SHARD));
            assertThat(opener.open(wire, 0, LEN)).isTrue();
            assertThat(Arrays.copyOfRange(wire, 44, 44 + SHARD)).isEqualTo(Arrays.copyOfRange(plain[0], 44, 44 + SHARD));
        }
        assertThat(sealer.nextSequence()).isEqualTo(5);
        assertThat(opener.highestSequence()).isEqualTo(4);
        assertThat(counters.get(DataPlaneCounter.PACKETS_DROPPED)).isZero();
    }

    @Test
    void sealsAtAnOffsetInsideALargerBuffer() {
        byte[] p = plainPacket(9);
        byte[] big = new byte[LEN + 300];
        System.arraycopy(p, 0, big, 123, LEN);
        sealer.seal(big, 123, SHARD);
        assertThat(opener.open(big, 123, LEN)).isTrue();
        assertThat(Arrays.copyOfRange(big, 123 + 44, 123 + 44 + SHARD)).isEqualTo(Arrays.copyOfRange(p, 44, 44 + SHARD));
    }

    @Test
    void anyFlippedBitInHeaderShardOrTagIsRejectedAndCounted() {
        byte[][] plain = new byte[1][];
        int[] positions = {0, 3, 4, 8, 15, 20, 43, 44, 500, 44 + SHARD - 1, 44 + SHARD, LEN - 1};
        for (int pos : positions) {
            byte[] wire = sealed(pos, plain);
            wire[pos] ^= (byte) (1 << rnd.nextInt(8));
            assertThat(opener.open(wire, 0, LEN)).as("flip at %d", pos).isFalse();
        }
        // Byte 8..15 is the sequence: a flip there is either a replay or a tag failure; a flip of the key
        // phase (byte 3, bits 4-5) names an epoch without a key or the next one; all others are tag failures.
        assertThat(counters.get(DataPlaneCounter.DROP_AEAD) + counters.get(DataPlaneCounter.DROP_REPLAY)
                + counters.get(DataPlaneCounter.DROP_KEY_EPOCH))
                .isEqualTo(positions.length);
        assertThat(counters.get(DataPlaneCounter.PACKETS_DROPPED)).isEqualTo(positions.length);
        // Failed opens never advanced the window: the untouched next packet still opens.
        assertThat(opener.open(sealed(99, plain), 0, LEN)).isTrue();
    }

    @Test
    void aReplayedPacketIsRejectedEvenThoughItsTagIsValid() {
        byte[][] plain = new byte[1][];
        byte[] wire = sealed(1, plain);
        byte[] copy = wire.clone();
        assertThat(opener.open(wire, 0, LEN)).isTrue();
        assertThat(opener.open(copy, 0, LEN)).isFalse();
        assertThat(counters.get(DataPlaneCounter.DROP_REPLAY)).isEqualTo(1);
    }

    @Test
    void reorderingWithinTheWindowIsAccepted() {
        byte[][] plain = new byte[1][];
        byte[][] wires = new byte[50][];
        for (int i = 0; i < wires.length; i++) {
            wires[i] = sealed(i, plain);
        }
        for (int i = wires.length - 1; i >= 0; i -= 2) {
            assertThat(opener.open(wires[i], 0, LEN)).as("packet %d", i).isTrue();
        }
        for (int i = 0; i < wires.length; i += 2) {
            assertThat(opener.open(wires[i], 0, LEN)).as("packet %d", i).isTrue();
        }
        assertThat(counters.get(DataPlaneCounter.PACKETS_DROPPED)).isZero();
    }

    @Test
    void theOtherDirectionOrAnotherSessionCannotOpen() {
        byte[][] plain = new byte[1][];
        byte[] wire = sealed(1, plain);
        PacketOpener wrongDirection = new PacketOpener(keys, Direction.CLIENT_TO_HOST, counters);
        assertThat(wrongDirection.open(wire.clone(), 0, LEN)).isFalse();
        PacketOpener otherSession = new PacketOpener(MediaKeys.generate(new SecureRandom()), Direction.HOST_TO_CLIENT, counters);
        assertThat(otherSession.open(wire.clone(), 0, LEN)).isFalse();
        assertThat(counters.get(DataPlaneCounter.DROP_AEAD)).isEqualTo(2);
    }

    @Test
    void sameKeyAndSaltInBothDirectionsStillGiveDistinctNoncesThroughTheDirectionBit() {
        byte[] key = new byte[16];
        byte[] salt = {(byte) 0xFF, 1, 2, 3};
        MediaKeys same = MediaKeys.of(key, salt, key, salt);
        assertThat(same.nonceTemplate(Direction.HOST_TO_CLIENT)[0]).isEqualTo((byte) 0x7F);
        assertThat(same.nonceTemplate(Direction.CLIENT_TO_HOST)[0]).isEqualTo((byte) 0xFF);
        PacketSealer c2h = new PacketSealer(same, Direction.CLIENT_TO_HOST);
        byte[] wire = plainPacket(3);
        c2h.seal(wire, 0, SHARD);
        DataPlaneCounters c = new DataPlaneCounters();
        assertThat(new PacketOpener(same, Direction.HOST_TO_CLIENT, c).open(wire.clone(), 0, LEN)).isFalse();
        assertThat(new PacketOpener(same, Direction.CLIENT_TO_HOST, c).open(wire, 0, LEN)).isTrue();
    }

    @Test
    void generatedKeysAreRandomAndValidated() {
        SecureRandom r = new SecureRandom();
        MediaKeys a = MediaKeys.generate(r);
        MediaKeys b = MediaKeys.generate(r);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.salt(Direction.HOST_TO_CLIENT)).isNotEqualTo(b.salt(Direction.HOST_TO_CLIENT));
        assertThat(a.toString()).doesNotContain(Arrays.toString(a.key(Direction.HOST_TO_CLIENT)));
        MediaKeys rebuilt = MediaKeys.of(a.key(Direction.HOST_TO_CLIENT), a.salt(Direction.HOST_TO_CLIENT),
                a.key(Direction.CLIENT_TO_HOST), a.salt(Direction.CLIENT_TO_HOST));
        assertThat(rebuilt).isEqualTo(a);
        assertThatThrownBy(() -> MediaKeys.of(new byte[15], new byte[4], new byte[16], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaKeys.of(new byte[16], new byte[3], new byte[16], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysRoundTripThroughTheirControlChannelForm() {
        byte[] wire = new byte[MediaKeys.ENCODED_BYTES + 3];
        keys.writeTo(wire, 3);
        MediaKeys back = MediaKeys.readFrom(wire, 3);
        assertThat(back).isEqualTo(keys);
        assertThat(Arrays.copyOfRange(wire, 3, 19)).isEqualTo(keys.key(Direction.HOST_TO_CLIENT));
        assertThat(Arrays.copyOfRange(wire, 39, 43)).isEqualTo(keys.salt(Direction.CLIENT_TO_HOST));
        byte[][] plain = new byte[1][];
        byte[] sealedPacket = sealed(4, plain);
        assertThat(new PacketOpener(back, Direction.HOST_TO_CLIENT, counters).open(sealedPacket, 0, LEN)).isTrue();
        assertThatThrownBy(() -> MediaKeys.readFrom(wire, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortInputIsACountedDropNotAThrow() {
        byte[][] plain = new byte[1][];
        byte[] wire = sealed(1, plain);
        assertThat(opener.open(wire, 0, MediaHeaderFlyweight.HEADER_LENGTH + 3)).isFalse();
        assertThat(counters.get(DataPlaneCounter.DROP_AEAD)).isEqualTo(1);
    }
}
