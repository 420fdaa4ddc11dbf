package io.punktfunk.control.quic;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.punktfunk.control.handshake.HandshakeMessage;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.identity.SelfSignedCertificates;
import io.punktfunk.control.message.ControlMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A hostile or minimal punktfunk/1 peer for tests: raw QUIC (ALPN pkf1, a throw-away client
 * certificate, any host certificate accepted) that sends whatever bytes a test wants on the control
 * stream and records how the host ended the connection. All connections of one abuser share one UDP
 * socket bound to {@code source}, so a test can play many source addresses (127.0.0.x on Linux).
 */
public final class QuicAbuser implements AutoCloseable {
    /** How the host ended a connection: QUIC application or transport close, code and reason phrase. */
    public record Ending(boolean application, int code, String reason) {
        @Override
        public String toString() {
            return (application ? "app" : "transport") + String.format(" 0x%02x ", code) + reason;
        }
    }

    private final EventLoopGroup group;
    private final Channel udp;

    public QuicAbuser(InetAddress source, EventLoopGroup group) throws InterruptedException {
        this(source, group, SelfSignedCertificates.generate("abuser"));
    }

    public QuicAbuser(InetAddress source, EventLoopGroup group, Identity identity) throws InterruptedException {
        this.group = group;
        QuicSslContext ssl = QuicSslContextBuilder.forClient()
                .keyManager(identity.privateKey(), null, identity.certificate())
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .applicationProtocols(QuicSettings.ALPN)
                .build();
        var codec = new QuicClientCodecBuilder()
                .sslContext(ssl)
                .maxIdleTimeout(8000, TimeUnit.MILLISECONDS)
                .initialMaxData(1 << 20)
                .initialMaxStreamDataBidirectionalLocal(1 << 18)
                .initialMaxStreamDataBidirectionalRemote(1 << 18)
                .datagram(16, 16)
                .build();
        this.udp = new Bootstrap().group(group).channel(QuicTransport.datagramChannel())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(codec);
                    }
                })
                .bind(new InetSocketAddress(source, 0)).sync().channel();
    }

    /** An event loop group for abusers (shared by many, so a flood does not cost a thread per connection). */
    public static EventLoopGroup newGroup(int threads) {
        return QuicTransport.newGroup(threads, "pkf-abuser");
    }

    /** One connection. {@link #ending} completes when the host (or the idle timeout) ends it. */
    public static final class Conn {
        final CompletableFuture<Ending> ending = new CompletableFuture<>();
        final CompletableFuture<Void> firstReply = new CompletableFuture<>();
        QuicChannel quic;
        QuicStreamChannel stream;

        public CompletableFuture<Ending> ending() {
            return ending;
        }

        /** Completes when the host first writes anything on the control stream (e.g. a PairChallenge). */
        public CompletableFuture<Void> firstReply() {
            return firstReply;
        }

        /** Sends raw bytes on the control stream (opened on first use). */
        public CompletableFuture<Void> sendRaw(ByteBuf bytes) {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            quic.eventLoop().execute(() -> {
                if (stream == null) {
                    quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            io.netty.util.ReferenceCountUtil.release(msg); // content unread: the close tells us enough
                            firstReply.complete(null);
                        }
                    }).addListener(f -> {
                        if (!f.isSuccess()) {
                            bytes.release();
                            sent.completeExceptionally(f.cause());
                            return;
                        }
                        stream = (QuicStreamChannel) f.getNow();
                        stream.writeAndFlush(bytes).addListener(w -> sent.complete(null));
                    });
                } else {
                    stream.writeAndFlush(bytes).addListener(w -> sent.complete(null));
                }
            });
            return sent;
        }

        /** Sends one well-formed frame {@code u16 LE length ‖ payload}. */
        public CompletableFuture<Void> send(ControlMessage m) {
            ByteBuf b = Unpooled.buffer();
            b.writeShortLE(0);
            io.punktfunk.control.message.ControlMessageCodec.encode(m, b);
            b.setShortLE(0, b.readableBytes() - 2);
            return sendRaw(b);
        }

        /** Sends one handshake message (Hello, Start) as a frame. */
        public CompletableFuture<Void> send(HandshakeMessage m) {
            ByteBuf b = Unpooled.buffer();
            b.writeShortLE(0);
            m.encode(b);
            b.setShortLE(0, b.readableBytes() - 2);
            return sendRaw(b);
        }

        /** Closes from this side without a reason (a vanishing peer would just stop). */
        public void close() {
            if (quic != null) {
                quic.close();
            }
        }
    }

    /**
     * Starts a connection. The returned Conn's {@link Conn#ending} also completes when the host refuses it
     * before the handshake finishes; {@code established} completes once TLS is done.
     */
    public Conn connect(InetSocketAddress host, CompletableFuture<Conn> established) {
        Conn c = new Conn();
        QuicChannel.newBootstrap(udp)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof QuicConnectionCloseEvent e) {
                            c.ending.complete(new Ending(e.isApplicationClose(), e.error(),
                                    new String(e.reason(), StandardCharsets.UTF_8)));
                        }
                        ctx.fireUserEventTriggered(evt);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        QuicChannel q = (QuicChannel) ctx.channel();
                        c.ending.complete(new Ending(false, -1, q.isTimedOut() ? "idle timeout" : "closed without a reason"));
                        ctx.fireChannelInactive();
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        io.netty.util.ReferenceCountUtil.release(msg); // datagrams (audio): not of interest
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // a refused handshake fails here (e.g. QUICHE_ERR_CRYPTO_FAIL); the ending says why
                    }
                })
                .streamHandler(new ChannelInboundHandlerAdapter())
                .remoteAddress(host)
                .connect()
                .addListener(f -> {
                    if (f.isSuccess()) {
                        c.quic = (QuicChannel) f.getNow();
                        established.complete(c);
                    } else {
                        // The handshake never finished (e.g. the host's refusal datagram was lost in a
                        // flood): no channel event will end this connection, so end it here.
                        c.ending.complete(new Ending(false, -1, "connect failed: " + f.cause()));
                        established.completeExceptionally(f.cause());
                    }
                });
        return c;
    }

    @Override
    public void close() {
        udp.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
}
