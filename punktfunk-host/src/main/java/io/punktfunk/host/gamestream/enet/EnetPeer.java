package io.punktfunk.host.gamestream.enet;

import io.punktfunk.core.transport.PeerAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One remote ENet peer of an {@link EnetServer}: its handshake values, per-channel sequence state and the
 * commands queued for it or waiting for its acknowledgement. All mutable state is guarded by the server's
 * lock; the public accessors are safe from any thread.
 */
public final class EnetPeer {
    /** Lifecycle of a peer slot. */
    public enum State {
        /** Free slot. */
        FREE,
        /** VERIFY_CONNECT sent, waiting for the client to acknowledge it (or to send anything else). */
        CONNECTING,
        CONNECTED,
        /** A disconnect was asked for; it goes out once every queued reliable packet is acknowledged. */
        DISCONNECT_LATER,
        /** DISCONNECT sent, waiting for its acknowledgement. */
        DISCONNECTING
    }

    final EnetServer server;
    /** Our id for this peer: the peer id the client puts in its datagram headers. */
    final int index;
    volatile State state = State.FREE;
    /** Bumped every time the slot is reused, so a stale handle can be told apart. */
    volatile int generation;

    // handshake
    int outgoingPeerId = EnetProtocol.PEER_ID_NONE;
    /** Session ids survive slot reuse (ENet's rule), so datagrams of a slot's previous occupant are refused. */
    int incomingSessionId = 0xFF;
    int outgoingSessionId = 0xFF;
    int connectId;
    volatile int connectData;
    int mtu;
    int windowSize;
    volatile int channelCount;
    int throttleInterval;
    int throttleAcceleration;
    int throttleDeceleration;
    final PeerAddress address = PeerAddress.empty();
    volatile InetSocketAddress socketAddress;

    // receive side
    IncomingChannel[] channels = new IncomingChannel[0];
    int incomingUnsequencedGroup;
    final int[] unsequencedWindow = new int[EnetProtocol.UNSEQUENCED_WINDOW_SIZE / 32];
    int[] ackChannel = new int[64];
    int[] ackSeq = new int[64];
    int[] ackSentTime = new int[64];
    int ackCount;

    // send side
    final int[] outgoingReliableSeq = new int[256];
    final int[] outgoingUnreliableSeq = new int[256];
    int outgoingUnsequencedGroup;
    final ArrayDeque<OutgoingCommand> queue = new ArrayDeque<>();
    final ArrayDeque<OutgoingCommand> sent = new ArrayDeque<>();
    final ArrayDeque<OutgoingCommand> pool = new ArrayDeque<>();
    int reliableOutstanding;

    // timing (milliseconds of the server clock)
    double smoothedRttMs;
    double rttVarianceMs;
    boolean rttMeasured;
    int rtoMs;
    long lastReceiveMs;
    long lastReliableSentMs;
    long stateSinceMs;
    int disconnectData;
    volatile Object attachment;

    EnetPeer(EnetServer server, int index) {
        this.server = server;
        this.index = index;
    }

    /** Prepares a free slot for a new connection. */
    void reset(int channelCount, int maxPacketBytes, int initialRtoMs, long nowMs) {
        this.channelCount = channelCount;
        if (channels.length < channelCount) {
            channels = new IncomingChannel[channelCount];
        }
        for (int i = 0; i < channelCount; i++) {
            channels[i] = new IncomingChannel(i, maxPacketBytes);
        }
        incomingUnsequencedGroup = 0;
        Arrays.fill(unsequencedWindow, 0);
        ackCount = 0;
        Arrays.fill(outgoingReliableSeq, 0);
        Arrays.fill(outgoingUnreliableSeq, 0);
        outgoingUnsequencedGroup = 0;
        recycleAll();
        smoothedRttMs = 0;
        rttVarianceMs = 0;
        rttMeasured = false;
        rtoMs = initialRtoMs;
        lastReceiveMs = nowMs;
        lastReliableSentMs = nowMs;
        stateSinceMs = nowMs;
        disconnectData = 0;
        attachment = null;
        generation++;
    }

    void recycleAll() {
        for (OutgoingCommand c; (c = queue.poll()) != null; ) {
            pool.add(c);
        }
        for (OutgoingCommand c; (c = sent.poll()) != null; ) {
            pool.add(c);
        }
        reliableOutstanding = 0;
    }

    OutgoingCommand take(int channel, int seq, boolean reliable) {
        OutgoingCommand c = pool.poll();
        if (c == null || c.bytes.length < mtu) {
            c = new OutgoingCommand(mtu);
        }
        if (reliable) {
            reliableOutstanding++;
        }
        return c.reset(channel, seq, reliable);
    }

    void recycle(OutgoingCommand c) {
        if (c.reliable) {
            reliableOutstanding--;
        }
        pool.add(c);
    }

    /** Queues an acknowledgement of ({@code channel}, {@code seq}) echoing {@code sentTime}. */
    void queueAck(int channel, int seq, int sentTime) {
        if (ackCount == ackSeq.length) {
            int n = ackCount * 2;
            ackChannel = Arrays.copyOf(ackChannel, n);
            ackSeq = Arrays.copyOf(ackSeq, n);
            ackSentTime = Arrays.copyOf(ackSentTime, n);
        }
        ackChannel[ackCount] = channel;
        ackSeq[ackCount] = seq;
        ackSentTime[ackCount] = sentTime;
        ackCount++;
    }

    /** Folds one round-trip sample into the retransmission timeout (RFC 6298's estimator). */
    void rttSample(int sampleMs, int minRtoMs, int maxRtoMs) {
        if (!rttMeasured) {
            smoothedRttMs = sampleMs;
            rttVarianceMs = sampleMs / 2.0;
            rttMeasured = true;
        } else {
            rttVarianceMs = 0.75 * rttVarianceMs + 0.25 * Math.abs(smoothedRttMs - sampleMs);
            smoothedRttMs = 0.875 * smoothedRttMs + 0.125 * sampleMs;
        }
        rtoMs = (int) Math.max(minRtoMs, Math.min(maxRtoMs, smoothedRttMs + 4 * rttVarianceMs));
    }

    /** Our peer id for this client (0-based slot). */
    public int id() {
        return index;
    }

    public State state() {
        return state;
    }

    /** Where the client's datagrams come from. */
    public InetSocketAddress address() {
        return socketAddress;
    }

    /** The {@code data} field of the client's CONNECT. */
    public int connectData() {
        return connectData;
    }

    /** Channels both sides agreed on. */
    public int channelCount() {
        return channelCount;
    }

    /** Smoothed round-trip time in milliseconds, 0 before the first sample. */
    public double roundTripMs() {
        return smoothedRttMs;
    }

    /** The application's object for this peer. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object o) {
        this.attachment = o;
    }

    /** Sends {@code data[offset, offset + length)} on {@code channel}; false when the peer is not connected. */
    public boolean send(int channel, Delivery delivery, byte[] data, int offset, int length) {
        return server.send(this, channel, delivery, data, offset, length);
    }

    @Override
    public String toString() {
        return "enet peer " + index + " (" + socketAddress + ")";
    }
}
