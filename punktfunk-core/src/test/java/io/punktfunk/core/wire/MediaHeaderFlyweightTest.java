package io.punktfunk.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MediaHeaderFlyweightTest {

    @Test
    void writesEveryFieldLittleEndianAtItsDocumentedOffset() {
        byte[] buf = new byte[64];
        MemorySegment s = MemorySegment.ofArray(buf);
        new MediaHeaderFlyweight().wrap(s, 0)
                .magicAndVersion()
                .fecScheme(1)
                .flags(MediaHeaderFlyweight.FLAG_PICTURE | MediaHeaderFlyweight.FLAG_LAST)
                .frameIndex(0x11223344)
                .sequence(0x0102030405060708L)
                .ptsNs(0x1112131415161718L)
                .frameBytes(0xA1A2A3A4L)
                .userFlags(0x00000210)
                .blockIndex(0x0B01)
                .blockCount(0x0C02)
                .shardIndex(0x0D03)
                .dataShards(0x0E04)
                .recoveryShards(0x0F05)
                .shardBytes(0x0580);

        assertThat(buf[0]).isEqualTo((byte) 0xC9);
        assertThat(buf[1]).isEqualTo((byte) 1);
        assertThat(buf[2]).isEqualTo((byte) 1);
        assertThat(buf[3]).isEqualTo((byte) 0x03);
        assertThat(buf[4]).isEqualTo((byte) 0x44);
        assertThat(buf[7]).isEqualTo((byte) 0x11);
        assertThat(buf[8]).isEqualTo((byte) 0x08);
        assertThat(buf[15]).isEqualTo((byte) 0x01);
        assertThat(buf[16]).isEqualTo((byte) 0x18);
        assertThat(buf[24]).isEqualTo((byte) 0xA4);
        assertThat(buf[28]).isEqualTo((byte) 0x10);
        assertThat(buf[29]).isEqualTo((byte) 0x02);
        assertThat(buf[32]).isEqualTo((byte) 0x01);
        assertThat(buf[34]).isEqualTo((byte) 0x02);
        assertThat(buf[36]).isEqualTo((byte) 0x03);
        assertThat(buf[38]).isEqualTo((byte) 0x04);
        assertThat(buf[40]).isEqualTo((byte) 0x05);
        assertThat(buf[42]).isEqualTo((byte) 0x80);
        assertThat(buf[43]).isEqualTo((byte) 0x05);
        assertThat(buf[44]).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 0x5EEDL})
    void roundTripsRandomFieldsIncludingUnsignedExtremes(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] buf = new byte[4096];
        MemorySegment s = MemorySegment.ofArray(buf);
        MediaHeaderFlyweight h = new MediaHeaderFlyweight();
        for (int i = 0; i < 1000; i++) {
            int off = rnd.nextInt(buf.length - MediaHeaderFlyweight.HEADER_LENGTH);
            int scheme = rnd.nextInt(256);
            int flags = rnd.nextInt(256);
            int frame = rnd.nextInt();
            long seq = rnd.nextLong();
            long pts = rnd.nextLong();
            long frameBytes = i == 0 ? 0xFFFF_FFFFL : rnd.nextLong(1L << 32);
            int user = rnd.nextInt();
            int[] u16 = new int[6];
            for (int j = 0; j < u16.length; j++) {
                u16[j] = i == 0 ? 0xFFFF : rnd.nextInt(1 << 16);
            }
            h.wrap(s, off).magicAndVersion().fecScheme(scheme).flags(flags).frameIndex(frame).sequence(seq).ptsNs(pts)
                    .frameBytes(frameBytes).userFlags(user).blockIndex(u16[0]).blockCount(u16[1]).shardIndex(u16[2])
                    .dataShards(u16[3]).recoveryShards(u16[4]).shardBytes(u16[5]);
            String why = "seed " + seed + " iteration " + i;
            assertThat(MediaHeaderFlyweight.magic(s, off)).as(why).isEqualTo(0xC9);
            assertThat(MediaHeaderFlyweight.version(s, off)).as(why).isEqualTo(MediaHeaderFlyweight.VERSION);
            assertThat(h.fecScheme()).as(why).isEqualTo(scheme);
            assertThat(h.flags()).as(why).isEqualTo(flags);
            assertThat(h.frameIndex()).as(why).isEqualTo(frame);
            assertThat(h.sequence()).as(why).isEqualTo(seq);
            assertThat(h.ptsNs()).as(why).isEqualTo(pts);
            assertThat(h.frameBytes()).as(why).isEqualTo(frameBytes);
            assertThat(h.userFlags()).as(why).isEqualTo(user);
            assertThat(new int[] {h.blockIndex(), h.blockCount(), h.shardIndex(), h.dataShards(), h.recoveryShards(),
                h.shardBytes()}).as(why).containsExactly(u16);
            assertThat(MediaHeaderFlyweight.sequence(s, off)).as(why).isEqualTo(seq);
            assertThat(MediaHeaderFlyweight.shardBytes(s, off)).as(why).isEqualTo(u16[5]);
        }
    }

    @Test
    void overheadIsHeaderPlusTag() {
        assertThat(MediaHeaderFlyweight.WIRE_OVERHEAD).isEqualTo(60);
        assertThat(MediaHeaderFlyweight.SHARD_BYTES_OFFSET + 2).isEqualTo(MediaHeaderFlyweight.HEADER_LENGTH);
    }
}
