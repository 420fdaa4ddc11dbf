package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.core.fec.FecShapeException;
import org.junit.jupiter.api.Test;

/** Unusable shapes and buffers fail with FecShapeException before anything is written. */
class LeopardGf16ShapeTest {
    private final LeopardGf16Coder coder = new LeopardGf16Coder();

    @Test
    void rejectsBadCountsAndLengths() {
        assertThatThrownBy(() -> coder.encode(new byte[1][64], 0, new byte[1][64], 1, 64))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> coder.encode(new byte[1][64], 1, new byte[1][64], 0, 64))
                .isInstanceOf(FecShapeException.class);
        assertThatThrownBy(() -> coder.encode(new byte[2][63], 2, new byte[1][63], 1, 63))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("even");
        assertThatThrownBy(() -> coder.encode(new byte[2][0], 2, new byte[1][0], 1, 0))
                .isInstanceOf(FecShapeException.class);
    }

    @Test
    void rejectsShapesBeyondRsSimdLimits() {
        // k + m > 65535
        assertThatThrownBy(() -> coder.encode(new byte[40000][], 40000, new byte[30000][], 30000, 2))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("65535");
        // high rate: NextPow2(4097) + 61000 > 65536
        assertThatThrownBy(() -> coder.encode(new byte[61000][], 61000, new byte[4097][], 4097, 2))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("NextPow2");
        // low rate mirror
        assertThatThrownBy(() -> coder.encode(new byte[4097][], 4097, new byte[61000][], 61000, 2))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("NextPow2");
        // work area beyond one array: 4096+1 shards of 1 MiB
        assertThatThrownBy(() -> coder.encode(new byte[4096][], 4096, new byte[1][], 1, 1 << 20))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("work area");
    }

    @Test
    void rejectsNullAndShortBuffers() {
        byte[][] originals = new byte[3][64];
        originals[1] = null;
        assertThatThrownBy(() -> coder.encode(originals, 3, new byte[2][64], 2, 64))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("null");
        byte[][] shortRecovery = {new byte[64], new byte[32]};
        assertThatThrownBy(() -> coder.encode(new byte[3][64], 3, shortRecovery, 2, 64))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("bytes");
        assertThatThrownBy(() -> coder.encode(null, 3, new byte[2][64], 2, 64))
                .isInstanceOf(FecShapeException.class);
        assertThatThrownBy(() -> coder.encode(new byte[2][64], 3, new byte[2][64], 2, 64))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("entries");
    }

    @Test
    void decodeRejectsTooFewShardsAndLeavesBuffersAlone() {
        byte[][] shards = new byte[5][64];
        shards[0][0] = 42;
        boolean[] present = {false, false, true, true, false};
        assertThatThrownBy(() -> coder.decode(shards, present, 3, 2, 64))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("too few");
        assertThat(shards[0][0]).isEqualTo((byte) 42);
        assertThatThrownBy(() -> coder.decode(shards, new boolean[4], 3, 2, 64))
                .isInstanceOf(FecShapeException.class);
        byte[][] missingDestination = new byte[5][64];
        missingDestination[1] = null;
        boolean[] secondMissing = {true, false, true, true, true};
        assertThatThrownBy(() -> coder.decode(missingDestination, secondMissing, 3, 2, 64))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> coder.decode(shards, present, 3, 2, 66))
                .isInstanceOf(FecShapeException.class).hasMessageContaining("bytes");
    }

    @Test
    void decodeWithNothingMissingRestoresNothing() {
        byte[][] shards = new byte[5][64];
        boolean[] present = {true, true, true, false, false};
        assertThat(coder.decode(shards, present, 3, 2, 64)).isZero();
    }
}
