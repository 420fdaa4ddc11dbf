package io.punktfunk.control.quic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.punktfunk.control.handshake.HandshakeMessage;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.Hello;
import io.punktfunk.control.handshake.Start;
import io.punktfunk.control.handshake.Welcome;
import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.ControlMessage.ClockEcho;
import io.punktfunk.control.message.ControlMessage.ClockProbe;
import io.punktfunk.control.message.ControlMessage.Close;
import io.punktfunk.control.message.ControlMessage.InputEdge;
import io.punktfunk.control.message.ControlMessage.InvalidateRefs;
import io.punktfunk.control.message.ControlMessage.Keepalive;
import io.punktfunk.control.message.ControlMessage.LossReport;
import io.punktfunk.control.message.ControlMessage.PairProof;
import io.punktfunk.control.message.ControlMessage.PairRequest;
import io.punktfunk.control.message.ControlMessage.PairResult;
import io.punktfunk.control.message.ControlMessage.ProbeRequest;
import io.punktfunk.control.message.ControlMessage.Refused;
import io.punktfunk.control.message.ControlMessage.RequestKeyframe;
import io.punktfunk.control.message.ControlMessage.SetBitrate;
import io.punktfunk.control.message.ControlMessageCodec;
import io.punktfunk.control.message.ControlProtocolException;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.message.WireFields;
import io.punktfunk.control.pairing.HostPairingCeremony;
import io.punktfunk.control.pairing.PairedClientStore.PairedClient;
import io.punktfunk.control.pairing.PairingFailure;
import io.punktfunk.control.session.AdaptiveFec;
import io.punktfunk.control.session.SessionParameters;
import io.punktfunk.control.session.WallClock;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host side of one QUIC connection, driven entirely on its event loop:
 * <pre>
 * AWAIT_FIRST ─PairRequest→ PAIRING ─PairProof ok→ AWAIT_FIRST (now paired)
 *     │ Hello (version, paired, mode, codec checked)
 *     ▼
 * AWAIT_START ─Start→ ACTIVE ─Close / error / idle timeout→ CLOSING
 * </pre>
 * Every refusal or violation sends {@code Refused}/{@code Close} with a code and reason, then closes
 * this connection only, with the same code as the QUIC application error.
 */
final class HostConnection {
    private static final Logger LOG = LoggerFactory.getLogger(HostConnection.class);
    /** Longest speed-test burst a client may ask for (reference §1.15). */
    static final int MAX_PROBE_MS = 5000;
    /** Highest speed-test rate a client may ask for: 3 Gbps (design "Limits"). */
    static final int MAX_PROBE_KBPS = 3_000_000;

    private enum State { AWAIT_FIRST, PAIRING, AWAIT_START, ACTIVE, CLOSING }

    private final ControlHost host;
    private final QuicChannel channel;
    private QuicStreamChannel control;
    private State state = State.AWAIT_FIRST;
    private Fingerprint clientFingerprint;
    private HostPairingCeremony pairing;
    private boolean awaitingProof;
    private Hello hello;
    private Welcome welcome;
    private HostControlSession session;
    private AdaptiveFec adaptiveFec;
    private int endCode = -1;
    /** Data port bound at Hello for this connection, released if no session starts on it. */
    private int reservedDataPort;
    private String endReason;
    private volatile long unknownMessages; // written on the event loop only
    private volatile long droppedDatagrams;

    HostConnection(ControlHost host, QuicChannel channel) {
        this.host = host;
        this.channel = channel;
        // keepalives alone must not let a connection sit on the host without ever starting a session
        long deadlineMs = host.config().settings().handshakeTimeout().toMillis();
        channel.eventLoop().schedule(() -> {
            if (state != State.ACTIVE && state != State.CLOSING) {
                fail(CloseCode.PROTOCOL_VIOLATION, "no session started within " + deadlineMs + " ms");
            }
        }, deadlineMs, TimeUnit.MILLISECONDS);
    }

    /** The first bidirectional stream is the control stream; any further one is refused. */
    boolean adoptControlStream(QuicStreamChannel stream) {
        if (control != null || state == State.CLOSING) {
            return false;
        }
        control = stream;
        stream.closeFuture().addListener(f -> {
            if (state != State.CLOSING && channel.isActive() && !channel.isTimedOut()) {
                fail(CloseCode.PROTOCOL_VIOLATION, "client closed the control stream");
            }
        });
        return true;
    }

    void onFrame(ByteBuf payload) throws ControlProtocolException {
        long receivedNs = WallClock.nowNs();
        if (state == State.CLOSING) {
            return;
        }
        if (ControlMessageCodec.peekMagic(payload) == ControlMessageCodec.HANDSHAKE_MAGIC) {
            switch (state) {
                case AWAIT_FIRST -> onHello(payload);
                case AWAIT_START -> onStart(Start.decode(payload));
                default -> throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "handshake message in state " + state);
            }
            return;
        }
        ControlMessage m = ControlMessageCodec.decode(payload);
        if (m == null) {
            unknownMessages++;
            return;
        }
        switch (m) {
            case Keepalive k -> { }
            case Close c -> onPeerClose(c.code(), c.reason());
            case PairRequest r when state == State.AWAIT_FIRST -> startPairing(r);
            case PairProof p when state == State.PAIRING && awaitingProof -> finishPairing(p);
            default -> {
                if (state != State.ACTIVE) {
                    throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION,
                            String.format("message 0x%02x not allowed before the session starts", m.type()));
                }
                onSessionMessage(m, receivedNs);
            }
        }
    }

    private void onHello(ByteBuf payload) throws ControlProtocolException {
        int version = Hello.peekVersion(payload);
        if (version != HandshakeMessage.PROTOCOL_VERSION) {
            refuse(CloseCode.WIRE_VERSION, "host speaks punktfunk/1 control version " + HandshakeMessage.PROTOCOL_VERSION
                    + ", client sent version " + Integer.toUnsignedString(version));
            return;
        }
        Hello h = Hello.decode(payload);
        Fingerprint fp = peerFingerprint();
        if (fp == null) {
            return;
        }
        if (!host.config().open() && !host.pairedClients().isPaired(fp)) {
            refuse(CloseCode.IDENTITY_REQUIRED, "this client (" + fp.shortHex()
                    + "…) is not paired with the host; pair it first with: punktfunk pair HOST --pin PIN");
            return;
        }
        if (host.sessionCount() >= host.config().maxSessions()) {
            refuse(CloseCode.BUSY, "host is serving its maximum of " + host.config().maxSessions() + " sessions");
            return;
        }
        switch (host.config().policy().negotiate(h, peerAddress().getAddress())) {
            case HandshakePolicy.Outcome.Refused r -> refuse(r.code(), r.reason());
            case HandshakePolicy.Outcome.Accepted a -> {
                hello = h;
                welcome = withReservedDataPort(a.welcome());
                if (welcome == null) {
                    return;
                }
                clientFingerprint = fp;
                state = State.AWAIT_START;
                control.writeAndFlush(welcome);
            }
        }
    }

    /** The Welcome announcing the data socket the application bound for this session (docs/session.md). */
    private Welcome withReservedDataPort(Welcome w) {
        try {
            int port = host.listener().reserveDataPort(((InetSocketAddress) channel.localSocketAddress()).getAddress());
            if (port > 0) {
                reservedDataPort = port;
                return w.withDataPort(port);
            }
            return w;
        } catch (RuntimeException e) {
            LOG.warn("cannot bind a data socket: {}", e.toString());
            refuse(CloseCode.SETUP_FAILED, "host cannot open a data socket");
            return null;
        }
    }

    private void onStart(Start start) {
        InetSocketAddress local = (InetSocketAddress) channel.localSocketAddress();
        SessionParameters p = SessionParameters.of(welcome, clientFingerprint, local.getAddress(), peerAddress().getAddress(),
                start.clientDataPort());
        session = new HostControlSession(host.nextSessionId(), this, channel, hello.name(), p);
        adaptiveFec = welcome.fec().fecPercent() > 0 ? new AdaptiveFec(welcome.fec().fecPercent()) : null;
        state = State.ACTIVE;
        host.register(session);
        LOG.info("{} started: {} {} {} kbps, data port {} ↔ {}", session, p.mode(),
                io.punktfunk.control.handshake.VideoCodecs.name(p.codec()), p.bitrateKbps(), p.hostDataPort(), p.clientDataPort());
        host.listener().onSessionStarted(session);
    }

    private void onSessionMessage(ControlMessage m, long receivedNs) throws ControlProtocolException {
        HostControlSessionListener l = host.listener();
        switch (m) {
            case RequestKeyframe k -> l.onKeyframeRequest(session);
            case InvalidateRefs r -> l.onInvalidateRefs(session, r.firstFrame(), r.lastFrame());
            case LossReport r -> {
                if (adaptiveFec != null) {
                    int before = adaptiveFec.percent();
                    int now = adaptiveFec.onReport(r.lossPpm());
                    if (now != before) {
                        session.fecPercent(now);
                        control.writeAndFlush(new ControlMessage.FecChanged(now));
                        l.onFecChanged(session, now);
                    }
                }
                l.onLossReport(session, r);
            }
            case SetBitrate s -> {
                int kbps = host.config().policy().clampBitrate(s.kbps());
                session.bitrateKbps(kbps);
                control.writeAndFlush(new ControlMessage.BitrateChanged(kbps,
                        kbps == s.kbps() ? ControlMessage.BitrateChanged.GRANTED : ControlMessage.BitrateChanged.CLAMPED));
                l.onBitrateChanged(session, kbps);
            }
            case ProbeRequest p -> l.onProbeRequest(session, new ProbeRequest(Math.min(p.targetKbps(), MAX_PROBE_KBPS),
                    Math.min(p.durationMs(), MAX_PROBE_MS)));
            case ClockProbe p -> control.writeAndFlush(new ClockEcho(p.t1Ns(), receivedNs, WallClock.nowNs()));
            case InputEdge e -> l.onInput(session, e.event(), true);
            default -> throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION,
                    String.format("message 0x%02x is host-to-client only", m.type()));
        }
    }

    private void startPairing(PairRequest request) {
        Fingerprint fp = peerFingerprint();
        if (fp == null) {
            return;
        }
        clientFingerprint = fp;
        state = State.PAIRING;
        HostPairingCeremony ceremony = new HostPairingCeremony(host.pairingWindow(), host.rateLimiter(), fp, host.fingerprint());
        pairing = ceremony;
        // scrypt takes tens of ms: keep it off the event loop that serves every session
        CompletableFuture.supplyAsync(() -> {
            try {
                return ceremony.onRequest(request);
            } catch (PairingFailure e) {
                throw new CompletionException(e);
            }
        }, host.blockingExecutor()).whenCompleteAsync((challenge, err) -> {
            if (state != State.PAIRING) {
                ceremony.abandon(); // connection closed while scrypt ran
                return;
            }
            if (err != null) {
                Throwable cause = err instanceof CompletionException ? err.getCause() : err;
                if (cause instanceof PairingFailure f) {
                    LOG.info("pairing attempt from {} refused: {}", fp.shortHex(), f.getMessage());
                    refuse(f.code(), f.getMessage());
                } else {
                    LOG.warn("pairing failed", cause);
                    refuse(CloseCode.SETUP_FAILED, "pairing failed on the host");
                }
                return;
            }
            awaitingProof = true;
            control.writeAndFlush(challenge);
        }, channel.eventLoop());
    }

    private void finishPairing(PairProof proof) {
        PairResult result;
        try {
            result = pairing.onProof(proof);
        } catch (PairingFailure f) {
            LOG.info("pairing attempt from {} failed: {}", clientFingerprint.shortHex(), f.getMessage());
            refuse(f.code(), f.getMessage());
            return;
        }
        PairedClient paired = host.pairedClients().add(clientFingerprint, pairing.clientName());
        LOG.info("paired {} ({})", paired.name(), paired.fingerprint().shortHex());
        pairing = null;
        awaitingProof = false;
        state = State.AWAIT_FIRST;
        control.writeAndFlush(result);
        host.listener().onClientPaired(paired);
    }

    void onDatagram(ByteBuf datagram) {
        if (state != State.ACTIVE || !datagram.isReadable()) {
            droppedDatagrams++;
            return;
        }
        if (datagram.getUnsignedByte(datagram.readerIndex()) != InputEvent.TAG) {
            droppedDatagrams++;
            return;
        }
        try {
            host.listener().onInput(session, InputEvent.decode(datagram), false);
        } catch (ControlProtocolException e) {
            droppedDatagrams++; // lossy channel: a bad datagram is dropped and counted, never fatal
        }
    }

    /** Writes a control message if the stream is up; ignored once closing. */
    void send(ControlMessage m) {
        if (control != null && state != State.CLOSING) {
            control.writeAndFlush(m);
        }
    }

    private void refuse(CloseCode code, String reason) {
        closeWith(code.code(), reason, new Refused(code.code(), reason));
    }

    /** Ends this connection with {@code code}: a Close (or Refused before the session) then a QUIC close. */
    void fail(CloseCode code, String reason) {
        ControlMessage m = state == State.ACTIVE ? new Close(code.code(), reason) : new Refused(code.code(), reason);
        closeWith(code.code(), reason, m);
    }

    private void closeWith(int code, String reason, ControlMessage last) {
        if (state == State.CLOSING) {
            return;
        }
        state = State.CLOSING;
        endCode = code;
        endReason = reason;
        if (code != CloseCode.NORMAL.code() && code != CloseCode.CLIENT_QUIT.code()) {
            LOG.info("closing connection from {}: {} – {}", channel.remoteSocketAddress(), CloseCode.describe(code), reason);
        }
        if (control != null && control.isActive()) {
            control.writeAndFlush(last).addListener((ChannelFutureListener) f -> closeConnection(code, reason));
            // a stuck stream must not keep a refused peer around
            channel.eventLoop().schedule(() -> closeConnection(code, reason), 1, TimeUnit.SECONDS);
        } else {
            closeConnection(code, reason);
        }
    }

    private void closeConnection(int code, String reason) {
        if (channel.isActive()) {
            channel.close(true, code, Unpooled.wrappedBuffer(WireFields.truncatedUtf8(reason, ControlMessageCodec.MAX_REASON_BYTES)));
        }
    }

    private void onPeerClose(int code, String reason) {
        if (state == State.CLOSING) {
            return;
        }
        state = State.CLOSING;
        endCode = code;
        endReason = "client closed: " + reason;
        closeConnection(CloseCode.NORMAL.code(), "bye");
    }

    void onConnectionCloseEvent(QuicConnectionCloseEvent event) {
        if (endCode < 0) {
            endCode = event.isApplicationClose() ? event.error() : CloseCode.PROTOCOL_VIOLATION.code();
            endReason = "client closed the connection" + (event.reason().length > 0
                    ? ": " + new String(event.reason(), java.nio.charset.StandardCharsets.UTF_8) : "");
        }
    }

    /** The QUIC connection is gone: release the session, tell the application why. */
    void onClosed() {
        if (endCode < 0) {
            boolean timedOut = channel.isTimedOut();
            endCode = timedOut ? CloseCode.IDLE_TIMEOUT.code() : CloseCode.NORMAL.code();
            endReason = timedOut ? "client silent for " + host.config().settings().idleTimeout().toMillis() + " ms"
                    : "connection closed";
        }
        state = State.CLOSING;
        if (pairing != null) {
            pairing.abandon();
        }
        if (session == null && reservedDataPort > 0) {
            host.listener().releaseDataPort(reservedDataPort);
        }
        if (session != null) {
            host.unregister(session);
            session.markEnded(endCode);
            LOG.info("{} ended: {} – {}", session, CloseCode.describe(endCode), endReason);
            host.listener().onSessionEnded(session, endCode, endReason);
        }
    }

    private Fingerprint peerFingerprint() {
        try {
            Certificate[] certs = channel.sslEngine().getSession().getPeerCertificates();
            if (certs.length > 0 && certs[0] instanceof X509Certificate x) {
                return Fingerprint.of(x);
            }
        } catch (SSLPeerUnverifiedException e) {
            // fall through
        }
        refuse(CloseCode.IDENTITY_REQUIRED, "client presented no certificate");
        return null;
    }

    private InetSocketAddress peerAddress() {
        return (InetSocketAddress) channel.remoteSocketAddress();
    }

    long unknownMessages() {
        return unknownMessages;
    }

    long droppedDatagrams() {
        return droppedDatagrams;
    }
}
