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
import io.netty.buffer.Unpooled;
import io.punktfunk.control.pairing.PairingBudget;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(ControlHost.class);
    /** QUIC transport error CONNECTION_REFUSED (RFC 9000 §20.1). */
    static final int QUIC_CONNECTION_REFUSED = 0x02;

    /**
     * Host configuration.
     *
     * @param open          admit unpaired clients ({@code --open}); pairing still works
     * @param maxSessions   concurrent sessions before new Hellos are refused BUSY (a slot is taken at Hello)
     * @param admission     connection caps and the Hello deadline
     * @param pairingBudget wrong PINs tolerated over time, host-wide and per source
     * @param configDir     dir to watch for paired-client changes and pair-arm requests, or null for none
     */
    public record Config(InetSocketAddress bind, Identity identity, PairedClientStore pairedClients, boolean open,
                         HandshakePolicy policy, QuicSettings settings, int maxSessions, PairingWindow pairingWindow,
                         PairingRateLimiter rateLimiter, HostControlSessionListener listener, AdmissionLimits admission,
                         PairingBudget pairingBudget, Path configDir) {
        /** Defaults around the required parts: paired-only, 4 sessions, 1 s…60 s pairing back-off, default caps and budget. */
        public static Config defaults(InetSocketAddress bind, Identity identity, PairedClientStore store, int dataPort,
                                      HostControlSessionListener listener) {
            return new Config(bind, identity, store, false, HandshakePolicy.defaults(dataPort), QuicSettings.defaults(), 4,
                    new PairingWindow(), new PairingRateLimiter(TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(60)),
                    listener, AdmissionLimits.defaults(), new PairingBudget(PairingBudget.Limits.defaults()), null);
        }

        public Config withOpen(boolean o) {
            return new Config(bind, identity, pairedClients, o, policy, settings, maxSessions, pairingWindow, rateLimiter, listener,
                    admission, pairingBudget, configDir);
        }

        public Config withSettings(QuicSettings s) {
            return new Config(bind, identity, pairedClients, open, policy, s, maxSessions, pairingWindow, rateLimiter, listener,
                    admission, pairingBudget, configDir);
        }

        public Config withPolicy(HandshakePolicy p) {
            return new Config(bind, identity, pairedClients, open, p, settings, maxSessions, pairingWindow, rateLimiter, listener,
                    admission, pairingBudget, configDir);
        }

        public Config withRateLimiter(PairingRateLimiter r) {
            return new Config(bind, identity, pairedClients, open, policy, settings, maxSessions, pairingWindow, r, listener,
                    admission, pairingBudget, configDir);
        }

        public Config withMaxSessions(int n) {
            return new Config(bind, identity, pairedClients, open, policy, settings, n, pairingWindow, rateLimiter, listener,
                    admission, pairingBudget, configDir);
        }

        public Config withAdmission(AdmissionLimits a) {
            return new Config(bind, identity, pairedClients, open, policy, settings, maxSessions, pairingWindow, rateLimiter, listener,
                    a, pairingBudget, configDir);
        }

        public Config withPairingBudget(PairingBudget b) {
            return new Config(bind, identity, pairedClients, open, policy, settings, maxSessions, pairingWindow, rateLimiter, listener,
                    admission, b, configDir);
        }

        public Config withPairingWindow(PairingWindow w) {
            return new Config(bind, identity, pairedClients, open, policy, settings, maxSessions, w, rateLimiter, listener,
                    admission, pairingBudget, configDir);
        }

        /** Watch {@code dir} (the dir of {@link #pairedClients}) for changes made by other processes. */
        public Config withConfigDir(Path dir) {
            return new Config(bind, identity, pairedClients, open, policy, settings, maxSessions, pairingWindow, rateLimiter, listener,
                    admission, pairingBudget, dir);
        }
    }

    /** Replaced whole by {@link #reconfigure}; connections read it at each decision. */
    private volatile Config config;
    private final EventLoopGroup group;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<Long, HostControlSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicInteger reservedSessions = new AtomicInteger();
    /** Sessions another front door in this process holds (GameStream); they count against maxSessions too. */
    private volatile IntSupplier otherSessions = () -> 0;
    private final Admission admission;
    private final RetryTokenHandler retry;
    private final HostCounters counters = new HostCounters();
    private final Channel udp;
    private final HostFilesWatcher watcher;
    private volatile Consumer<String> notices = n -> { };
    private String lastWindowClose; // guarded by this

    private ControlHost(Config config) throws InterruptedException {
        this.config = config;
        this.admission = new Admission(config.admission());
        this.retry = new RetryTokenHandler(admission::handshaking, config.admission().retryAboveHandshaking(), System::nanoTime);
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
                    // Retry only under a handshake flood: no extra round trip on a quiet LAN
                    .tokenHandler(retry)
                    .handler(new ChannelInitializer<QuicChannel>() {
                        @Override
                        protected void initChannel(QuicChannel ch) {
                            InetSocketAddress peer = (InetSocketAddress) ch.remoteSocketAddress();
                            switch (admission.admit(peer.getAddress())) {
                                case Admission.Decision.Refused r -> refuseConnection(ch, r.reason());
                                case Admission.Decision.Admitted a -> {
                                    HostConnection conn = new HostConnection(ControlHost.this, ch, a.ticket());
                                    ch.attr(CONNECTION).set(conn);
                                    ch.pipeline().addLast(connectionHandler(conn));
                                }
                            }
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
        HostFilesWatcher w = null;
        if (config.configDir() != null) {
            // wrong PINs are charged on the event loop; the file is written on a virtual thread
            io.punktfunk.control.pairing.PairingBudgetFile.attach(config.configDir(), config.pairingBudget(), blocking);
            try {
                w = new HostFilesWatcher(this, config.configDir());
            } catch (java.io.IOException e) {
                close();
                throw new java.io.UncheckedIOException("cannot watch " + config.configDir(), e);
            }
        }
        this.watcher = w;
    }

    /**
     * Over a cap: refused before any TLS work. An application close cannot carry a reason this early
     * (RFC 9000 §10.2.3), so this is the transport error CONNECTION_REFUSED (0x02) with the reason phrase.
     */
    private void refuseConnection(QuicChannel ch, String reason) {
        counters.connectionsRefused.increment();
        LOG.debug("refusing connection from {}: {}", ch.remoteSocketAddress(), reason);
        ch.pipeline().addLast(RefusedConnectionSink.INSTANCE);
        ch.eventLoop().execute(() -> ch.close(false, QUIC_CONNECTION_REFUSED,
                Unpooled.wrappedBuffer(reason.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
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

    /** Connections refused at the door, pairing attempts refused, probes ignored, … (for tests and stats). */
    public HostCounters counters() {
        return counters;
    }

    /** Connections open now, and how many of them have not authenticated yet. */
    public int connectionCount() {
        return admission.total();
    }

    public int handshakingCount() {
        return admission.handshaking();
    }

    /** QUIC Retry packets sent (only under a handshake flood). */
    public long retriesSent() {
        return retry.retriesSent();
    }

    /** Where to show pairing notices (PIN armed, window closed); the CLI prints them. */
    public void onNotice(Consumer<String> sink) {
        this.notices = sink;
    }

    /**
     * Opens a pairing window: a random {@code digits}-digit PIN, valid for {@code ttl} or until one
     * client pairs. Replaces a window already open. Returns the PIN.
     */
    public String armPairing(int digits, Duration ttl, String why) {
        String pin = config.pairingWindow().armRandom(digits, ttl.toNanos());
        announceArmed(pin, ttl, why);
        return pin;
    }

    /** Opens a pairing window with a given PIN ({@code --pin}, tests). */
    public String armPairing(String pin, Duration ttl, String why) {
        config.pairingWindow().arm(pin, ttl.toNanos());
        announceArmed(pin, ttl, why);
        return pin;
    }

    private synchronized void announceArmed(String pin, Duration ttl, String why) {
        lastWindowClose = null;
        LOG.info("pairing window open for {} s ({})", ttl.toSeconds(), why);
        notices.accept("pairing PIN " + pin + " (single use, valid " + ttl.toSeconds() + " s; " + why + ")");
    }

    /** Reports once that the pairing window closed, and why. */
    synchronized void noticeWindowClosed() {
        String why = config.pairingWindow().closedBecause();
        if (why != null && !why.equals("never armed") && lastWindowClose == null) {
            lastWindowClose = why;
            LOG.info("pairing window closed: {}", why);
            notices.accept("pairing window closed: " + why);
        }
    }

    /** Another process (or this one) changed the paired clients: revoked ones lose their sessions now. */
    void onPairedClientsChanged(PairedClientStore.Change change) {
        for (PairedClientStore.PairedClient c : change.removed()) {
            for (HostControlSession s : sessions.values()) {
                if (s.clientFingerprint().equals(c.fingerprint())) {
                    LOG.info("{}: client unpaired, ending its session", s);
                    s.close(CloseCode.IDENTITY_REQUIRED, "this client was unpaired on the host");
                }
            }
        }
        if (!change.added().isEmpty()) {
            LOG.info("{} client(s) paired elsewhere, now admitted", change.added().size());
        }
    }

    /**
     * Changes what may change while the host runs: {@code open}, the handshake policy (mode ceiling,
     * codecs, bitrate clamp) and {@code maxSessions}. They apply to the next Hello, bitrate request and
     * admission decision; running sessions keep what they negotiated. Throws
     * {@link IllegalArgumentException} if {@code change} touches anything set up at start (socket,
     * identity, stores, QUIC settings, caps, pairing state, config dir).
     */
    public synchronized void reconfigure(java.util.function.UnaryOperator<Config> change) {
        Config old = config;
        Config next = change.apply(old);
        if (next.bind() != old.bind() || next.identity() != old.identity() || next.pairedClients() != old.pairedClients()
                || next.settings() != old.settings() || next.pairingWindow() != old.pairingWindow()
                || next.rateLimiter() != old.rateLimiter() || next.listener() != old.listener()
                || next.admission() != old.admission() || next.pairingBudget() != old.pairingBudget()
                || next.configDir() != old.configDir()) {
            throw new IllegalArgumentException("only open, policy and maxSessions change while the host runs");
        }
        config = next;
    }

    /** The configuration in force now. */
    public Config currentConfig() {
        return config;
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

    PairingBudget pairingBudget() {
        return config.pairingBudget();
    }

    Admission admission() {
        return admission;
    }

    /**
     * Counts the sessions of another front door in this process (GameStream) against {@code
     * maxSessions}, so the host's limit holds across protocols.
     */
    public void countOtherSessions(IntSupplier sessions) {
        this.otherSessions = sessions;
    }

    /** Takes a session slot (at Hello); false when {@code maxSessions} are taken, here and by other front doors. */
    boolean reserveSession() {
        while (true) {
            int n = reservedSessions.get();
            if (n + otherSessions.getAsInt() >= config.maxSessions()) {
                return false;
            }
            if (reservedSessions.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void releaseSession() {
        reservedSessions.decrementAndGet();
    }

    /** Slots taken: sessions running plus Hellos accepted that have not started yet. */
    public int reservedSessions() {
        return reservedSessions.get();
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
        if (watcher != null) {
            watcher.close();
        }
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

    /** End of a refused connection's pipeline: whatever it still receives or fails with is expected and dropped. */
    @ChannelHandler.Sharable
    private static final class RefusedConnectionSink extends ChannelInboundHandlerAdapter {
        static final RefusedConnectionSink INSTANCE = new RefusedConnectionSink();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.trace("refused connection: {}", cause.toString());
        }
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
