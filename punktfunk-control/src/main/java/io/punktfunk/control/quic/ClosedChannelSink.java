package io.punktfunk.control.quic;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.channels.ClosedChannelException;

/**
 * Last handler of the UDP pipelines: quiche flushing a connection whose socket or stream just closed
 * raises {@link ClosedChannelException}, which is expected at teardown and not worth a WARN.
 */
@ChannelHandler.Sharable
final class ClosedChannelSink extends ChannelInboundHandlerAdapter {
    static final ClosedChannelSink INSTANCE = new ClosedChannelSink();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ClosedChannelException)) {
            ctx.fireExceptionCaught(cause);
        }
    }
}
