package io.punktfunk.control.quic;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicSslEngine;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.message.ControlProtocolException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Client end of the control plane: dials hosts over QUIC (ALPN {@code pkf1}) presenting this
 * client's certificate and checking the host's against a pinned fingerprint. One UDP socket per
 * connection, so a connection's death takes nothing else with it.
 */
public final class ControlClient implements AutoCloseable {
    private final Identity identity;
    private final QuicSettings settings;
    private final EventLoopGroup group;
    private final EngineRoutingTrustManager trust = new EngineRoutingTrustManager();
    private final QuicSslContext ssl;
    private final java.util.Set<ControlConnection> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ControlClient(Identity identity, QuicSettings settings) {
        this.identity = identity;
        this.settings = settings;
        this.ssl = QuicSslContextBuilder.forClient()
                .keyManager(identity.privateKey(), null, identity.certificate())
                .trustManager(trust)
                .endpointIdentificationAlgorithm(null) // we pin fingerprints, there is no host name to verify
                .applicationProtocols(QuicSettings.ALPN)
                .build();
        this.group = QuicTransport.newGroup(settings.eventLoopThreads(), "pkf-control-client");
    }

    /** This client's identity. */
    public Identity identity() {
        return identity;
    }

    /**
     * Connects and opens the control stream. With {@code pinned} null any host certificate is
     * accepted (first contact, to pair); otherwise a different fingerprint fails the TLS handshake and
     * the future with a {@link ControlException} naming both fingerprints.
     */
    public CompletableFuture<ControlConnection> connect(InetSocketAddress host, Fingerprint pinned) {
        CompletableFuture<ControlConnection> result = new CompletableFuture<>();
        HostCertificateVerifier verifier = new HostCertificateVerifier(pinned);
        ControlConnection conn = new ControlConnection(identity, verifier, settings);
        java.util.concurrent.atomic.AtomicReference<QuicSslEngine> engine = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Channel> socket = new java.util.concurrent.atomic.AtomicReference<>();
        ChannelHandler codec = new QuicClientCodecBuilder()
                .sslEngineProvider(ch -> {
                    QuicSslEngine e = ssl.newEngine(ch.alloc());
                    trust.register(e, verifier);
                    engine.set(e);
                    return e;
                })
                .maxIdleTimeout(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(1 << 20)
                .initialMaxStreamDataBidirectionalLocal(1 << 18)
                .initialMaxStreamDataBidirectionalRemote(1 << 18)
                .initialMaxStreamsBidirectional(0)
                .initialMaxStreamsUnidirectional(0)
                .datagram(256, 256)
                .build();
        new Bootstrap().group(group).channel(QuicTransport.datagramChannel()).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(codec, ClosedChannelSink.INSTANCE);
            }
        }).bind(0).addListener(bound -> {
            if (!bound.isSuccess()) {
                result.completeExceptionally(new ControlException(-1, "cannot open a UDP socket: " + bound.cause(), bound.cause()));
                return;
            }
            Channel udp = ((io.netty.channel.ChannelFuture) bound).channel();
            socket.set(udp);
            QuicChannel.newBootstrap(udp)
                    .handler(connectionHandler(conn))
                    .streamHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            ctx.close(); // hosts open no streams toward clients in punktfunk/1
                        }
                    })
                    .remoteAddress(host)
                    .connect()
                    .addListener(connected -> {
                        if (!connected.isSuccess()) {
                            udp.close();
                            result.completeExceptionally(connectFailure(host, verifier, connected.cause()));
                            return;
                        }
                        QuicChannel quic = (QuicChannel) connected.getNow();
                        quic.closeFuture().addListener(f -> udp.close());
                        quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInitializer<QuicStreamChannel>() {
                            @Override
                            protected void initChannel(QuicStreamChannel s) {
                                s.pipeline().addLast(new ControlFrameDecoder(settings.maxFrameBytes()),
                                        ControlFrameEncoder.INSTANCE, new StreamHandler(conn));
                            }
                        }).addListener(created -> {
                            if (!created.isSuccess()) {
                                quic.close();
                                result.completeExceptionally(new ControlException(-1, "cannot open the control stream", created.cause()));
                                return;
                            }
                            conn.attach(quic, (QuicStreamChannel) created.getNow());
                            if (!result.complete(conn)) {
                                quic.close(); // gave up already (timeout): nobody owns this connection
                                return;
                            }
                            open.add(conn);
                            conn.closed().whenComplete((code, err) -> open.remove(conn));
                        });
                    });
        });
        // a host that never answers: fail after the idle timeout instead of hanging
        group.next().schedule(() -> {
            if (result.completeExceptionally(
                    new ControlException(-1, "no answer from " + host + " within " + settings.idleTimeout().toMillis() + " ms"))) {
                Channel udp = socket.get();
                if (udp != null) {
                    udp.close();
                }
            }
        }, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        // the pin is only needed during the TLS handshake
        result.whenComplete((c, e) -> {
            QuicSslEngine e2 = engine.get();
            if (e2 != null) {
                trust.unregister(e2);
            }
        });
        return result;
    }

    private static ControlException connectFailure(InetSocketAddress host, HostCertificateVerifier verifier, Throwable cause) {
        if (verifier.mismatched()) {
            return new ControlException(-1, "host " + host + " presented certificate " + verifier.observed().hex()
                    + " but " + verifier.pinned().hex() + " is pinned; refusing to connect (pair again if the host was reinstalled)",
                    cause);
        }
        return new ControlException(-1, "cannot connect to " + host + ": " + cause, cause);
    }

    /** Quits every open connection (CLIENT_QUIT, so hosts free the session at once), then stops the threads. */
    @Override
    public void close() {
        for (ControlConnection c : open) {
            try {
                c.quit("client closing").get(500, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // best effort: the host's idle timeout cleans up otherwise
            }
        }
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** Pipeline end of one connection: see {@link QuicConnectionHandler}. */
    private static QuicConnectionHandler connectionHandler(ControlConnection conn) {
        return new QuicConnectionHandler() {
            @Override
            void datagram(ByteBuf datagram) {
                conn.onDatagram(datagram);
            }

            @Override
            void closeEvent(QuicConnectionCloseEvent event) {
                conn.onConnectionCloseEvent(event);
            }

            @Override
            void closed() {
                conn.onClosed();
            }

            @Override
            void error(Throwable cause) {
                conn.closeWith(io.punktfunk.control.message.CloseCode.PROTOCOL_VIOLATION.code(), "connection error: " + cause, false);
            }
        };
    }

    private static final class StreamHandler extends ChannelInboundHandlerAdapter {
        private final ControlConnection conn;

        StreamHandler(ControlConnection conn) {
            this.conn = conn;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf frame)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                conn.onFrame(frame);
            } catch (ControlProtocolException e) {
                conn.closeWith(e.code().code(), e.getMessage(), true);
            } finally {
                frame.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ProtocolErrors.failWith(cause, (code, reason) -> conn.closeWith(code.code(), reason, true));
        }
    }
}
