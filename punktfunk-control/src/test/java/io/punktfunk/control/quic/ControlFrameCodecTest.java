package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.ControlMessageCodec;
import io.punktfunk.control.message.ControlProtocolException;
import org.junit.jupiter.api.Test;

/** The u16-length framing on an {@link EmbeddedChannel}: reassembly across reads, bounds before buffering. */
class ControlFrameCodecTest {
    @Test
    void framesSurviveAnySplitAndComeOutWhole() throws Exception {
        EmbeddedChannel out = new EmbeddedChannel(ControlFrameEncoder.INSTANCE);
        out.writeOutbound(new ControlMessage.SetBitrate(1234), new ControlMessage.RequestKeyframe(),
                new ControlMessage.Close(0, "bye"));
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf b; (b = out.readOutbound()) != null; ) {
            wire.writeBytes(b);
            b.release();
        }
        EmbeddedChannel in = new EmbeddedChannel(new ControlFrameDecoder(4096));
        while (wire.isReadable()) {
            in.writeInbound(wire.readRetainedSlice(Math.min(3, wire.readableBytes()))); // 3-byte dribbles
        }
        ByteBuf f1 = in.readInbound();
        ByteBuf f2 = in.readInbound();
        ByteBuf f3 = in.readInbound();
        assertThat(ControlMessageCodec.decode(f1)).isEqualTo(new ControlMessage.SetBitrate(1234));
        assertThat(ControlMessageCodec.decode(f2)).isEqualTo(new ControlMessage.RequestKeyframe());
        assertThat(ControlMessageCodec.decode(f3)).isEqualTo(new ControlMessage.Close(0, "bye"));
        assertThat((Object) in.readInbound()).isNull();
        f1.release();
        f2.release();
        f3.release();
    }

    @Test
    void oversizedLengthIsRejectedBeforeTheBodyArrives() {
        EmbeddedChannel in = new EmbeddedChannel(new ControlFrameDecoder(4096));
        assertThatThrownBy(() -> in.writeInbound(Unpooled.buffer().writeShortLE(5000).writeByte(1)))
                .isInstanceOf(DecoderException.class)
                .cause().isInstanceOfSatisfying(ControlProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(CloseCode.MESSAGE_TOO_LARGE));
        // everything after the violation is discarded, nothing leaks through
        in.writeInbound(Unpooled.buffer().writeShortLE(5).writeZero(5));
        assertThat((Object) in.readInbound()).isNull();
    }

    @Test
    void tooShortFrameIsAViolation() {
        EmbeddedChannel in = new EmbeddedChannel(new ControlFrameDecoder(4096));
        assertThatThrownBy(() -> in.writeInbound(Unpooled.buffer().writeShortLE(2).writeZero(2)))
                .cause().isInstanceOfSatisfying(ControlProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(CloseCode.PROTOCOL_VIOLATION));
    }
}
