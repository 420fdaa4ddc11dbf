package io.punktfunk.control.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.punktfunk.control.message.ControlMessage.*;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlMessageCodecTest {
    static List<ControlMessage> samples() {
        byte[] share = new byte[65];
        share[0] = 4;
        byte[] mac = new byte[32];
        mac[31] = 9;
        return List.of(new PairRequest("Wohnzimmer-PC ✓", share), new PairChallenge(share), new PairProof(mac),
                new PairResult(true, mac), new Refused(0x63, "not paired"), new Keepalive(), new Close(0x51, "bye"),
                new SetBitrate(150_000), new BitrateChanged(2_000_000, 1), new ProbeRequest(1_000_000, 2000),
                new ProbeResult(1L << 40, 123456, 2000, 130000, 7), new LossReport(3, 12_345, 99_999_999_999L), new ReceiverStats(4, 1L << 33, 16_500, -1),
                new FecChanged(29), new InvalidateRefs(-5, 17), new RequestKeyframe(), new ClockProbe(Long.MAX_VALUE),
                new ClockEcho(1, 2, 3), new InputEdge(new InputEvent(InputEvent.KEY_UP, 0x41, -1, 2, 0x10)));
    }

    @Test
    void everyMessageRoundTrips() throws ControlProtocolException {
        for (ControlMessage m : samples()) {
            ByteBuf buf = Unpooled.buffer();
            ControlMessageCodec.encode(m, buf);
            ControlMessage back = ControlMessageCodec.decode(buf);
            assertThat(back).as("%s", m).usingRecursiveComparison().isEqualTo(m);
            assertThat(buf.isReadable()).isFalse();
        }
    }

    @Test
    void layoutIsLittleEndianWithMagicAndType() {
        ByteBuf buf = Unpooled.buffer();
        ControlMessageCodec.encode(new SetBitrate(0x01020304), buf);
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        assertThat(b).containsExactly('P', 'K', 'F', 'c', 0x24, 4, 3, 2, 1);
    }

    @Test
    void truncatedTrailingAndBadValuesAreMalformed() {
        for (ControlMessage m : samples()) {
            ByteBuf buf = Unpooled.buffer();
            ControlMessageCodec.encode(m, buf);
            if (buf.readableBytes() > ControlMessageCodec.TYPED_HEADER_BYTES) {
                ByteBuf cut = buf.copy(0, buf.readableBytes() - 1);
                assertThatThrownBy(() -> ControlMessageCodec.decode(cut)).as("truncated %s", m)
                        .isInstanceOf(ControlProtocolException.class);
            }
            ByteBuf longer = buf.copy().writeByte(0);
            assertThatThrownBy(() -> ControlMessageCodec.decode(longer)).as("trailing byte after %s", m)
                    .isInstanceOf(ControlProtocolException.class);
        }
        ByteBuf ppm = Unpooled.buffer().writeIntLE(ControlMessageCodec.TYPED_MAGIC).writeByte(ControlMessage.LOSS_REPORT)
                .writeIntLE(1).writeIntLE(2_000_000).writeLongLE(0);
        assertThatThrownBy(() -> ControlMessageCodec.decode(ppm)).hasMessageContaining("ppm");
        ByteBuf latency = Unpooled.buffer().writeIntLE(ControlMessageCodec.TYPED_MAGIC).writeByte(ControlMessage.RECEIVER_STATS)
                .writeIntLE(1).writeLongLE(0).writeIntLE(-2).writeIntLE(0);
        assertThatThrownBy(() -> ControlMessageCodec.decode(latency)).hasMessageContaining("latency");
        ByteBuf badUtf8 = Unpooled.buffer().writeIntLE(ControlMessageCodec.TYPED_MAGIC).writeByte(ControlMessage.CLOSE)
                .writeIntLE(0).writeShortLE(2).writeByte(0xC3).writeByte(0x28);
        assertThatThrownBy(() -> ControlMessageCodec.decode(badUtf8)).hasMessageContaining("UTF-8");
    }

    /** ReceiverStats (0x2A) was added after LossReport: its layout as documented in control-plane.md. */
    @Test
    void receiverStatsLayout() {
        ByteBuf buf = Unpooled.buffer();
        ControlMessageCodec.encode(new ReceiverStats(0x01020304, 0x0A0B0C0D0E0F1011L, 16_500, -1), buf);
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        assertThat(b).containsExactly('P', 'K', 'F', 'c', 0x2A, 4, 3, 2, 1, 0x11, 0x10, 0x0F, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A,
                0x74, 0x40, 0, 0, -1, -1, -1, -1);
    }

    @Test
    void unknownTypeIsSkippedNotFatal() throws ControlProtocolException {
        ByteBuf buf = Unpooled.buffer().writeIntLE(ControlMessageCodec.TYPED_MAGIC).writeByte(0x7E).writeZero(10);
        assertThat(ControlMessageCodec.decode(buf)).isNull();
        assertThat(buf.isReadable()).isFalse();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 0x5eed})
    void randomBytesNeverEscapeAsAnythingButProtocolErrors(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            ByteBuf buf = Unpooled.buffer();
            if (r.nextBoolean()) {
                buf.writeIntLE(ControlMessageCodec.TYPED_MAGIC).writeByte(r.nextInt(0x10, 0x51));
            }
            int n = r.nextInt(0, 80);
            for (int j = 0; j < n; j++) {
                buf.writeByte(r.nextInt(256));
            }
            try {
                ControlMessageCodec.decode(buf);
            } catch (ControlProtocolException expected) {
                // fine: a clean protocol error
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " case " + i + ": " + e, e);
            }
        }
    }
}
