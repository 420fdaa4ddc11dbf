package io.punktfunk.control.quic;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlProtocolException;
import java.util.List;

/**
 * Splits the control stream into {@code u16 LE length ‖ payload} frames. The length is checked
 * against the bound before anything is buffered; after the first violation all further input is
 * discarded, since the session is being closed.
 */
final class ControlFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private boolean failed;

    ControlFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws ControlProtocolException {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 2) {
            return;
        }
        int len = in.getUnsignedShortLE(in.readerIndex());
        if (len > maxFrameBytes || len < 4) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw len > maxFrameBytes
                    ? new ControlProtocolException(CloseCode.MESSAGE_TOO_LARGE,
                            "control frame of " + len + " bytes exceeds the " + maxFrameBytes + "-byte limit")
                    : new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "control frame of " + len + " bytes is too short");
        }
        if (in.readableBytes() < 2 + len) {
            return;
        }
        in.skipBytes(2);
        out.add(in.readRetainedSlice(len));
    }
}
