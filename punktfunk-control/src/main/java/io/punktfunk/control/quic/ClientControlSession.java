package io.punktfunk.control.quic;

import io.punktfunk.control.message.CloseCode;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicChannel;
import io.punktfunk.control.handshake.Welcome;
import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.session.ClockSync;
import io.punktfunk.control.session.SessionParameters;
import io.punktfunk.control.session.WallClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's live session: typed requests to the host, input, clock sync. Safe from any thread.
 */
public final class ClientControlSession {
    private final ControlConnection connection;
    private final QuicChannel channel;
    private final Welcome welcome;
    private final SessionParameters parameters;
    private final ConcurrentHashMap<Long, CompletableFuture<long[]>> clockRounds = new ConcurrentHashMap<>();
    private final ClockSync clock = new ClockSync();

    ClientControlSession(ControlConnection connection, QuicChannel channel, Welcome welcome, SessionParameters parameters) {
        this.connection = connection;
        this.channel = channel;
        this.welcome = welcome;
        this.parameters = parameters;
    }

    /** What the data plane needs (same values the host got). */
    public SessionParameters parameters() {
        return parameters;
    }

    /** The host's Welcome as received. */
    public Welcome welcome() {
        return welcome;
    }

    /** Datagrams dropped on this connection (malformed, unknown tag, or before the session started). */
    public long droppedDatagrams() {
        return connection.droppedDatagrams();
    }

    /** Rumble datagrams dropped as stale (not newer than the pad's last applied one). */
    public long staleRumbleDropped() {
        return connection.staleRumble();
    }

    /** Completes with the close code when the session ends. */
    public CompletableFuture<Integer> closed() {
        return connection.closed();
    }

    public void requestKeyframe() {
        connection.send(new ControlMessage.RequestKeyframe());
    }

    /** Frames {@code first..last} (inclusive) could not be decoded. */
    public void invalidateRefs(int firstFrame, int lastFrame) {
        connection.send(new ControlMessage.InvalidateRefs(firstFrame, lastFrame));
    }

    /** One report window's residual loss (drives the host's adaptive FEC). */
    public void reportLoss(int window, int lossPpm, long packetsReceived) {
        connection.send(new ControlMessage.LossReport(window, lossPpm, packetsReceived));
    }

    /**
     * The receiver's figures for the host's operator: FEC-rebuilt shards (session total) and glass-to-glass
     * latency of the last interval in µs ({@link ControlMessage.ReceiverStats#NOT_MEASURED} when unknown).
     */
    public void reportReceiverStats(int window, long fecRebuiltShards, int latencyP50Us, int latencyP99Us) {
        connection.send(new ControlMessage.ReceiverStats(window, fecRebuiltShards, latencyP50Us, latencyP99Us));
    }

    /** Sends one delivery report (adaptive bitrate; see {@link ControlMessage.DeliveryReport}). */
    public void reportDelivery(int window, int intervalUs, long wireBytes, int framesLost, int queueDelayUs,
                               int linkKbps) {
        connection.send(new ControlMessage.DeliveryReport(window, intervalUs, wireBytes, framesLost, queueDelayUs,
                linkKbps));
    }

    /** Asks for a new bitrate; the answer arrives as {@link ClientControlSessionListener#onBitrateChanged}. */
    public void setBitrate(int kbps) {
        connection.send(new ControlMessage.SetBitrate(kbps));
    }

    /** Asks the host for a speed-test burst; the result arrives as {@link ClientControlSessionListener#onProbeResult}. */
    public void requestProbe(int targetKbps, int durationMs) {
        connection.send(new ControlMessage.ProbeRequest(targetKbps, durationMs));
    }

    /** Sends an input event: edges on the reliable stream, state as a datagram (may be lost, next one supersedes). */
    public void sendInput(InputEvent event) {
        if (event.isEdge()) {
            connection.send(new ControlMessage.InputEdge(event));
        } else {
            ByteBuf buf = channel.alloc().ioBuffer(InputEvent.BYTES);
            event.encode(buf);
            channel.writeAndFlush(buf, channel.voidPromise());
        }
    }

    /**
     * One clock-sync round; completes with {@code {t1, t2, t3, t4}} in ns (client, host, host, client).
     * The round also feeds {@link #clockEstimate()}.
     */
    public CompletableFuture<long[]> clockRound() {
        long t1 = WallClock.nowNs();
        CompletableFuture<long[]> f = new CompletableFuture<>();
        while (clockRounds.putIfAbsent(t1, f) != null) {
            t1++; // two rounds in the same ns: keep keys unique
        }
        connection.send(new ControlMessage.ClockProbe(t1));
        return f;
    }

    void onClockEcho(ControlMessage.ClockEcho echo) {
        long t4 = WallClock.nowNs();
        CompletableFuture<long[]> f = clockRounds.remove(echo.t1Ns());
        if (f == null) {
            return; // not ours (or already timed out): ignore
        }
        synchronized (clock) {
            clock.add(echo.t1Ns(), echo.t2Ns(), echo.t3Ns(), t4);
        }
        f.complete(new long[] {echo.t1Ns(), echo.t2Ns(), echo.t3Ns(), t4});
    }

    /** Min-RTT offset estimate (host clock − client clock) from the rounds so far, or null. */
    public ClockSync.Estimate clockEstimate() {
        synchronized (clock) {
            return clock.estimate();
        }
    }

    /** Runs {@code rounds} clock rounds one after another and returns the min-RTT estimate. */
    public CompletableFuture<ClockSync.Estimate> syncClock(int rounds) {
        CompletableFuture<long[]> chain = clockRound();
        for (int i = 1; i < rounds; i++) {
            chain = chain.thenCompose(r -> clockRound());
        }
        return chain.thenApply(r -> clockEstimate());
    }

    /** Ends the session (CLIENT_QUIT: the host tears down at once) and closes the connection. */
    public CompletableFuture<Integer> close(String reason) {
        return connection.quit(reason);
    }

    /** Ends the session with {@code code} (e.g. INTERNAL_ERROR when a client thread failed); the host logs the reason. */
    public CompletableFuture<Integer> close(CloseCode code, String reason) {
        return connection.close(code, reason);
    }

    /** Test seam: the connection underneath. */
    ControlConnection connection() {
        return connection;
    }

    void failPending(Throwable t) {
        clockRounds.values().forEach(f -> f.completeExceptionally(t));
        clockRounds.clear();
    }
}
