package io.punktfunk.host.gamestream.enet;

import static io.punktfunk.host.gamestream.enet.EnetProtocol.*;

import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.core.transport.UdpTransportConfig;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of an ENet 1.3 connection, wire-compatible with the ENet fork in moonlight-common-c
 * (reference gamestream.md §5.1): CONNECT → VERIFY_CONNECT, reliable/unreliable/unsequenced packets,
 * fragments both ways, acknowledgements with retransmission, PING, DISCONNECT and peer timeouts.
 *
 * <pre>
 *  pkf-gs-enet thread: recvBatch (≤ {@value #TICK_MS} ms wait) ─▶ lock ─▶ parse each datagram ─▶ listener
 *                                                               └─▶ timers (retransmit, ping, timeout) ─▶ flush
 *  any thread: send() ─▶ lock ─▶ queue command ─▶ flush that peer now
 * </pre>
 *
 * One lock guards all peer state and the send direction of the transport; the receive direction belongs to
 * the I/O thread alone (the transport's rule: one sender and one receiver thread). Datagrams that do not
 * parse, or that name no peer of ours, are counted and dropped; a peer that breaks the protocol is
 * disconnected with a reason.
 */
public final class EnetServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnetServer.class);
    /** Longest idle wait of the I/O thread: timers (retransmission, ping) run at least this often. */
    static final int TICK_MS = 5;
    private static final int BATCH = 32;
    private static final int FRAGMENT_COMMAND_BYTES = commandBytes(CMD_SEND_FRAGMENT);

    private final Transport transport;
    private final boolean ownsTransport;
    private final EnetServerConfig config;
    private final EnetListener listener;
    private final LongSupplier nanoClock;
    private final EnetCounters counters = new EnetCounters();
    private final EnetPeer[] peers;
    private final ReentrantLock lock;

    private final DatagramBatch rx = new DatagramBatch(BATCH, MAX_MTU);
    private final byte[] rxBytes = new byte[MAX_MTU + 1];
    private final DatagramBatch tx = new DatagramBatch(BATCH, MAX_MTU);
    private final byte[] txBytes = new byte[MAX_MTU];
    private final MemorySegment txSegment = MemorySegment.ofArray(txBytes);
    private final IncomingChannel.Sink sink;
    private EnetPeer receivingPeer;

    private volatile boolean running;
    private Thread thread;

    /**
     * A server on {@code transport} (not started; {@link #start()}). Tests pass a wrapped transport and a
     * clock; the server does not close a transport it was given.
     */
    public EnetServer(Transport transport, EnetServerConfig config, EnetListener listener, LongSupplier nanoClock) {
        this(transport, false, config, listener, nanoClock, new ReentrantLock());
    }

    private EnetServer(Transport transport, boolean owns, EnetServerConfig config, EnetListener listener,
                       LongSupplier nanoClock, ReentrantLock lock) {
        this.lock = lock;
        this.transport = transport;
        this.ownsTransport = owns;
        this.config = config.conclude();
        this.listener = listener;
        this.nanoClock = nanoClock;
        this.peers = new EnetPeer[config.maxPeers()];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = new EnetPeer(this, i);
        }
        this.sink = (channel, data, offset, length) -> {
            counters.increment(EnetCounter.PACKETS_DELIVERED);
            listener.received(receivingPeer, channel, data, offset, length);
        };
    }

    /** Opens a UDP socket on {@code config.bindAddress()} (the project's batched transport) and starts serving. */
    public static EnetServer open(EnetServerConfig config, EnetListener listener) {
        return open(config, listener, new ReentrantLock());
    }

    /**
     * Like {@link #open(EnetServerConfig, EnetListener)}, guarding the server's state with the application's
     * {@code lock}: an application that sends from its own threads and keeps state touched by listener calls
     * holds one lock instead of two, so the two can never be taken in opposite orders.
     */
    public static EnetServer open(EnetServerConfig config, EnetListener listener, ReentrantLock lock) {
        UdpTransport t = UdpTransport.open(new UdpTransportConfig().bindAddress(config.bindAddress())
                .socketBufferBytes(1 << 20).gso(false).gro(false).batchSize(BATCH));
        EnetServer server = new EnetServer(t, true, config, listener, System::nanoTime, lock);
        server.start();
        return server;
    }

    /** Starts the I/O thread. */
    public synchronized EnetServer start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().name("pkf-gs-enet").daemon().start(this::run);
        }
        return this;
    }

    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    public EnetCounters counters() {
        return counters;
    }

    /** Peers that are not free, at this moment. */
    public List<EnetPeer> peers() {
        List<EnetPeer> out = new ArrayList<>();
        for (EnetPeer p : peers) {
            if (p.state != EnetPeer.State.FREE) {
                out.add(p);
            }
        }
        return out;
    }

    private long nowMs() {
        return nanoClock.getAsLong() / 1_000_000L;
    }

    private void run() {
        long waitNs = 0;
        try {
            while (running) {
                int n = transport.recvBatch(rx, waitNs);
                lock.lock();
                try {
                    long now = nowMs();
                    for (int i = 0; i < n; i++) {
                        receive(i, now);
                    }
                    service(now);
                } finally {
                    lock.unlock();
                }
                waitNs = rx.isFull() ? 0 : TICK_MS * 1_000_000L;
            }
        } catch (RuntimeException e) {
            LOG.error("enet server on {} stopped: {}", localAddress(), e.toString(), e);
        }
    }

    /** One round of timers for every peer: for a caller that drives the server without its thread (tests). */
    void serviceNow() {
        lock.lock();
        try {
            service(nowMs());
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------- receive

    private void receive(int i, long now) {
        int len = rx.length(i);
        counters.increment(EnetCounter.DATAGRAMS_RECEIVED);
        MemorySegment.copy(rx.slab(), ValueLayout.JAVA_BYTE, rx.offset(i), rxBytes, 0, len);
        byte[] b = rxBytes;
        if (len < HEADER_BYTES_SHORT) {
            counters.increment(EnetCounter.MALFORMED_DROPPED);
            return;
        }
        int field = BigEndian.u16(b, 0);
        if ((field & HEADER_FLAG_COMPRESSED) != 0) {
            counters.increment(EnetCounter.COMPRESSED_DROPPED);
            return;
        }
        int headerBytes = (field & HEADER_FLAG_SENT_TIME) != 0 ? HEADER_BYTES : HEADER_BYTES_SHORT;
        if (len < headerBytes + COMMAND_HEADER_BYTES) {
            counters.increment(EnetCounter.MALFORMED_DROPPED);
            return;
        }
        int sentTime = headerBytes == HEADER_BYTES ? BigEndian.u16(b, 2) : -1;
        int peerId = field & HEADER_PEER_ID_MASK;
        EnetPeer peer = null;
        if (peerId != PEER_ID_NONE) {
            int session = (field & HEADER_SESSION_MASK) >>> HEADER_SESSION_SHIFT;
            if (peerId >= peers.length) {
                counters.increment(EnetCounter.UNKNOWN_PEER_DROPPED);
                return;
            }
            peer = peers[peerId];
            if (peer.state == EnetPeer.State.FREE || !rx.peerIs(i, peer.address) || session != peer.incomingSessionId) {
                counters.increment(EnetCounter.UNKNOWN_PEER_DROPPED);
                return;
            }
            peer.lastReceiveMs = now;
        }
        int off = headerBytes;
        while (off < len) {
            if (len - off < COMMAND_HEADER_BYTES) {
                counters.increment(EnetCounter.MALFORMED_DROPPED);
                break;
            }
            int command = BigEndian.u8(b, off);
            int type = command & COMMAND_TYPE_MASK;
            int size = commandBytes(type);
            if (size == 0 || len - off < size) {
                counters.increment(EnetCounter.MALFORMED_DROPPED);
                break;
            }
            int dataLength = switch (type) {
                case CMD_SEND_RELIABLE -> BigEndian.u16(b, off + 4);
                case CMD_SEND_UNRELIABLE, CMD_SEND_FRAGMENT, CMD_SEND_UNSEQUENCED, CMD_SEND_UNRELIABLE_FRAGMENT ->
                        BigEndian.u16(b, off + 6);
                default -> 0;
            };
            if (len - off - size < dataLength) {
                counters.increment(EnetCounter.MALFORMED_DROPPED);
                break;
            }
            if (type == CMD_CONNECT) {
                if (peer != null) {
                    counters.increment(EnetCounter.MALFORMED_DROPPED); // CONNECT addressed to an existing peer
                    break;
                }
                peer = connect(i, b, off, now);
                if (peer == null) {
                    break;
                }
                if ((command & COMMAND_FLAG_ACKNOWLEDGE) != 0 && sentTime >= 0) {
                    peer.queueAck(BigEndian.u8(b, off + 1), BigEndian.u16(b, off + 2), sentTime);
                }
                off += size;
                continue;
            }
            if (peer == null) {
                counters.increment(EnetCounter.UNKNOWN_PEER_DROPPED);
                break;
            }
            if ((command & COMMAND_FLAG_ACKNOWLEDGE) != 0 && sentTime < 0) {
                counters.increment(EnetCounter.MALFORMED_DROPPED); // an acknowledgement must echo a sentTime
                break;
            }
            if (peer.state == EnetPeer.State.CONNECTING && type != CMD_ACKNOWLEDGE) {
                established(peer, now); // it addresses us with our peer and session id: it has our VERIFY_CONNECT
            }
            int result = command(peer, command, type, b, off, size, dataLength, now);
            if (result == IncomingChannel.VIOLATION) {
                break;
            }
            if (peer.state == EnetPeer.State.FREE) {
                return;
            }
            if ((command & COMMAND_FLAG_ACKNOWLEDGE) != 0
                    && (result == IncomingChannel.ACK || result == IncomingChannel.DUPLICATE)) {
                peer.queueAck(BigEndian.u8(b, off + 1), BigEndian.u16(b, off + 2), sentTime);
            }
            if (type == CMD_DISCONNECT) {
                flush(peer, now); // the acknowledgement goes out before the slot is freed
                free(peer, DisconnectReason.CLIENT_DISCONNECTED, "client sent DISCONNECT");
                return;
            }
            off += size + dataLength;
        }
        if (peer != null && peer.state != EnetPeer.State.FREE) {
            flush(peer, now);
        }
    }

    /** Handles one command of a known peer; returns an {@link IncomingChannel} result code. */
    private int command(EnetPeer peer, int command, int type, byte[] b, int off, int size, int dataLength, long now) {
        int channel = BigEndian.u8(b, off + 1);
        int seq = BigEndian.u16(b, off + 2);
        int data = off + size;
        switch (type) {
            case CMD_ACKNOWLEDGE -> {
                acknowledged(peer, channel, BigEndian.u16(b, off + 4), BigEndian.u16(b, off + 6), now);
                return IncomingChannel.NO_ACK;
            }
            case CMD_PING, CMD_BANDWIDTH_LIMIT, CMD_THROTTLE_CONFIGURE, CMD_DISCONNECT -> {
                return IncomingChannel.ACK;
            }
            case CMD_VERIFY_CONNECT -> {
                return violation(peer, "client sent VERIFY_CONNECT");
            }
            default -> {
                // the send commands
            }
        }
        if (channel >= peer.channelCount) {
            return violation(peer, EnetProtocol.commandName(type) + " on channel " + channel + " of " + peer.channelCount);
        }
        IncomingChannel in = peer.channels[channel];
        receivingPeer = peer;
        int result;
        switch (type) {
            case CMD_SEND_RELIABLE -> result = in.reliable(seq, b, data, dataLength, sink);
            case CMD_SEND_FRAGMENT -> {
                if ((command & COMMAND_FLAG_ACKNOWLEDGE) == 0) {
                    return violation(peer, "SEND_FRAGMENT without acknowledge flag");
                }
                result = in.fragment(seq, BigEndian.u16(b, off + 4), BigEndian.u32(b, off + 8),
                        BigEndian.u32(b, off + 12), BigEndian.u32(b, off + 16), BigEndian.u32(b, off + 20),
                        b, data, dataLength, sink);
            }
            case CMD_SEND_UNRELIABLE -> {
                if (in.unreliable(seq, BigEndian.u16(b, off + 4))) {
                    sink.deliver(channel, b, data, dataLength);
                } else {
                    counters.increment(EnetCounter.UNRELIABLE_DROPPED);
                }
                result = IncomingChannel.ACK;
            }
            case CMD_SEND_UNSEQUENCED -> {
                if (unsequencedFresh(peer, BigEndian.u16(b, off + 4))) {
                    sink.deliver(channel, b, data, dataLength);
                } else {
                    counters.increment(EnetCounter.UNRELIABLE_DROPPED);
                }
                result = IncomingChannel.ACK;
            }
            case CMD_SEND_UNRELIABLE_FRAGMENT -> {
                // not reassembled: Moonlight's control messages never need it; unreliable data may be lost anyway
                counters.increment(EnetCounter.UNRELIABLE_DROPPED);
                result = IncomingChannel.ACK;
            }
            default -> throw new IllegalStateException("command type " + type);
        }
        if (peer.state == EnetPeer.State.FREE) {
            return IncomingChannel.NO_ACK; // the listener disconnected it
        }
        switch (result) {
            case IncomingChannel.DUPLICATE -> counters.increment(EnetCounter.DUPLICATES_DROPPED);
            case IncomingChannel.NO_ACK -> counters.increment(EnetCounter.OUT_OF_WINDOW_DROPPED);
            case IncomingChannel.VIOLATION -> violation(peer, in.violation());
            default -> {
            }
        }
        return result;
    }

    /** ENet's unsequenced filter: a 1024-group bitmap window that slides forward. */
    private static boolean unsequencedFresh(EnetPeer peer, int group) {
        int index = group % UNSEQUENCED_WINDOW_SIZE;
        int g = group;
        if (g < peer.incomingUnsequencedGroup) {
            g += 0x10000;
        }
        if (g >= peer.incomingUnsequencedGroup + FREE_UNSEQUENCED_WINDOWS * UNSEQUENCED_WINDOW_SIZE) {
            return false;
        }
        g &= 0xFFFF;
        if (g - index != peer.incomingUnsequencedGroup) {
            peer.incomingUnsequencedGroup = g - index;
            java.util.Arrays.fill(peer.unsequencedWindow, 0);
        } else if ((peer.unsequencedWindow[index / 32] & (1 << (index % 32))) != 0) {
            return false;
        }
        peer.unsequencedWindow[index / 32] |= 1 << (index % 32);
        return true;
    }

    private int violation(EnetPeer peer, String detail) {
        counters.increment(EnetCounter.PEERS_DISCONNECTED_FOR_VIOLATION);
        LOG.warn("{}: protocol violation, disconnecting: {}", peer, detail);
        disconnectNow(peer, 0, DisconnectReason.PROTOCOL_VIOLATION, detail);
        return IncomingChannel.VIOLATION;
    }

    private EnetPeer connect(int i, byte[] b, int off, long now) {
        int outgoingPeerId = BigEndian.u16(b, off + 4);
        int inSession = BigEndian.u8(b, off + 6);
        int outSession = BigEndian.u8(b, off + 7);
        int mtu = BigEndian.u32(b, off + 8);
        int windowSize = BigEndian.u32(b, off + 12);
        int channelCount = BigEndian.u32(b, off + 16);
        int connectId = BigEndian.u32(b, off + 40);
        int data = BigEndian.u32(b, off + 44);
        if (channelCount < MIN_CHANNEL_COUNT || channelCount > MAX_CHANNEL_COUNT || outgoingPeerId > PEER_ID_NONE) {
            counters.increment(EnetCounter.MALFORMED_DROPPED);
            return null;
        }
        for (EnetPeer p : peers) {
            if (p.state != EnetPeer.State.FREE && rx.peerIs(i, p.address)) {
                if (p.connectId == connectId) {
                    return null; // the client sent its CONNECT again; our VERIFY_CONNECT is being retransmitted
                }
                free(p, DisconnectReason.REPLACED, "the client connected again");
            }
        }
        InetSocketAddress from = rx.peerSocketAddress(i);
        boolean accepted;
        try {
            accepted = listener.acceptConnect(from, data);
        } catch (RuntimeException e) {
            LOG.warn("enet connect from {}: listener failed: {}", from, e.toString());
            accepted = false;
        }
        EnetPeer peer = null;
        if (accepted) {
            for (EnetPeer p : peers) {
                if (p.state == EnetPeer.State.FREE) {
                    peer = p;
                    break;
                }
            }
        }
        if (peer == null) {
            counters.increment(EnetCounter.CONNECTS_REFUSED);
            LOG.info("enet connect from {} refused ({})", from, accepted ? "no free peer" : "unexpected connect data");
            refuse(i, outgoingPeerId);
            return null;
        }
        // ENet's session rule: each side's session id advances past the one the slot used last
        int sessionMask = HEADER_SESSION_MASK >>> HEADER_SESSION_SHIFT;
        int incoming = inSession == 0xFF ? peer.outgoingSessionId : inSession;
        incoming = (incoming + 1) & sessionMask;
        if (incoming == peer.outgoingSessionId) {
            incoming = (incoming + 1) & sessionMask;
        }
        int outgoing = outSession == 0xFF ? peer.incomingSessionId : outSession;
        outgoing = (outgoing + 1) & sessionMask;
        if (outgoing == peer.incomingSessionId) {
            outgoing = (outgoing + 1) & sessionMask;
        }
        peer.outgoingSessionId = incoming;
        peer.incomingSessionId = outgoing;
        peer.outgoingPeerId = outgoingPeerId;
        peer.connectId = connectId;
        peer.connectData = data;
        peer.mtu = Math.max(MIN_MTU, Math.min(MAX_MTU, mtu));
        peer.windowSize = Math.max(MIN_WINDOW_SIZE, Math.min(MAX_WINDOW_SIZE, windowSize));
        peer.throttleInterval = BigEndian.u32(b, off + 28);
        peer.throttleAcceleration = BigEndian.u32(b, off + 32);
        peer.throttleDeceleration = BigEndian.u32(b, off + 36);
        rx.peer(i, peer.address);
        peer.socketAddress = from;
        peer.reset(Math.min(channelCount, config.channelLimit()), config.maxPacketBytes(), config.initialRtoMs(), now);
        peer.state = EnetPeer.State.CONNECTING;
        counters.increment(EnetCounter.CONNECTS_ACCEPTED);

        OutgoingCommand c = peer.take(CHANNEL_PEER, nextPeerSeq(peer), true);
        byte[] v = c.bytes;
        commandHeader(v, CMD_VERIFY_CONNECT | COMMAND_FLAG_ACKNOWLEDGE, CHANNEL_PEER, c.seq);
        BigEndian.putU16(v, 4, peer.index);
        BigEndian.putU8(v, 6, peer.outgoingSessionId);
        BigEndian.putU8(v, 7, peer.incomingSessionId);
        BigEndian.putU32(v, 8, peer.mtu);
        BigEndian.putU32(v, 12, peer.windowSize);
        BigEndian.putU32(v, 16, peer.channelCount);
        BigEndian.putU32(v, 20, 0); // incoming bandwidth: unlimited
        BigEndian.putU32(v, 24, 0); // outgoing bandwidth: unlimited
        BigEndian.putU32(v, 28, peer.throttleInterval);
        BigEndian.putU32(v, 32, peer.throttleAcceleration);
        BigEndian.putU32(v, 36, peer.throttleDeceleration);
        BigEndian.putU32(v, 40, peer.connectId);
        c.length = commandBytes(CMD_VERIFY_CONNECT);
        peer.queue.add(c);
        LOG.info("enet peer {} connecting from {} (mtu {}, {} channels, connect data {})",
                peer.index, from, peer.mtu, peer.channelCount, Integer.toUnsignedString(data));
        return peer;
    }

    /** Tells a refused client so: an unsequenced DISCONNECT to the peer id it gave. */
    private void refuse(int i, int clientPeerId) {
        BigEndian.putU16(txBytes, 0, clientPeerId);
        commandHeader(txBytes, 2, CMD_DISCONNECT | COMMAND_FLAG_UNSEQUENCED, CHANNEL_PEER, 0);
        BigEndian.putU32(txBytes, 6, 0);
        int k = tx.add(txSegment, 0, 2 + commandBytes(CMD_DISCONNECT), null);
        tx.setPeer(k, tmpAddress(i));
        sendTx();
    }

    private final io.punktfunk.core.transport.PeerAddress refusedAddress = io.punktfunk.core.transport.PeerAddress.empty();

    private io.punktfunk.core.transport.PeerAddress tmpAddress(int i) {
        rx.peer(i, refusedAddress);
        return refusedAddress;
    }

    private void established(EnetPeer peer, long now) {
        peer.state = EnetPeer.State.CONNECTED;
        peer.stateSinceMs = now;
        LOG.info("{} connected", peer);
        try {
            listener.connected(peer);
        } catch (RuntimeException e) {
            LOG.warn("{}: listener failed on connect: {}", peer, e.toString());
        }
    }

    private void acknowledged(EnetPeer peer, int channel, int seq, int echoedSentTime, long now) {
        int sample = (int) ((now - echoedSentTime) & 0xFFFF);
        if (sample < 0x8000) {
            peer.rttSample(sample, config.minRtoMs(), config.maxRtoMs());
        }
        for (Iterator<OutgoingCommand> it = peer.sent.iterator(); it.hasNext(); ) {
            OutgoingCommand c = it.next();
            if (c.seq == seq && c.channel == channel) {
                it.remove();
                int type = c.type();
                peer.recycle(c);
                if (type == CMD_VERIFY_CONNECT && peer.state == EnetPeer.State.CONNECTING) {
                    established(peer, now);
                } else if (type == CMD_DISCONNECT && peer.state == EnetPeer.State.DISCONNECTING) {
                    free(peer, DisconnectReason.HOST_DISCONNECTED, "disconnect acknowledged");
                }
                return;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- send

    /**
     * Queues a packet to {@code peer} and sends it at once. Packets longer than one datagram go as reliable
     * fragments, whatever {@code delivery} says (ENet's rule without its unreliable-fragment flag).
     *
     * @return false if the peer is not connected (or stopped being the same connection)
     */
    public boolean send(EnetPeer peer, int channel, Delivery delivery, byte[] data, int offset, int length) {
        if (length < 0 || length > config.maxPacketBytes()) {
            throw new IllegalArgumentException("enet packet of " + length + " bytes (limit " + config.maxPacketBytes() + ")");
        }
        lock.lock();
        try {
            if (peer.state != EnetPeer.State.CONNECTED) {
                return false;
            }
            if (channel < 0 || channel >= peer.channelCount) {
                throw new IllegalArgumentException("channel " + channel + " of " + peer.channelCount);
            }
            long now = nowMs();
            int fragmentBytes = peer.mtu - HEADER_BYTES - FRAGMENT_COMMAND_BYTES;
            int reliableCommands = length > fragmentBytes ? (length + fragmentBytes - 1) / fragmentBytes
                    : delivery == Delivery.RELIABLE ? 1 : 0;
            if (peer.reliableOutstanding + reliableCommands > config.maxOutstandingReliable()) {
                counters.increment(EnetCounter.PEERS_TIMED_OUT);
                disconnectNow(peer, 0, DisconnectReason.TIMED_OUT,
                        peer.reliableOutstanding + " reliable commands unacknowledged");
                return false;
            }
            if (length > fragmentBytes) {
                queueFragments(peer, channel, data, offset, length, fragmentBytes, reliableCommands);
            } else {
                OutgoingCommand c;
                byte[] v;
                int dataAt;
                switch (delivery) {
                    case RELIABLE -> {
                        int seq = (peer.outgoingReliableSeq[channel] + 1) & 0xFFFF;
                        peer.outgoingReliableSeq[channel] = seq;
                        peer.outgoingUnreliableSeq[channel] = 0;
                        c = peer.take(channel, seq, true);
                        v = c.bytes;
                        commandHeader(v, CMD_SEND_RELIABLE | COMMAND_FLAG_ACKNOWLEDGE, channel, seq);
                        BigEndian.putU16(v, 4, length);
                        dataAt = commandBytes(CMD_SEND_RELIABLE);
                    }
                    case UNRELIABLE -> {
                        int useq = (peer.outgoingUnreliableSeq[channel] + 1) & 0xFFFF;
                        peer.outgoingUnreliableSeq[channel] = useq;
                        c = peer.take(channel, peer.outgoingReliableSeq[channel], false);
                        v = c.bytes;
                        commandHeader(v, CMD_SEND_UNRELIABLE, channel, peer.outgoingReliableSeq[channel]);
                        BigEndian.putU16(v, 4, useq);
                        BigEndian.putU16(v, 6, length);
                        dataAt = commandBytes(CMD_SEND_UNRELIABLE);
                    }
                    default -> {
                        int group = (peer.outgoingUnsequencedGroup + 1) & 0xFFFF;
                        peer.outgoingUnsequencedGroup = group;
                        c = peer.take(channel, 0, false);
                        v = c.bytes;
                        commandHeader(v, CMD_SEND_UNSEQUENCED | COMMAND_FLAG_UNSEQUENCED, channel, 0);
                        BigEndian.putU16(v, 4, group);
                        BigEndian.putU16(v, 6, length);
                        dataAt = commandBytes(CMD_SEND_UNSEQUENCED);
                    }
                }
                System.arraycopy(data, offset, v, dataAt, length);
                c.length = dataAt + length;
                peer.queue.add(c);
            }
            counters.increment(EnetCounter.PACKETS_QUEUED);
            flush(peer, now);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void queueFragments(EnetPeer peer, int channel, byte[] data, int offset, int length, int fragmentBytes,
                                int count) {
        int start = (peer.outgoingReliableSeq[channel] + 1) & 0xFFFF;
        for (int n = 0, at = 0; n < count; n++, at += fragmentBytes) {
            int seq = (peer.outgoingReliableSeq[channel] + 1) & 0xFFFF;
            peer.outgoingReliableSeq[channel] = seq;
            int chunk = Math.min(fragmentBytes, length - at);
            OutgoingCommand c = peer.take(channel, seq, true);
            byte[] v = c.bytes;
            commandHeader(v, CMD_SEND_FRAGMENT | COMMAND_FLAG_ACKNOWLEDGE, channel, seq);
            BigEndian.putU16(v, 4, start);
            BigEndian.putU16(v, 6, chunk);
            BigEndian.putU32(v, 8, count);
            BigEndian.putU32(v, 12, n);
            BigEndian.putU32(v, 16, length);
            BigEndian.putU32(v, 20, at);
            System.arraycopy(data, offset + at, v, FRAGMENT_COMMAND_BYTES, chunk);
            c.length = FRAGMENT_COMMAND_BYTES + chunk;
            peer.queue.add(c);
        }
        peer.outgoingUnreliableSeq[channel] = 0;
    }

    private static int nextPeerSeq(EnetPeer peer) {
        int seq = (peer.outgoingReliableSeq[CHANNEL_PEER] + 1) & 0xFFFF;
        peer.outgoingReliableSeq[CHANNEL_PEER] = seq;
        return seq;
    }

    private static void commandHeader(byte[] v, int command, int channel, int seq) {
        commandHeader(v, 0, command, channel, seq);
    }

    private static void commandHeader(byte[] v, int off, int command, int channel, int seq) {
        BigEndian.putU8(v, off, command);
        BigEndian.putU8(v, off + 1, channel);
        BigEndian.putU16(v, off + 2, seq);
    }

    private void queuePeerCommand(EnetPeer peer, int type, int data) {
        OutgoingCommand c = peer.take(CHANNEL_PEER, nextPeerSeq(peer), true);
        commandHeader(c.bytes, type | COMMAND_FLAG_ACKNOWLEDGE, CHANNEL_PEER, c.seq);
        if (type == CMD_DISCONNECT) {
            BigEndian.putU32(c.bytes, 4, data);
        }
        c.length = commandBytes(type);
        peer.queue.add(c);
    }

    /** Writes everything due for {@code peer} into datagrams and sends them. */
    private void flush(EnetPeer peer, long now) {
        int ackIndex = 0;
        int mtu = peer.mtu;
        boolean retransmitsLeft = true;
        while (true) {
            int pos = HEADER_BYTES;
            int commands = 0;
            while (ackIndex < peer.ackCount && pos + 8 <= mtu && commands < MAX_COMMANDS_PER_DATAGRAM) {
                commandHeader(txBytes, pos, CMD_ACKNOWLEDGE, peer.ackChannel[ackIndex], peer.ackSeq[ackIndex]);
                BigEndian.putU16(txBytes, pos + 4, peer.ackSeq[ackIndex]);
                BigEndian.putU16(txBytes, pos + 6, peer.ackSentTime[ackIndex]);
                pos += 8;
                commands++;
                ackIndex++;
            }
            if (retransmitsLeft) {
                retransmitsLeft = false;
                for (OutgoingCommand c : peer.sent) {
                    if (c.retransmitAtMs - now > 0) {
                        continue;
                    }
                    if (pos + c.length > mtu || commands == MAX_COMMANDS_PER_DATAGRAM) {
                        retransmitsLeft = true;
                        break;
                    }
                    pos = put(c, pos);
                    commands++;
                    c.attempts++;
                    counters.increment(EnetCounter.RETRANSMISSIONS);
                    c.retransmitAtMs = now + backoff(peer, c.attempts);
                    peer.lastReliableSentMs = now;
                }
            }
            while (!retransmitsLeft && !peer.queue.isEmpty() && commands < MAX_COMMANDS_PER_DATAGRAM
                    && pos + peer.queue.peek().length <= mtu) {
                OutgoingCommand c = peer.queue.poll();
                pos = put(c, pos);
                commands++;
                if (c.reliable) {
                    c.attempts = 1;
                    c.firstSentMs = now;
                    c.retransmitAtMs = now + backoff(peer, 1);
                    peer.sent.add(c);
                    peer.lastReliableSentMs = now;
                } else {
                    peer.recycle(c);
                }
            }
            if (commands == 0) {
                break;
            }
            int field = peer.outgoingPeerId | HEADER_FLAG_SENT_TIME;
            if (peer.outgoingPeerId < PEER_ID_NONE) {
                field |= peer.outgoingSessionId << HEADER_SESSION_SHIFT;
            }
            BigEndian.putU16(txBytes, 0, field);
            BigEndian.putU16(txBytes, 2, (int) now);
            tx.add(txSegment, 0, pos, peer.address);
            if (tx.isFull()) {
                sendTx();
            }
        }
        peer.ackCount = 0;
        sendTx();
    }

    private int put(OutgoingCommand c, int pos) {
        System.arraycopy(c.bytes, 0, txBytes, pos, c.length);
        return pos + c.length;
    }

    private int backoff(EnetPeer peer, int attempts) {
        long t = (long) peer.rtoMs << Math.min(attempts - 1, 16);
        return (int) Math.min(t, config.maxRtoMs());
    }

    private void sendTx() {
        int n = tx.count();
        if (n == 0) {
            return;
        }
        int sentCount = transport.sendBatch(tx);
        counters.add(EnetCounter.DATAGRAMS_SENT, sentCount);
        if (sentCount < n) {
            counters.add(EnetCounter.DATAGRAMS_SEND_DROPPED, n - sentCount);
        }
        tx.clear();
    }

    // ---------------------------------------------------------------------------------------------- timers

    private void service(long now) {
        for (EnetPeer peer : peers) {
            switch (peer.state) {
                case FREE -> {
                    continue;
                }
                case DISCONNECT_LATER -> {
                    if (peer.queue.isEmpty() && peer.sent.isEmpty()) {
                        queuePeerCommand(peer, CMD_DISCONNECT, peer.disconnectData);
                        peer.state = EnetPeer.State.DISCONNECTING;
                        peer.stateSinceMs = now;
                    }
                }
                case CONNECTED -> {
                    if (peer.queue.isEmpty() && peer.sent.isEmpty()
                            && now - peer.lastReliableSentMs >= config.pingIntervalMs()) {
                        queuePeerCommand(peer, CMD_PING, 0);
                    }
                }
                default -> {
                }
            }
            OutgoingCommand oldest = peer.sent.peek();
            if (oldest != null && now - oldest.firstSentMs >= config.peerTimeoutMs()) {
                counters.increment(EnetCounter.PEERS_TIMED_OUT);
                free(peer, DisconnectReason.TIMED_OUT, EnetProtocol.commandName(oldest.type()) + " unacknowledged for "
                        + (now - oldest.firstSentMs) + " ms");
                continue;
            }
            if (peer.state == EnetPeer.State.DISCONNECTING && now - peer.stateSinceMs >= 3L * config.maxRtoMs()) {
                free(peer, DisconnectReason.HOST_DISCONNECTED, "disconnect not acknowledged");
                continue;
            }
            flush(peer, now);
        }
    }

    // ---------------------------------------------------------------------------------------------- disconnect

    /**
     * Disconnects {@code peer} gracefully: packets already queued are delivered first, then DISCONNECT
     * ({@code data} is its payload) goes out; the listener hears of it when the client acknowledges.
     */
    public void disconnect(EnetPeer peer, int data) {
        lock.lock();
        try {
            if (peer.state == EnetPeer.State.CONNECTED || peer.state == EnetPeer.State.CONNECTING) {
                peer.state = EnetPeer.State.DISCONNECT_LATER;
                peer.disconnectData = data;
                service(nowMs());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops {@code peer} at once, telling the client with one unsequenced DISCONNECT. */
    public void disconnectNow(EnetPeer peer, int data) {
        disconnectNow(peer, data, DisconnectReason.HOST_DISCONNECTED, "disconnected by the host");
    }

    private void disconnectNow(EnetPeer peer, int data, DisconnectReason reason, String detail) {
        lock.lock();
        try {
            if (peer.state == EnetPeer.State.FREE) {
                return;
            }
            peer.recycleAll();
            peer.ackCount = 0;
            OutgoingCommand c = peer.take(CHANNEL_PEER, 0, false);
            commandHeader(c.bytes, CMD_DISCONNECT | COMMAND_FLAG_UNSEQUENCED, CHANNEL_PEER, 0);
            BigEndian.putU32(c.bytes, 4, data);
            c.length = commandBytes(CMD_DISCONNECT);
            peer.queue.add(c);
            flush(peer, nowMs());
            free(peer, reason, detail);
        } finally {
            lock.unlock();
        }
    }

    private void free(EnetPeer peer, DisconnectReason reason, String detail) {
        if (peer.state == EnetPeer.State.FREE) {
            return;
        }
        peer.state = EnetPeer.State.FREE;
        peer.recycleAll();
        peer.ackCount = 0;
        LOG.info("{} gone: {} ({})", peer, reason, detail);
        try {
            listener.disconnected(peer, reason, detail);
        } catch (RuntimeException e) {
            LOG.warn("{}: listener failed on disconnect: {}", peer, e.toString());
        }
    }

    /** Disconnects every peer (one DISCONNECT each), stops the I/O thread and closes a transport it opened. */
    @Override
    public void close() {
        lock.lock();
        try {
            for (EnetPeer p : peers) {
                if (p.state != EnetPeer.State.FREE) {
                    disconnectNow(p, 0, DisconnectReason.SERVER_CLOSED, "server closing");
                }
            }
        } finally {
            lock.unlock();
        }
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsTransport) {
            transport.close();
        }
        rx.close();
        tx.close();
    }
}
