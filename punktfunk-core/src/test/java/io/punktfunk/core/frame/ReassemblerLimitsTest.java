package io.punktfunk.core.frame;

import static io.punktfunk.core.stats.DataPlaneCounter.DROP_GEOMETRY;
import static io.punktfunk.core.stats.DataPlaneCounter.DROP_MALFORMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReassemblerLimitsTest {
    private static final int SHARD = 1408;
    private static final FecConfig FEC = new FecConfig(FecScheme.GF16_LEOPARD, 10, 64);
    private final ReassemblerLimits limits = ReassemblerLimits.from(FEC, SHARD, 1 << 20);

    /** Block 1 of a 100-shard frame: blocks of 64 + 36, this one k = 36, m = 4, parity shard 37. */
    private DataPlaneCounter check(Consumer<MediaHeaderFlyweight> edit, int lenDelta) {
        return check(edit, lenDelta, -1, (byte) 0);
    }

    private DataPlaneCounter check(Consumer<MediaHeaderFlyweight> edit, int lenDelta, int rawIndex, byte rawValue) {
        byte[] buf = new byte[MediaHeaderFlyweight.WIRE_OVERHEAD + 9300];
        MemorySegment s = MemorySegment.ofArray(buf);
        MediaHeaderFlyweight h = new MediaHeaderFlyweight().wrap(s, 0).magicAndVersion().fecScheme(1)
                .flags(MediaHeaderFlyweight.FLAG_PICTURE).frameIndex(5).frameBytes(100L * SHARD - 17).blockIndex(1)
                .blockCount(2).shardIndex(37).dataShards(36).recoveryShards(4).shardBytes(SHARD);
        edit.accept(h);
        if (rawIndex >= 0) {
            buf[rawIndex] = rawValue;
        }
        return limits.check(s, 0, MediaHeaderFlyweight.WIRE_OVERHEAD + SHARD + lenDelta);
    }

    @Test
    void derivesBoundsFromTheNegotiatedConfig() {
        assertThat(limits.maxDataShardsPerBlock()).isEqualTo(64);
        assertThat(limits.maxTotalShards()).isEqualTo(64 + 58);
        assertThat(limits.minShardBytes()).isEqualTo(512);
        assertThat(limits.maxShardBytes()).isEqualTo(9216 - 60);
        assertThat(limits.inFlightBudgetBytes()).isEqualTo(4L << 20);
        assertThat(ReassemblerLimits.from(FEC, 256, 1 << 20).minShardBytes()).isEqualTo(256);
    }

    @Test
    void aConsistentHeaderPasses() {
        assertThat(check(h -> { }, 0)).isNull();
        assertThat(check(h -> h.blockIndex(0).dataShards(64).recoveryShards(7).shardIndex(70), 0)).isNull();
        assertThat(check(h -> h.frameBytes(0).blockIndex(0).blockCount(1).dataShards(1).recoveryShards(2).shardIndex(2), 0))
                .isNull();
    }

    @Test
    void framingErrorsAreMalformed() {
        assertThat(check(h -> { }, -SHARD - 1)).as("shorter than header + tag").isEqualTo(DROP_MALFORMED);
        assertThat(check(h -> { }, 1)).isEqualTo(DROP_MALFORMED);
        assertThat(check(h -> { }, -2)).isEqualTo(DROP_MALFORMED);
        assertThat(check(h -> { }, 0, 0, (byte) 0xC8)).as("magic").isEqualTo(DROP_MALFORMED);
        assertThat(check(h -> { }, 0, 1, (byte) 2)).as("version").isEqualTo(DROP_MALFORMED);
    }

    @Test
    void fieldsOutsideTheLimitsOrInconsistentAreGeometry() {
        assertThat(check(h -> h.fecScheme(0), 0)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.fecScheme(7), 0)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.shardBytes(SHARD - 1), -1)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.shardBytes(510), 510 - SHARD)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.shardBytes(9200), 9200 - SHARD)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.frameBytes((1 << 20) + 1), 0)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.blockCount(3), 0)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.blockIndex(2), 0)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.dataShards(35), 0)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.blockIndex(0), 0)).as("block 0 must have k = K").isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.recoveryShards(122 - 36 + 1), 0)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.shardIndex(40), 0)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.shardIndex(0xFFFF), 0)).isEqualTo(DROP_GEOMETRY);
        assertThat(check(h -> h.dataShards(0).blockIndex(0).blockCount(0), 0)).isEqualTo(DROP_GEOMETRY);
    }

    @Test
    void refusesUnusableLimits() {
        assertThatThrownBy(() -> ReassemblerLimits.from(FEC, 1409, 1 << 20)).hasMessageContaining("even");
        assertThatThrownBy(() -> limits.withInFlightBudget(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReassemblerLimits(FecScheme.GF8_CAUCHY, 200, 300, 512, 9000, 1 << 20, 1 << 22,
                1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
