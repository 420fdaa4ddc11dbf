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
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.util.AttributeKey;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.pairing.PairingRateLimiter;
import io.punktfunk.control.pairing.PairingWindow;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host end of the control plane: one UDP socket, many QUIC connections, each with its own
 * {@link HostConnection}. A broken or vanished client ends only its own connection.
 */
public final class ControlHost implements AutoCloseable {
    private static final AttributeKey<HostConnection> CONNECTION = AttributeKey.valueOf("punktfunk.control.connection");

    /**
     * Host configuration.
     *
     * @param open        admit unpaired clients ({@code --open}); pairing still works
     * @param maxSessions concurrent sessions before new Hellos are refused BUSY
     */
    public record Config(InetSocketAddress bind, Identity identity, PairedClientStore pairedClients, boolean open,
                         HandshakePolicy policy, QuicSettings settings, int maxSessions, PairingWindow pairingWindow,
                         PairingRateLimiter rateLimiter, HostControlSessionListener listener) {
        /** Defaults around the required parts: paired-only, 4 sessions, 1 s…60 s pairing back-off. */
        public static Config defaults(InetSocketAddress bind, Identity identity, PairedClientStore store, int dataPort,
                                      HostControlSessionListener listener) {
            return new Config(bind, identity, store, false, HandshakePolicy.defaults(dataPort), QuicSettings.defaults(), 4,
                    new PairingWindow(), new PairingRateLimiter(TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(60)),
                    listener);
        }

        public Config withOpen(boolean o) {
            return new Config(bind, identity, pairedClients, o, policy, settings, maxSessions, pairingWindow, rateLimiter, listener);
        }

        public Config withSettings(QuicSettings s) {
            return new Config(bind, identity, pairedClients, open, policy, s, maxSessions, pairingWindow, rateLimiter, listener);
        }

        public Config withPolicy(HandshakePolicy p) {
            return new Config(bind, identity, pairedClients, open, p, settings, maxSessions, pairingWindow, rateLimiter, listener);
        }

        public Config withRateLimiter(PairingRateLimiter r) {
            return new Config(bind, identity, pairedClients, open, policy, settings, maxSessions, pairingWindow, r, listener);
        }

        public Config withMaxSessions(int n) {
            return new Config(bind, identity, pairedClients, open, policy, settings, n, pairingWindow, rateLimiter, listener);
        }
    }

    private final Config config;
    private final EventLoopGroup group;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<Long, HostControlSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong sessionIds = new AtomicLong();
    private final Channel udp;

    private ControlHost(Config config) throws InterruptedException {
        this.config = config;
        this.group = QuicTransport.newGroup(config.settings().eventLoopThreads(), "pkf-control-host");
        try {
            QuicSslContext ssl = QuicSslContextBuilder.forServer(config.identity().privateKey(), null, config.identity().certificate())
                    .trustManager(ClientCertificateAcceptor.INSTANCE)
                    .clientAuth(ClientAuth.REQUIRE)
                    .applicationProtocols(QuicSettings.ALPN)
                    .build();
            ChannelHandler codec = new QuicServerCodecBuilder()
                    .sslContext(ssl)
                    .maxIdleTimeout(config.settings().idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .initialMaxData(1 << 20)
                    .initialMaxStreamDataBidirectionalLocal(1 << 18)
                    .initialMaxStreamDataBidirectionalRemote(1 << 18)
                    .initialMaxStreamsBidirectional(4)
                    .initialMaxStreamsUnidirectional(0)
                    .datagram(256, 256)
                    // no Retry round trip: LAN streaming, and QUIC's 3x amplification limit still applies
                    .tokenHandler(NoRetryTokenHandler.INSTANCE)
                    .handler(new ChannelInitializer<QuicChannel>() {
                        @Override
                        protected void initChannel(QuicChannel ch) {
                            HostConnection conn = new HostConnection(ControlHost.this, ch);
                            ch.attr(CONNECTION).set(conn);
                            ch.pipeline().addLast(connectionHandler(conn));
                        }
                    })
                    .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                        @Override
                        protected void initChannel(QuicStreamChannel stream) {
                            HostConnection conn = stream.parent().attr(CONNECTION).get();
                            if (conn == null || !conn.adoptControlStream(stream)) {
                                stream.close();
                                return;
                            }
                            stream.pipeline().addLast(new ControlFrameDecoder(config.settings().maxFrameBytes()),
                                    ControlFrameEncoder.INSTANCE, new StreamHandler(conn));
                        }
                    })
                    .build();
            this.udp = new Bootstrap().group(group).channel(QuicTransport.datagramChannel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(codec, ClosedChannelSink.INSTANCE);
                        }
                    })
                    .bind(config.bind()).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            blocking.shutdown();
            throw e;
        }
    }

    /** Binds the UDP socket and starts serving. */
    public static ControlHost start(Config config) throws InterruptedException {
        return new ControlHost(config);
    }

    /** The bound address (the real port when 0 was asked). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) udp.localAddress();
    }

    /** The host certificate's fingerprint, which clients pin. */
    public Fingerprint fingerprint() {
        return config.identity().fingerprint();
    }

    /** Live sessions. */
    public List<HostControlSession> sessions() {
        return List.copyOf(sessions.values());
    }

    public PairingWindow pairingWindow() {
        return config.pairingWindow();
    }

    public PairedClientStore pairedClients() {
        return config.pairedClients();
    }

    Config config() {
        return config;
    }

    PairingRateLimiter rateLimiter() {
        return config.rateLimiter();
    }

    HostControlSessionListener listener() {
        return config.listener();
    }

    ExecutorService blockingExecutor() {
        return blocking;
    }

    int sessionCount() {
        return sessions.size();
    }

    long nextSessionId() {
        return sessionIds.incrementAndGet();
    }

    void register(HostControlSession s) {
        sessions.put(s.id(), s);
    }

    void unregister(HostControlSession s) {
        sessions.remove(s.id());
    }

    /** Ends every session with HOST_SHUTDOWN, then closes the socket and threads. */
    @Override
    public void close() {
        for (HostControlSession s : sessions.values()) {
            s.close(CloseCode.HOST_SHUTDOWN, "host is shutting down");
        }
        try {
            for (HostControlSession s : sessions.values()) {
                s.ended().get(500, TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            // best effort: clients will also notice through their idle timeout
        }
        udp.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        blocking.shutdown();
    }

    /** Pipeline end of one connection: see {@link QuicConnectionHandler}. */
    private static QuicConnectionHandler connectionHandler(HostConnection conn) {
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
                conn.fail(CloseCode.PROTOCOL_VIOLATION, "connection error: " + cause.getMessage());
            }
        };
    }

    /** Control-stream pipeline end: frames into the state machine, violations into a close with reason. */
    private static final class StreamHandler extends ChannelInboundHandlerAdapter {
        private final HostConnection conn;

        StreamHandler(HostConnection conn) {
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
            } catch (io.punktfunk.control.message.ControlProtocolException e) {
                conn.fail(e.code(), e.getMessage());
            } finally {
                frame.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ProtocolErrors.failWith(cause, conn::fail);
        }
    }
}
