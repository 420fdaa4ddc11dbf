package io.punktfunk.control.quic;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicChannel;
import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.message.AudioFrame;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.message.Rumble;
import io.punktfunk.control.session.SessionParameters;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One client's live session on the host. Safe to call from any thread: writes go through Netty,
 * which hands them to the connection's event loop.
 */
public final class HostControlSession {
    private final long id;
    private final HostConnection connection;
    private final QuicChannel channel;
    private final String clientName;
    private final SessionParameters parameters;
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private volatile int fecPercent;
    private volatile int bitrateKbps;
    private final AtomicIntegerArray rumbleSeq = new AtomicIntegerArray(InputEvent.MAX_PADS);

    HostControlSession(long id, HostConnection connection, QuicChannel channel, String clientName, SessionParameters parameters) {
        this.id = id;
        this.connection = connection;
        this.channel = channel;
        this.clientName = clientName;
        this.parameters = parameters;
        this.fecPercent = parameters.fec().fecPercent();
        this.bitrateKbps = parameters.bitrateKbps();
    }

    /** Host-unique session number. */
    public long id() {
        return id;
    }

    /** The client's certificate fingerprint. */
    public Fingerprint clientFingerprint() {
        return parameters.clientFingerprint();
    }

    /** Name from the client's Hello. */
    public String clientName() {
        return clientName;
    }

    /** What the data plane needs: endpoints, FEC, shard size, keys, bitrate. */
    public SessionParameters parameters() {
        return parameters;
    }

    /** Parity percentage currently in force (adaptive). */
    public int fecPercent() {
        return fecPercent;
    }

    /** Bitrate currently in force. */
    public int bitrateKbps() {
        return bitrateKbps;
    }

    void fecPercent(int p) {
        fecPercent = p;
    }

    void bitrateKbps(int kbps) {
        bitrateKbps = kbps;
    }

    /** Datagrams dropped on this connection (malformed, unknown tag, or before the session started). */
    public long droppedDatagrams() {
        return connection.droppedDatagrams();
    }

    /** Gamepad-state datagrams dropped as stale (overtaken by a newer state or the pad's removal). */
    public long staleInputDropped() {
        return connection.staleInput();
    }

    /** Well-formed control messages of a type this host does not know, skipped. */
    public long unknownMessages() {
        return connection.unknownMessages();
    }

    /** Completes with the close code when the session ends. */
    public CompletableFuture<Integer> ended() {
        return ended;
    }

    void markEnded(int code) {
        ended.complete(code);
    }

    /** Sends a control message to the client (e.g. a {@link ControlMessage.ProbeResult}). */
    public void send(ControlMessage message) {
        if (channel.eventLoop().inEventLoop()) {
            connection.send(message);
        } else {
            channel.eventLoop().execute(() -> connection.send(message)); // connection state is event-loop confined
        }
    }

    /** Reports a finished speed-test burst; the session may then take its next ProbeRequest. */
    public void sendProbeResult(ControlMessage.ProbeResult result) {
        Runnable r = () -> {
            connection.probeDone();
            connection.send(result);
        };
        if (channel.eventLoop().inEventLoop()) {
            r.run();
        } else {
            channel.eventLoop().execute(r);
        }
    }

    /** Sends one Opus frame as a QUIC datagram (lossy by design). */
    public void sendAudio(AudioFrame frame) {
        ByteBuf buf = channel.alloc().ioBuffer(AudioFrame.HEADER_BYTES + frame.opus().length);
        frame.encode(buf);
        channel.writeAndFlush(buf, channel.voidPromise());
    }

    /**
     * Sets pad {@code pad}'s motors on the client (0xCA v2 datagram, lossy): {@code low}/{@code high} are the
     * strong and weak motor speeds 0..65535, held for {@code ttlMs} unless refreshed (the client then
     * silences the pad itself). Send a level again within its TTL for as long as it should last, and
     * {@code 0, 0} to stop at once. Any thread; each pad has its own wrapping sequence.
     */
    public void sendRumble(int pad, int low, int high, int ttlMs) {
        sendRumble(pad, low, high, 0, 0, ttlMs, 2);
    }

    /** As {@link #sendRumble(int, int, int, int)} with trigger motors (0xCA v3 datagram). */
    public void sendRumble(int pad, int low, int high, int leftTrigger, int rightTrigger, int ttlMs) {
        sendRumble(pad, low, high, leftTrigger, rightTrigger, ttlMs, 3);
    }

    private void sendRumble(int pad, int low, int high, int lt, int rt, int ttlMs, int version) {
        if (pad < 0 || pad >= InputEvent.MAX_PADS) {
            throw new IllegalArgumentException("pad " + pad + " outside 0.." + (InputEvent.MAX_PADS - 1));
        }
        if (((low | high | lt | rt | ttlMs) & ~0xFFFF) != 0 || ttlMs == 0) {
            throw new IllegalArgumentException("rumble levels and ttl_ms are u16, ttl_ms at least 1");
        }
        int seq = rumbleSeq.getAndIncrement(pad) & 0xFF;
        ByteBuf buf = channel.alloc().ioBuffer(version == 3 ? Rumble.V3_BYTES : Rumble.V2_BYTES);
        Rumble.encode(buf, pad, low, high, seq, ttlMs, lt, rt, version);
        channel.writeAndFlush(buf, channel.voidPromise());
    }

    /** Ends the session with {@code code} and a reason the client will show. */
    public void close(CloseCode code, String reason) {
        channel.eventLoop().execute(() -> connection.fail(code, reason));
    }

    @Override
    public String toString() {
        return "session " + id + " (" + clientName + ", " + clientFingerprint().shortHex() + ")";
    }
}
