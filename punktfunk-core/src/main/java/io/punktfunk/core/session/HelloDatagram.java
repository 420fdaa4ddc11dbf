package io.punktfunk.core.session;

import io.punktfunk.core.wire.MediaHeaderFlyweight;
import java.lang.foreign.MemorySegment;

/**
 * The client-to-host hello (docs/wire-format.md "Hello"): a media header with {@code FLAG_HELLO},
 * no shard, sealed under the client-to-host key. The host learns the client's data address from
 * the first one that authenticates (NAT-friendly: whatever source address the NAT gave it); later
 * ones keep the NAT binding open.
 */
final class HelloDatagram {
    /** Header and tag, no shard. */
    static final int BYTES = MediaHeaderFlyweight.HEADER_LENGTH + MediaHeaderFlyweight.TAG_LENGTH;

    private HelloDatagram() {
    }

    /** Writes an unsealed hello with counter {@code n} through {@code header} (wrapped over a zeroed buffer). */
    static void write(MediaHeaderFlyweight header, int n, int fecScheme) {
        header.magicAndVersion().fecScheme(fecScheme).flags(MediaHeaderFlyweight.FLAG_HELLO).frameIndex(n)
                .sequence(0).shardBytes(0);
    }

    /** Whether {@code len} bytes at {@code s} look like a hello (before any crypto). */
    static boolean looksLike(MemorySegment s, int len) {
        return len == BYTES
                && MediaHeaderFlyweight.magic(s, 0) == (MediaHeaderFlyweight.MAGIC & 0xFF)
                && MediaHeaderFlyweight.version(s, 0) == MediaHeaderFlyweight.VERSION
                && (MediaHeaderFlyweight.flags(s, 0) & ~MediaHeaderFlyweight.KEY_PHASE_MASK) == MediaHeaderFlyweight.FLAG_HELLO
                && MediaHeaderFlyweight.shardBytes(s, 0) == 0;
    }
}
