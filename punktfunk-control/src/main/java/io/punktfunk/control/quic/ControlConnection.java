package io.punktfunk.control.quic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.punktfunk.control.handshake.Hello;
import io.punktfunk.control.handshake.Start;
import io.punktfunk.control.handshake.Welcome;
import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.input.RumbleGate;
import io.punktfunk.control.message.AudioFrame;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.ControlMessageCodec;
import io.punktfunk.control.message.ControlProtocolException;
import io.punktfunk.control.message.Rumble;
import io.punktfunk.control.message.WireFields;
import io.punktfunk.control.pairing.ClientPairingCeremony;
import io.punktfunk.control.pairing.PairingFailure;
import io.punktfunk.control.session.SessionParameters;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Client end of one QUIC connection to a host: pair over it, or run the handshake and get a
 * {@link ClientControlSession}. All state changes happen on the connection's event loop.
 */
public final class ControlConnection {
    private enum State { IDLE, PAIRING, AWAIT_WELCOME, ACTIVE, CLOSED }

    private final Identity identity;
    private final HostCertificateVerifier verifier;
    private final QuicSettings settings;
    private QuicChannel channel;
    private QuicStreamChannel control;
    private State state = State.IDLE;
    private ClientPairingCeremony pairing;
    private CompletableFuture<Fingerprint> pairResult;
    private CompletableFuture<ClientControlSession> openResult;
    private Hello hello;
    private int clientDataPort;
    private ToIntFunction<SessionParameters> dataPlaneBinder;
    private ClientControlSessionListener listener;
    private ClientControlSession session;
    private ScheduledFuture<?> keepalive;
    private int endCode = -1;
    private String endReason;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** Rumble seq gate and TTL (event loop only); built with the session. */
    private RumbleGate rumble;
    private ScheduledFuture<?> rumbleTimer;
    private long rumbleTimerNs;
    private final Runnable rumbleExpiry = this::expireRumble;
    private volatile long droppedDatagrams;

    ControlConnection(Identity identity, HostCertificateVerifier verifier, QuicSettings settings) {
        this.identity = identity;
        this.verifier = verifier;
        this.settings = settings;
    }

    void attach(QuicChannel ch, QuicStreamChannel stream) {
        this.channel = ch;
        this.control = stream;
        long every = settings.keepaliveInterval().toMillis();
        // not while IDLE: before Hello or PairRequest the host takes a Keepalive as a violation
        keepalive = ch.eventLoop().scheduleAtFixedRate(() -> {
            if (state != State.IDLE) {
                send(new ControlMessage.Keepalive());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Fingerprint of the certificate this host presented. */
    public Fingerprint hostFingerprint() {
        return verifier.observed();
    }

    /** The host's address. */
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteSocketAddress();
    }

    /** Completes with the close code once the connection is gone. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /**
     * Runs the PIN ceremony. Completes with the host fingerprint once the host has proven it knows
     * the PIN for this exact pair of certificates; only then pin it. Fails with a
     * {@link ControlException} carrying the host's refusal code (DENIED, RATE_LIMITED, …).
     */
    public CompletableFuture<Fingerprint> pair(String pin, String clientName) {
        CompletableFuture<Fingerprint> result = new CompletableFuture<>();
        Fingerprint host = verifier.observed();
        // scrypt: not on the event loop
        CompletableFuture.supplyAsync(() -> new ClientPairingCeremony(pin, clientName, identity.fingerprint(), host),
                ForkJoinPool.commonPool()).whenCompleteAsync((ceremony, err) -> {
                    if (err != null) {
                        result.completeExceptionally(err);
                    } else if (state != State.IDLE) {
                        result.completeExceptionally(new ControlException(-1, "connection busy or closed (" + state + ")"));
                    } else {
                        state = State.PAIRING;
                        pairing = ceremony;
                        pairResult = result;
                        control.writeAndFlush(ceremony.request());
                    }
                }, channel.eventLoop());
        return result;
    }

    /** Sends Hello, waits for Welcome, answers Start and completes with the session (or the host's refusal). */
    public CompletableFuture<ClientControlSession> open(Hello h, int dataPort, ClientControlSessionListener l) {
        return open(h, dataPort, null, l);
    }

    private CompletableFuture<ClientControlSession> open(Hello h, int dataPort, ToIntFunction<SessionParameters> binder,
                                                  ClientControlSessionListener l) {
        CompletableFuture<ClientControlSession> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (state != State.IDLE) {
                result.completeExceptionally(new ControlException(-1, "connection busy or closed (" + state + ")"));
                return;
            }
            state = State.AWAIT_WELCOME;
            hello = h;
            clientDataPort = dataPort;
            dataPlaneBinder = binder;
            listener = l;
            openResult = result;
            control.writeAndFlush(h);
        });
        return result;
    }

    /**
     * Like {@link #open(Hello, int, ClientControlSessionListener)}, but the data-plane socket is bound once the
     * Welcome is known: {@code bindDataPlane} gets the session's parameters (client port still 0), opens
     * the receiver with the Welcome's keys and returns its port, which then goes into Start. Called on
     * the event loop; if it throws, the session closes with SETUP_FAILED and the future fails.
     */
    public CompletableFuture<ClientControlSession> open(Hello h, ToIntFunction<SessionParameters> bindDataPlane,
                                                 ClientControlSessionListener l) {
        return open(h, 0, bindDataPlane, l);
    }

    /** Closes with CLIENT_QUIT; completes with the code once the connection is gone. */
    public CompletableFuture<Integer> quit(String reason) {
        channel.eventLoop().execute(() -> closeWith(CloseCode.CLIENT_QUIT.code(), reason, true));
        return closed;
    }

    /** Ends the session with {@code code} and {@code reason} (told to the host), then closes the connection. */
    public CompletableFuture<Integer> close(CloseCode code, String reason) {
        channel.eventLoop().execute(() -> closeWith(code.code(), reason, true));
        return closed;
    }

    void send(ControlMessage m) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> send(m)); // connection state is event-loop confined
            return;
        }
        if (control != null && control.isActive() && state != State.CLOSED) {
            control.writeAndFlush(m, control.voidPromise());
        }
    }

    void onFrame(ByteBuf payload) throws ControlProtocolException {
        if (state == State.CLOSED) {
            return;
        }
        if (ControlMessageCodec.peekMagic(payload) == ControlMessageCodec.HANDSHAKE_MAGIC) {
            if (state != State.AWAIT_WELCOME) {
                throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "unexpected handshake message from host");
            }
            onWelcome(Welcome.decode(payload));
            return;
        }
        ControlMessage m = ControlMessageCodec.decode(payload);
        if (m == null) {
            return; // a newer host's message we don't know
        }
        switch (m) {
            case ControlMessage.Keepalive k -> { }
            case ControlMessage.Refused r -> {
                endCode = r.code();
                endReason = r.reason();
                closeWith(r.code(), r.reason(), false);
            }
            case ControlMessage.Close c -> {
                endCode = c.code();
                endReason = c.reason();
                closeWith(c.code(), c.reason(), false);
            }
            case ControlMessage.PairChallenge c when state == State.PAIRING -> {
                try {
                    control.writeAndFlush(pairing.onChallenge(c));
                } catch (PairingFailure f) {
                    throw new ControlProtocolException(f.code(), f.getMessage());
                }
            }
            case ControlMessage.PairResult r when state == State.PAIRING -> {
                try {
                    pairing.onResult(r);
                } catch (PairingFailure f) {
                    pairResult.completeExceptionally(new ControlException(f.code().code(), f.getMessage()));
                    closeWith(f.code().code(), f.getMessage(), true);
                    return;
                }
                state = State.IDLE;
                pairing = null;
                pairResult.complete(verifier.observed());
            }
            case ControlMessage.ClockEcho e when state == State.ACTIVE -> session.onClockEcho(e);
            case ControlMessage.FecChanged f when state == State.ACTIVE -> listener.onFecChanged(f.percent());
            case ControlMessage.BitrateChanged b when state == State.ACTIVE -> listener.onBitrateChanged(b.kbps(), b.reason());
            case ControlMessage.ProbeResult p when state == State.ACTIVE -> listener.onProbeResult(p);
            default -> throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION,
                    String.format("unexpected message 0x%02x from host in state %s", m.type(), state));
        }
    }

    private void onWelcome(Welcome w) {
        InetSocketAddress remote = (InetSocketAddress) channel.remoteSocketAddress();
        InetSocketAddress local = (InetSocketAddress) channel.localSocketAddress();
        SessionParameters p = SessionParameters.of(w, identity.fingerprint(), remote.getAddress(), local.getAddress(), clientDataPort);
        if (dataPlaneBinder != null) {
            try {
                clientDataPort = dataPlaneBinder.applyAsInt(p);
            } catch (RuntimeException e) {
                openResult.completeExceptionally(new ControlException(CloseCode.SETUP_FAILED.code(),
                        "data plane setup failed: " + e.getMessage()));
                closeWith(CloseCode.SETUP_FAILED.code(), "client data plane setup failed", true);
                return;
            }
            p = SessionParameters.of(w, identity.fingerprint(), remote.getAddress(), local.getAddress(),
                    clientDataPort);
        }
        control.writeAndFlush(new Start(clientDataPort));
        session = new ClientControlSession(this, channel, w, p);
        ClientControlSessionListener l = listener;
        rumble = new RumbleGate(l::onRumble);
        state = State.ACTIVE;
        openResult.complete(session);
    }

    void onDatagram(ByteBuf datagram) {
        if (state != State.ACTIVE || !datagram.isReadable()) {
            droppedDatagrams++; // lossy channel: early datagrams are dropped
            return;
        }
        try {
            switch (datagram.getUnsignedByte(datagram.readerIndex())) {
                case AudioFrame.TAG -> listener.onAudio(AudioFrame.decode(datagram));
                case Rumble.TAG -> {
                    if (rumble.offer(Rumble.decode(datagram), System.nanoTime())) {
                        armRumbleTimer();
                    }
                }
                default -> droppedDatagrams++;
            }
        } catch (ControlProtocolException e) {
            droppedDatagrams++; // malformed datagram: dropped and counted, never fatal
        }
    }

    /** One pending timer at the earliest TTL deadline; refreshes push deadlines later, so it may fire early and re-arm. */
    private void armRumbleTimer() {
        if (!rumble.anyRunning()) {
            return;
        }
        long next = rumble.nextDeadlineNs();
        if (rumbleTimer != null && rumbleTimerNs - next <= 0) {
            return;
        }
        if (rumbleTimer != null) {
            rumbleTimer.cancel(false);
        }
        rumbleTimerNs = next;
        rumbleTimer = channel.eventLoop().schedule(rumbleExpiry, Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void expireRumble() {
        rumbleTimer = null;
        if (state == State.ACTIVE) {
            rumble.expire(System.nanoTime());
            armRumbleTimer();
        }
    }

    long droppedDatagrams() {
        return droppedDatagrams;
    }

    long staleRumble() {
        RumbleGate g = rumble;
        return g == null ? 0 : g.staleDropped();
    }

    void onConnectionCloseEvent(QuicConnectionCloseEvent e) {
        if (endCode < 0) {
            endCode = e.isApplicationClose() ? e.error() : CloseCode.PROTOCOL_VIOLATION.code();
            endReason = e.reason().length > 0 ? new String(e.reason(), StandardCharsets.UTF_8)
                    : (e.isApplicationClose() ? CloseCode.describe(e.error()) : "transport error " + e.error());
        }
    }

    /** Sends Close (when {@code tell}) and closes the QUIC connection. */
    void closeWith(int code, String reason, boolean tell) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (endCode < 0) {
            endCode = code;
            endReason = reason;
        }
        Runnable closeConn = () -> {
            if (channel.isActive()) {
                channel.close(true, code, Unpooled.wrappedBuffer(WireFields.truncatedUtf8(reason, ControlMessageCodec.MAX_REASON_BYTES)));
            }
        };
        if (tell && control != null && control.isActive()) {
            control.writeAndFlush(new ControlMessage.Close(code, reason)).addListener(f -> closeConn.run());
            channel.eventLoop().schedule(closeConn, 1, TimeUnit.SECONDS);
        } else {
            closeConn.run();
        }
    }

    /** The connection is gone: fail whatever is pending with the reason we know. */
    void onClosed() {
        if (endCode < 0) {
            boolean timedOut = channel.isTimedOut();
            endCode = timedOut ? CloseCode.IDLE_TIMEOUT.code() : CloseCode.NORMAL.code();
            endReason = timedOut ? "host silent for " + settings.idleTimeout().toMillis() + " ms" : "connection closed";
        }
        state = State.CLOSED;
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        ControlException why = new ControlException(endCode, endReason);
        if (pairResult != null) {
            pairResult.completeExceptionally(why);
        }
        if (openResult != null) {
            openResult.completeExceptionally(why);
        }
        if (rumbleTimer != null) {
            rumbleTimer.cancel(false);
        }
        if (session != null) {
            rumble.stopAll(); // a motor must not outlive its session
            session.failPending(why);
            listener.onClosed(endCode, endReason);
        }
        closed.complete(endCode);
    }

    /** Test seam: the raw control stream, to inject hostile frames. */
    QuicStreamChannel controlStream() {
        return control;
    }

    /** Test seam: the QUIC connection. */
    QuicChannel quicChannel() {
        return channel;
    }

    /** Reason the connection ended (null while open). */
    public String endReason() {
        return endReason;
    }
}
