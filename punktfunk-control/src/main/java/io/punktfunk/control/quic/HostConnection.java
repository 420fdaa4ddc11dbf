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
import io.punktfunk.control.message.ControlMessage.DeliveryReport;
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
import io.punktfunk.control.input.GamepadStateGate;
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
import java.util.concurrent.ScheduledFuture;
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
    /** Slack after a probe's duration before its slot frees itself if no result was sent. */
    static final int PROBE_GUARD_MS = 5000;

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
    private final Admission.Ticket ticket;
    /** Hello accepted or a PIN ceremony succeeded on this connection: Keepalive and the like are now allowed. */
    private boolean authenticated;
    private boolean firstMessageSeen;
    private boolean holdsSessionSlot;
    private boolean probeRunning;
    private boolean released;
    private ScheduledFuture<?> probeGuard;
    /** Stale gamepad-state datagrams never reach the listener (event loop only). */
    private final GamepadStateGate padGate = new GamepadStateGate();
    private volatile long staleInput;

    HostConnection(ControlHost host, QuicChannel channel, Admission.Ticket ticket) {
        this.host = host;
        this.channel = channel;
        this.ticket = ticket;
        // a connection that never finished TLS is never "inactive": its close future is the one sure end
        channel.closeFuture().addListener(f -> onClosed());
        // an unauthenticated connection must speak at once; it may not idle on a keepalive
        long helloMs = host.config().admission().helloTimeout().toMillis();
        channel.eventLoop().schedule(() -> {
            if (!firstMessageSeen && state == State.AWAIT_FIRST) {
                fail(CloseCode.PROTOCOL_VIOLATION, "no Hello or PairRequest within " + helloMs + " ms of connecting");
            }
        }, helloMs, TimeUnit.MILLISECONDS);
        // nor may it sit between messages without ever starting a session (pairing included)
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
        firstMessageSeen = true;
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
            case Keepalive k when authenticated || state == State.PAIRING -> { }
            case Keepalive k -> throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION,
                    "keepalive before Hello: an unauthenticated connection must send Hello or PairRequest first");
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
        // the slot is taken here, not at Start, so parallel Hellos cannot all get past the cap
        if (!host.reserveSession()) {
            refuse(CloseCode.BUSY, "host is serving its maximum of " + host.config().maxSessions() + " sessions");
            return;
        }
        holdsSessionSlot = true;
        switch (host.config().policy().negotiate(h, peerAddress().getAddress())) {
            case HandshakePolicy.Outcome.Refused r -> refuse(r.code(), r.reason());
            case HandshakePolicy.Outcome.Accepted a -> {
                authenticated = true;
                ticket.established();
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
        if (!host.config().open() && !host.pairedClients().isPaired(clientFingerprint)) {
            refuse(CloseCode.IDENTITY_REQUIRED, "this client was unpaired on the host");
            return;
        }
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
        // An unpair that the files watcher applied between the check above and register() found no session
        // to end; checking again after registering closes that gap (the watcher updates the store first).
        if (!host.config().open() && !host.pairedClients().isPaired(clientFingerprint)) {
            session.close(CloseCode.IDENTITY_REQUIRED, "this client was unpaired on the host");
        }
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
            case DeliveryReport r -> l.onDeliveryReport(session, r);
            case ControlMessage.ReceiverStats r -> l.onReceiverStats(session, r);
            case SetBitrate s -> {
                int kbps = host.config().policy().clampBitrate(s.kbps());
                session.bitrateKbps(kbps);
                control.writeAndFlush(new ControlMessage.BitrateChanged(kbps,
                        kbps == s.kbps() ? ControlMessage.BitrateChanged.GRANTED : ControlMessage.BitrateChanged.CLAMPED));
                l.onBitrateChanged(session, kbps);
            }
            case ProbeRequest p -> onProbeRequest(p);
            case ClockProbe p -> control.writeAndFlush(new ClockEcho(p.t1Ns(), receivedNs, WallClock.nowNs()));
            case InputEdge e -> {
                padGate.accept(e.event()); // a removal retires older state datagrams
                l.onInput(session, e.event(), true);
            }
            default -> throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION,
                    String.format("message 0x%02x is host-to-client only", m.type()));
        }
    }

    /**
     * One probe at a time per session: a request while one runs is ignored and counted (answering it
     * would need a second burst on the same link). The guard frees the slot if the application never
     * answers, so a lost result cannot disable probing for the session's life.
     */
    private void onProbeRequest(ProbeRequest p) {
        if (probeRunning) {
            host.counters().probesIgnored.increment();
            LOG.debug("{}: probe request ignored, one is running", session);
            return;
        }
        ProbeRequest clamped = new ProbeRequest(Math.min(p.targetKbps(), MAX_PROBE_KBPS), Math.min(p.durationMs(), MAX_PROBE_MS));
        probeRunning = true;
        probeGuard = channel.eventLoop().schedule(this::probeDone, clamped.durationMs() + PROBE_GUARD_MS, TimeUnit.MILLISECONDS);
        host.listener().onProbeRequest(session, clamped);
    }

    /** The probe's result went out (or its guard fired): the next request may run. Event loop only. */
    void probeDone() {
        probeRunning = false;
        if (probeGuard != null) {
            probeGuard.cancel(false);
            probeGuard = null;
        }
    }

    private void startPairing(PairRequest request) {
        Fingerprint fp = peerFingerprint();
        if (fp == null) {
            return;
        }
        clientFingerprint = fp;
        state = State.PAIRING;
        HostPairingCeremony ceremony = new HostPairingCeremony(host.pairingWindow(), host.rateLimiter(), host.pairingBudget(),
                peerAddress().getAddress(), fp, host.fingerprint());
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
        awaitingProof = false;
        Fingerprint fp = clientFingerprint;
        String name = pairing.clientName();
        // the store writes (and fsyncs) the file: off the event loop; the result goes out once it is durable
        CompletableFuture.supplyAsync(() -> host.pairedClients().add(fp, name), host.blockingExecutor())
                .whenCompleteAsync((paired, err) -> {
                    if (state != State.PAIRING) {
                        return; // connection closed meanwhile; the client is paired and may connect again
                    }
                    if (err != null) {
                        LOG.error("cannot store the pairing of {}", fp.shortHex(), err);
                        refuse(CloseCode.SETUP_FAILED, "the host could not store the pairing");
                        return;
                    }
                    LOG.info("paired {} ({})", paired.name(), paired.fingerprint().shortHex());
                    pairing = null;
                    authenticated = true;
                    ticket.established();
                    state = State.AWAIT_FIRST;
                    control.writeAndFlush(result);
                    host.listener().onClientPaired(paired);
                }, channel.eventLoop());
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
            InputEvent event = InputEvent.decode(datagram);
            if (!padGate.accept(event)) {
                staleInput++; // overtaken by a newer state or the pad's removal
                return;
            }
            host.listener().onInput(session, event, false);
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
        host.counters().closed(code);
        if (holdsSessionSlot && session == null) {
            holdsSessionSlot = false; // refused between Hello and Start: nothing to tear down, free the slot now
            host.releaseSession();
        }
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
        ByteBuf why = Unpooled.wrappedBuffer(WireFields.truncatedUtf8(reason, ControlMessageCodec.MAX_REASON_BYTES));
        if (channel.isActive()) {
            channel.close(true, code, why);
        } else if (channel.isOpen()) {
            // TLS not finished (a deadline hit mid-handshake): an application close would lose its reason
            // here (RFC 9000 §10.2.3), so refuse at the transport level, which keeps the reason phrase
            channel.close(false, ControlHost.QUIC_CONNECTION_REFUSED, why);
        } else {
            why.release();
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
        if (released) {
            return; // both channelInactive and the close future report the end
        }
        released = true;
        if (endCode < 0) {
            boolean timedOut = channel.isTimedOut();
            endCode = timedOut ? CloseCode.IDLE_TIMEOUT.code() : CloseCode.NORMAL.code();
            endReason = timedOut ? "client silent for " + host.config().settings().idleTimeout().toMillis() + " ms"
                    : "connection closed";
        }
        state = State.CLOSING;
        ticket.release();
        if (holdsSessionSlot) {
            holdsSessionSlot = false;
            host.releaseSession();
        }
        if (probeGuard != null) {
            probeGuard.cancel(false);
        }
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

    long staleInput() {
        return staleInput;
    }
}
