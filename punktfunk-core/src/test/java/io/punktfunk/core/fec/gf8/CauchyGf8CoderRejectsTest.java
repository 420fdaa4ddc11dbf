package io.punktfunk.core.fec.gf8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.core.fec.FecShapeException;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Unusable shapes and buffers fail with a FecShapeException before anything is written. */
class CauchyGf8CoderRejectsTest {
    private final CauchyGf8Coder coder = new CauchyGf8Coder();

    @Test
    void encodeRejectsBadShapes() {
        byte[][] data = new byte[255][8];
        byte[][] parity = new byte[255][8];
        assertRejected(() -> coder.encode(data, 0, parity, 2, 8), "original shard count must be at least 1");
        assertRejected(() -> coder.encode(data, 4, parity, 0, 8), "recovery shard count must be at least 1");
        assertRejected(() -> coder.encode(data, 200, parity, 56, 8), "at most 255 shards per block, got 200+56=256");
        assertRejected(() -> coder.encode(data, 4, parity, 2, 0), "shard length must be positive");
    }

    @Test
    void encodeRejectsMissingOrShortBuffers() {
        byte[][] parity = new byte[2][8];
        assertRejected(() -> coder.encode(null, 4, parity, 2, 8), "original array is null");
        assertRejected(() -> coder.encode(new byte[3][8], 4, parity, 2, 8), "original array has 3 entries, need 4");
        byte[][] withNull = {new byte[8], null, new byte[8], new byte[8]};
        assertRejected(() -> coder.encode(withNull, 4, parity, 2, 8), "original shard 1 is null");
        byte[][] withShort = {new byte[8], new byte[8], new byte[7], new byte[8]};
        assertRejected(() -> coder.encode(withShort, 4, parity, 2, 8), "original shard 2 has 7 bytes, need 8");
        assertRejected(() -> coder.encode(new byte[4][8], 4, new byte[][] {new byte[8], new byte[3]}, 2, 8),
                "recovery shard 1 has 3 bytes, need 8");
        assertRejected(() -> coder.encode(new byte[4][8], 4, null, 2, 8), "recovery array is null");
    }

    @Test
    void decodeRejectsTooFewShardsWithoutWriting() {
        byte[][] shards = new byte[6][16];
        for (byte[] s : shards) {
            Arrays.fill(s, (byte) 7);
        }
        boolean[] present = {false, true, false, true, false, true};
        assertRejected(() -> coder.decode(shards, present, 4, 2, 16), "too few shards to recover: have 3 of 6, need 4");
        for (byte[] s : shards) {
            assertThat(s).containsOnly(7);
        }
    }

    @Test
    void decodeRejectsMissingOrShortBuffers() {
        boolean[] present = {false, true, true, true, true, true};
        assertRejected(() -> coder.decode(null, present, 4, 2, 16), "shards and present must not be null");
        assertRejected(() -> coder.decode(new byte[6][16], null, 4, 2, 16), "shards and present must not be null");
        assertRejected(() -> coder.decode(new byte[5][16], present, 4, 2, 16), "need 6 shard slots and flags");
        byte[][] nullDestination = {null, new byte[16], new byte[16], new byte[16], new byte[16], new byte[16]};
        assertRejected(() -> coder.decode(nullDestination, present, 4, 2, 16), "missing original shard 0 is null");
        byte[][] shortPresent = {new byte[16], new byte[16], new byte[16], new byte[16], new byte[15], new byte[16]};
        assertRejected(() -> coder.decode(shortPresent, present, 4, 2, 16), "shard 4 has 15 bytes, need 16");
        assertRejected(() -> coder.decode(new byte[300][16], new boolean[300], 200, 56, 16), "at most 255 shards");
    }

    private static void assertRejected(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(FecShapeException.class).hasMessageContaining(message);
    }
}
