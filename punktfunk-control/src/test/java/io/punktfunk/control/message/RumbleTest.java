package io.punktfunk.control.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RumbleTest {

    @Test
    void everyLayoutRoundTrips() throws ControlProtocolException {
        for (Rumble r : new Rumble[] {new Rumble(3, 0xFFFF, 1, Rumble.NO_SEQ, 0, 0, 0, 1), Rumble.of(15, 40000, 20000, 255, 120),
                new Rumble(0, 1, 2, 7, 65535, 0xFFFF, 9, 3)}) {
            ByteBuf buf = Unpooled.buffer();
            r.encode(buf);
            assertThat(buf.readableBytes()).isEqualTo(r.bytes());
            assertThat(Rumble.decode(buf)).isEqualTo(r);
            assertThat(buf.isReadable()).isFalse();
        }
    }

    @Test
    void layoutIsLittleEndianPerReference() {
        ByteBuf buf = Unpooled.buffer();
        new Rumble(2, 0x1234, 0xABCD, 0x81, 0x0102, 0x0304, 0x0506, 3).encode(buf);
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        assertThat(b).containsExactly(0xCA, 2, 0, 0x34, 0x12, 0xCD, 0xAB, 0x81, 0x02, 0x01, 0x04, 0x03, 0x06, 0x05);
    }

    @Test
    void malformedDatagramsAreRejected() {
        for (int len = 0; len < 20; len++) {
            if (len == 7 || len == 10 || len == 14) {
                continue;
            }
            ByteBuf buf = Unpooled.buffer().writeByte(Rumble.TAG).writeZero(Math.max(0, len - 1));
            ByteBuf in = len == 0 ? Unpooled.buffer() : buf;
            int n = len;
            assertThatThrownBy(() -> Rumble.decode(in)).as("%d bytes", n).isInstanceOf(ControlProtocolException.class)
                    .hasMessageContaining("rumble");
        }
        ByteBuf badPad = Unpooled.buffer().writeByte(Rumble.TAG).writeShortLE(16).writeZero(7);
        assertThatThrownBy(() -> Rumble.decode(badPad)).hasMessageContaining("pad 16");
        ByteBuf badTag = Unpooled.buffer().writeByte(0xC9).writeZero(9);
        assertThatThrownBy(() -> Rumble.decode(badTag)).hasMessageContaining("tag");
    }

    @Test
    void randomBytesOnlyEverDecodeOrRaiseProtocolErrors() {
        SplittableRandom random = new SplittableRandom(0xCA);
        int decoded = 0;
        for (int i = 0; i < 4096; i++) {
            byte[] b = new byte[random.nextInt(16)];
            random.nextBytes(b);
            if (b.length > 0) {
                b[0] = (byte) Rumble.TAG;
            }
            if (b.length > 2 && random.nextBoolean()) {
                b[1] &= 0x1F; // pad 0..31: half in range
                b[2] = 0;
            }
            try {
                Rumble r = Rumble.decode(Unpooled.wrappedBuffer(b));
                assertThat(r.pad()).isBetween(0, 15);
                decoded++;
            } catch (ControlProtocolException e) {
                assertThat(e.code()).isEqualTo(CloseCode.PROTOCOL_VIOLATION);
            }
        }
        assertThat(decoded).as("some random datagrams of the right length decode").isPositive();
    }

    @Test
    void ttlDefaultsWhenAbsent() {
        assertThat(new Rumble(0, 1, 1, Rumble.NO_SEQ, 0, 0, 0, 1).effectiveTtlMs()).isEqualTo(Rumble.DEFAULT_TTL_MS);
        assertThat(Rumble.of(0, 1, 1, 0, 0).effectiveTtlMs()).isEqualTo(Rumble.DEFAULT_TTL_MS);
        assertThat(Rumble.of(0, 1, 1, 0, 80).effectiveTtlMs()).isEqualTo(80);
        assertThat(Rumble.of(0, 0, 0, 0, 80).silent()).isTrue();
    }
}
