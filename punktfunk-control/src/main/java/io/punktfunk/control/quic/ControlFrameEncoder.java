package io.punktfunk.control.quic;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import io.punktfunk.control.handshake.HandshakeMessage;
import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.ControlMessageCodec;

/** Writes {@link ControlMessage}s and {@link HandshakeMessage}s as {@code u16 LE length ‖ payload} frames. */
@ChannelHandler.Sharable
final class ControlFrameEncoder extends MessageToByteEncoder<Object> {
    static final ControlFrameEncoder INSTANCE = new ControlFrameEncoder();

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof ControlMessage || msg instanceof HandshakeMessage;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        int lengthAt = out.writerIndex();
        out.writeShortLE(0);
        if (msg instanceof ControlMessage m) {
            ControlMessageCodec.encode(m, out);
        } else {
            ((HandshakeMessage) msg).encode(out);
        }
        int len = out.writerIndex() - lengthAt - 2;
        if (len > 0xFFFF) {
            throw new EncoderException("control frame of " + len + " bytes does not fit the u16 length");
        }
        out.setShortLE(lengthAt, len);
    }
}
