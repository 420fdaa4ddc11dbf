package io.punktfunk.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.MemorySegment;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-direction keys, epochs, the key phase in the header and the bounded overlap of the old key. */
class KeyUpdateTest {
    private static final int SHARD = 64;
    private static final int LEN = MediaHeaderFlyweight.WIRE_OVERHEAD + SHARD;
    private static final long OVERLAP_NS = 1_000_000L;

    private static byte[] packet() {
        byte[] b = new byte[LEN];
        new MediaHeaderFlyweight().wrap(MemorySegment.ofArray(b), 0).magicAndVersion()
                .flags(MediaHeaderFlyweight.FLAG_PICTURE);
        b[MediaHeaderFlyweight.HEADER_LENGTH] = 42;
        return b;
    }

    private static int phase(byte[] p) {
        return (p[MediaHeaderFlyweight.FLAGS_OFFSET] & MediaHeaderFlyweight.KEY_PHASE_MASK) >>> MediaHeaderFlyweight.KEY_PHASE_SHIFT;
    }

    @Test
    void derivedKeysDifferPerDirectionAndPerEpoch() {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        MediaKeys keys = MediaKeys.derive(secret);
        assertThat(keys.key(Direction.HOST_TO_CLIENT)).isNotEqualTo(keys.key(Direction.CLIENT_TO_HOST));
        assertThat(keys.salt(Direction.HOST_TO_CLIENT)).isNotEqualTo(keys.salt(Direction.CLIENT_TO_HOST));
        assertThat(MediaKeys.derive(secret)).as("both ends derive the same").isEqualTo(keys);
        secret[0] ^= 1;
        assertThat(MediaKeys.derive(secret)).isNotEqualTo(keys);

        Set<String> seen = new HashSet<>();
        for (Direction d : Direction.values()) {
            KeySchedule ks = new KeySchedule(keys, d);
            for (int e = 0; e < 8; e++) {
                assertThat(seen.add(Arrays.toString(ks.key()))).as("%s epoch %d key is new", d, e).isTrue();
                assertThat(seen.add(Arrays.toString(Arrays.copyOf(ks.nonceTemplate(), 4)))).isTrue();
                ks.advance();
            }
        }
        // a host-to-client packet does not open as client-to-host
        DataPlaneCounters c = new DataPlaneCounters();
        byte[] p = packet();
        new PacketSealer(keys, Direction.HOST_TO_CLIENT).seal(p, 0, SHARD);
        assertThat(new PacketOpener(keys, Direction.CLIENT_TO_HOST, c).open(p.clone(), 0, LEN, 0)).isFalse();
        assertThat(new PacketOpener(keys, Direction.HOST_TO_CLIENT, c).open(p, 0, LEN, 0)).isTrue();
    }

    @Test
    void openerFollowsEveryEpochAndThePhaseCycles() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        DataPlaneCounters c = new DataPlaneCounters();
        PacketSealer sealer = new PacketSealer(keys, Direction.HOST_TO_CLIENT, 3);
        PacketOpener opener = new PacketOpener(keys, Direction.HOST_TO_CLIENT, c, OVERLAP_NS);
        for (int i = 0; i < 300; i++) {
            byte[] p = packet();
            sealer.seal(p, 0, SHARD);
            assertThat(phase(p)).isEqualTo((i / 3) & 3);
            assertThat(opener.open(p, 0, LEN, i)).as("packet %d", i).isTrue();
            assertThat(p[MediaHeaderFlyweight.HEADER_LENGTH]).isEqualTo((byte) 42);
        }
        assertThat(sealer.epoch()).isEqualTo(99);
        assertThat(opener.epoch()).isEqualTo(99);
        assertThat(c.get(DataPlaneCounter.KEY_UPDATES)).isEqualTo(99);
        assertThat(c.get(DataPlaneCounter.PACKETS_DROPPED)).isZero();
    }

    @Test
    void previousEpochIsAcceptedWithinTheOverlapAndDroppedAfterIt() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        DataPlaneCounters c = new DataPlaneCounters();
        PacketSealer sealer = new PacketSealer(keys, Direction.HOST_TO_CLIENT, 4);
        PacketOpener opener = new PacketOpener(keys, Direction.HOST_TO_CLIENT, c, OVERLAP_NS);
        byte[][] epoch0 = new byte[4][];
        for (int i = 0; i < 4; i++) {
            epoch0[i] = packet();
            sealer.seal(epoch0[i], 0, SHARD);
        }
        byte[] epoch1 = packet();
        sealer.seal(epoch1, 0, SHARD);
        assertThat(phase(epoch1)).isEqualTo(1);

        long t = 5_000;
        assertThat(opener.open(epoch0[0], 0, LEN, t)).isTrue();
        assertThat(opener.open(epoch1, 0, LEN, t)).as("the new epoch's first packet").isTrue();
        assertThat(opener.epoch()).isEqualTo(1);
        // reordered straggler of epoch 0 inside the overlap: still opens
        assertThat(opener.open(epoch0[1], 0, LEN, t + OVERLAP_NS - 1)).isTrue();
        // after the overlap the old key is gone: dropped before any crypto, counted
        assertThat(opener.open(epoch0[2], 0, LEN, t + OVERLAP_NS)).isFalse();
        assertThat(c.get(DataPlaneCounter.DROP_KEY_EPOCH)).isEqualTo(1);
        assertThat(c.get(DataPlaneCounter.DROP_AEAD)).isZero();
        assertThat(c.get(DataPlaneCounter.PACKETS_DROPPED)).isEqualTo(1);
    }

    @Test
    void aForgedNextPhasePacketDoesNotMoveTheOpenerAndTwoEpochsAwayIsDropped() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        DataPlaneCounters c = new DataPlaneCounters();
        PacketOpener opener = new PacketOpener(keys, Direction.HOST_TO_CLIENT, c, OVERLAP_NS);
        byte[] forged = packet();
        forged[MediaHeaderFlyweight.FLAGS_OFFSET] |= 1 << MediaHeaderFlyweight.KEY_PHASE_SHIFT;
        assertThat(opener.open(forged, 0, LEN, 0)).isFalse();
        assertThat(opener.epoch()).isZero();
        assertThat(c.get(DataPlaneCounter.DROP_AEAD)).isEqualTo(1);

        byte[] far = packet();
        far[MediaHeaderFlyweight.FLAGS_OFFSET] |= 2 << MediaHeaderFlyweight.KEY_PHASE_SHIFT;
        assertThat(opener.open(far, 0, LEN, 0)).isFalse();
        assertThat(c.get(DataPlaneCounter.DROP_KEY_EPOCH)).isEqualTo(1);

        // the phase is authenticated: flipping it on a genuine packet fails the tag
        byte[] p = packet();
        new PacketSealer(keys, Direction.HOST_TO_CLIENT).seal(p, 0, SHARD);
        p[MediaHeaderFlyweight.FLAGS_OFFSET] ^= 1 << MediaHeaderFlyweight.KEY_PHASE_SHIFT;
        assertThat(opener.open(p, 0, LEN, 0)).isFalse();
        assertThat(c.get(DataPlaneCounter.DROP_AEAD)).isEqualTo(2);
    }
}
