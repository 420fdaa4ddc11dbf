package io.punktfunk.control.quic;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import java.nio.channels.ClosedChannelException;

/**
 * The end of a QUIC connection's pipeline, shared by host and client: hands DATAGRAM frames
 * (released afterwards), the peer's close reason, teardown and errors to the connection, and
 * passes everything else (new streams) on. A write racing the close is not an error.
 */
abstract class QuicConnectionHandler extends ChannelInboundHandlerAdapter {

    /** One received DATAGRAM frame; released by the caller after this returns. */
    abstract void datagram(ByteBuf datagram);

    /** The peer's CONNECTION_CLOSE (code and reason). */
    abstract void closeEvent(QuicConnectionCloseEvent event);

    /** The connection is gone. */
    abstract void closed();

    /** A pipeline error other than writing to an already closed channel. */
    abstract void error(Throwable cause);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf datagram) {
            try {
                datagram(datagram);
            } finally {
                datagram.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof QuicConnectionCloseEvent e) {
            closeEvent(e);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) {
        closed();
        ctx.fireChannelInactive();
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ClosedChannelException)) {
            error(cause);
        }
    }
}
