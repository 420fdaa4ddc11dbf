package io.punktfunk.host.gamestream.control;

import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.host.gamestream.enet.Delivery;
import io.punktfunk.host.gamestream.enet.DisconnectReason;
import io.punktfunk.host.gamestream.enet.EnetCounters;
import io.punktfunk.host.gamestream.enet.EnetListener;
import io.punktfunk.host.gamestream.enet.EnetPeer;
import io.punktfunk.host.gamestream.enet.EnetServer;
import io.punktfunk.host.gamestream.enet.EnetServerConfig;
import io.punktfunk.host.gamestream.input.InputPacketDecoder;
import io.punktfunk.host.gamestream.input.InputSink;
import io.punktfunk.host.input.RumbleListener;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GameStream control stream of one launch session: an {@link EnetServer} on UDP (47999 by default)
 * that accepts the client whose CONNECT carries the session's connect data, opens and seals the
 * AES-128-GCM envelope ({@link ControlEnvelope}) both ways, and handles the message types of reference
 * gamestream.md §5.3:
 *
 * <pre>
 *  client ─ 0x0302 IDR request / 0x0301 RFI ─▶ keyframeRequest.run()
 *         ─ 0x5502 FEC status ──────────────▶ listener.fecStatus(…)
 *         ─ 0x0206 input ───────────────────▶ InputPacketDecoder ─▶ InputSink (host InputEvents)
 *         ─ 0x0200 ping, 0x0307 start B, 0x0201 loss stats: counted
 *  host   ─ 0x010b rumble (RumbleListener), 0x5500 trigger rumble, 0x010e HDR mode, 0x0109 termination ─▶ client
 * </pre>
 *
 * Everything the host sends goes reliable on channel 0, as Sunshine does. Messages that fail to open are
 * counted and dropped; unknown types are counted and ignored.
 */
public final class GameStreamControlServer implements RumbleListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GameStreamControlServer.class);
    /** The control stream's UDP port (base port 47989 + 10). */
    public static final int DEFAULT_PORT = 47999;
    private static final int CHANNEL = 0;

    private final int connectData;
    private final Runnable keyframeRequest;
    private final ControlStreamListener listener;
    private final ControlEnvelope inbound;
    private final ControlEnvelope outbound;
    private final InputPacketDecoder input;
    private final AtomicLongArray counts = new AtomicLongArray(ControlCounter.values().length);
    /** Shared with the ENet server: guards the send sequence, the buffers and the ENet state in one. */
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] sendBuf = new byte[ControlEnvelope.HEADER_BYTES + ControlEnvelope.INNER_HEADER_BYTES + 256];
    private final byte[] payload = new byte[64];
    private final EnetServer enet;
    private volatile EnetPeer client;
    private EnetPeer sendSeqPeer;
    private int sendSeq;

    private GameStreamControlServer(Transport socket, EnetServerConfig config, byte[] key, int connectData,
                                    InputSink inputSink, Runnable keyframeRequest, ControlStreamListener listener) {
        this.connectData = connectData;
        this.keyframeRequest = keyframeRequest;
        this.listener = listener;
        this.inbound = new ControlEnvelope(key, 'C');
        this.outbound = new ControlEnvelope(key, 'H');
        this.input = new InputPacketDecoder(inputSink);
        this.enet = EnetServer.serve(socket == null ? EnetServer.bind(config.bindAddress()) : socket, config, new Enet(),
                lock);
    }

    /**
     * Starts serving the control stream of one launch.
     *
     * @param bind            where to listen (port {@link #DEFAULT_PORT}, or 0 for any)
     * @param rikey           the 16-byte AES key of {@code /launch?rikey=}
     * @param connectData     the {@code X-SS-Connect-Data} the RTSP SETUP of the control stream announced
     * @param inputSink       where decoded input goes (host {@code InputEvent}s)
     * @param keyframeRequest run when the client asks for an IDR frame
     * @param listener        connection, FEC status and disconnect news
     */
    public static GameStreamControlServer start(InetSocketAddress bind, byte[] rikey, int connectData,
                                                InputSink inputSink, Runnable keyframeRequest,
                                                ControlStreamListener listener) {
        return start(new EnetServerConfig().bindAddress(bind), rikey, connectData, inputSink, keyframeRequest, listener);
    }

    /** {@link #start(InetSocketAddress, byte[], int, InputSink, Runnable, ControlStreamListener)} with ENet settings. */
    public static GameStreamControlServer start(EnetServerConfig config, byte[] rikey, int connectData,
                                                InputSink inputSink, Runnable keyframeRequest,
                                                ControlStreamListener listener) {
        return new GameStreamControlServer(null, config, rikey.clone(), connectData, inputSink, keyframeRequest,
                listener);
    }

    /**
     * Binds the control stream's UDP socket, e.g. at launch so its port can be announced in the RTSP SETUP
     * answer before {@link #start(Transport, byte[], int, InputSink, Runnable, ControlStreamListener)}.
     */
    public static UdpTransport bind(InetSocketAddress address) {
        return EnetServer.bind(address);
    }

    /** Starts serving on a socket from {@link #bind}; the server owns it from now on and closes it. */
    public static GameStreamControlServer start(Transport socket, byte[] rikey, int connectData, InputSink inputSink,
                                                Runnable keyframeRequest, ControlStreamListener listener) {
        return new GameStreamControlServer(socket, new EnetServerConfig(), rikey.clone(), connectData, inputSink,
                keyframeRequest, listener);
    }

    /** The bound UDP address. */
    public InetSocketAddress localAddress() {
        return enet.localAddress();
    }

    /**
     * Whether a client is connected now. After {@link #terminate} this stays true until the client has
     * acknowledged the termination and the disconnect (or timed out), so a caller can wait for that.
     */
    public boolean clientConnected() {
        EnetPeer p = client;
        return p != null && p.state() != EnetPeer.State.FREE;
    }

    /** The ENet layer's counters. */
    public EnetCounters enetCounters() {
        return enet.counters();
    }

    /** The input decoder (its counters). */
    public InputPacketDecoder inputDecoder() {
        return input;
    }

    public long count(ControlCounter c) {
        return counts.get(c.ordinal());
    }

    private void count(ControlCounter c, int n) {
        counts.getAndAdd(c.ordinal(), n);
    }

    // ------------------------------------------------------------------------------------------ host → client

    /** Rumble from a virtual pad: 0x010b. Motor levels 0..65535. */
    @Override
    public void onRumble(int pad, int low, int high) {
        lock.lock();
        try {
            le32(payload, 0, 0);
            le16(payload, 4, pad);
            le16(payload, 6, low);
            le16(payload, 8, high);
            send(ControlMessageType.RUMBLE, 10);
        } finally {
            lock.unlock();
        }
    }

    /** Trigger motors of a pad: 0x5500. Levels 0..65535. */
    public void triggerRumble(int pad, int left, int right) {
        lock.lock();
        try {
            le16(payload, 0, pad);
            le16(payload, 2, left);
            le16(payload, 4, right);
            send(ControlMessageType.TRIGGER_RUMBLE, 6);
        } finally {
            lock.unlock();
        }
    }

    /** HDR on or off: 0x010e, with zeroed metadata (the host knows no mastering display values). */
    public void hdrMode(boolean enabled) {
        lock.lock();
        try {
            java.util.Arrays.fill(payload, 0, 27, (byte) 0);
            payload[0] = (byte) (enabled ? 1 : 0);
            send(ControlMessageType.HDR_MODE, 27);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the stream: 0x0109 with {@code reason} (big-endian; {@link ControlMessageType#TERMINATION_GRACEFUL}
     * for a normal end), then an ENet disconnect once the client has acknowledged it.
     */
    public void terminate(int reason) {
        lock.lock();
        try {
            payload[0] = (byte) (reason >>> 24);
            payload[1] = (byte) (reason >>> 16);
            payload[2] = (byte) (reason >>> 8);
            payload[3] = (byte) reason;
            send(ControlMessageType.TERMINATION, 4);
            EnetPeer p = client;
            if (p != null) {
                enet.disconnect(p, 0);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Seals {@code payload[0, len)} as {@code type} and sends it reliably; the caller holds the send lock. */
    private void send(int type, int len) {
        EnetPeer p = client;
        if (p == null) {
            count(ControlCounter.SEND_SKIPPED, 1);
            return;
        }
        if (p != sendSeqPeer) {
            sendSeqPeer = p;
            sendSeq = 0; // each connection counts its envelopes from 0
        }
        int n = outbound.seal(sendSeq, type, payload, 0, len, sendBuf);
        if (enet.send(p, CHANNEL, Delivery.RELIABLE, sendBuf, 0, n)) {
            sendSeq++;
            count(ControlCounter.MESSAGES_SENT, 1);
        } else {
            count(ControlCounter.SEND_SKIPPED, 1);
        }
    }

    private static void le16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    private static void le32(byte[] b, int off, int v) {
        le16(b, off, v);
        le16(b, off + 2, v >>> 16);
    }

    // ------------------------------------------------------------------------------------------ client → host

    /** The ENet side; all calls come with the ENet server's lock held. */
    private final class Enet implements EnetListener {
        @Override
        public boolean acceptConnect(InetSocketAddress from, int data) {
            if (data != connectData) {
                LOG.warn("control stream: connect from {} with connect data {} refused (expected {})", from,
                        Integer.toUnsignedString(data), Integer.toUnsignedString(connectData));
                return false;
            }
            return true;
        }

        @Override
        public void connected(EnetPeer peer) {
            EnetPeer old = client;
            client = peer;
            if (old != null && old != peer) {
                enet.disconnectNow(old, 0); // the client reconnected: the new connection is the session's
                input.end();
            }
            LOG.info("control stream: client {} connected", peer.address());
            listener.connected(peer.address());
        }

        @Override
        public void received(EnetPeer peer, int channel, byte[] data, int offset, int length) {
            if (peer != client) {
                count(ControlCounter.FROM_STALE_PEER_DROPPED, 1);
                return;
            }
            int n = inbound.open(data, offset, length);
            if (n < 0) {
                count(switch (n) {
                    case ControlEnvelope.BAD_TAG -> ControlCounter.BAD_TAG_DROPPED;
                    case ControlEnvelope.NOT_ENCRYPTED -> ControlCounter.NOT_ENCRYPTED_DROPPED;
                    default -> ControlCounter.MALFORMED_DROPPED;
                }, 1);
                return;
            }
            count(ControlCounter.MESSAGES_RECEIVED, 1);
            message(inbound.openedType(), inbound.plaintext(), ControlEnvelope.INNER_HEADER_BYTES, n);
        }

        @Override
        public void disconnected(EnetPeer peer, DisconnectReason reason, String detail) {
            if (peer != client) {
                return;
            }
            client = null;
            input.end();
            listener.disconnected(reason + ": " + detail);
        }
    }

    private void message(int type, byte[] b, int off, int len) {
        switch (type) {
            case ControlMessageType.REQUEST_IDR, ControlMessageType.INVALIDATE_REFERENCE_FRAMES -> {
                count(ControlCounter.KEYFRAME_REQUESTS, 1);
                keyframeRequest.run();
            }
            case ControlMessageType.FRAME_FEC_STATUS -> {
                if (len < FrameFecStatus.BYTES) {
                    count(ControlCounter.MALFORMED_DROPPED, 1);
                    return;
                }
                count(ControlCounter.FEC_STATUS_REPORTS, 1);
                listener.fecStatus(FrameFecStatus.read(b, off));
            }
            case ControlMessageType.INPUT_DATA -> {
                count(ControlCounter.INPUT_MESSAGES, 1);
                input.decode(b, off, len);
            }
            case ControlMessageType.PERIODIC_PING -> count(ControlCounter.PINGS, 1);
            case ControlMessageType.LOSS_STATS -> count(ControlCounter.LOSS_STATS_REPORTS, 1);
            case ControlMessageType.START_B, ControlMessageType.LTR_FRAME_ACK -> {
                // nothing to do: the stream is already running, and the host does not use LTR frames
            }
            default -> count(ControlCounter.UNKNOWN_TYPE_IGNORED, 1);
        }
    }

    /** One line of counters for logs. */
    public String summary() {
        StringBuilder sb = new StringBuilder("control stream: ");
        for (ControlCounter c : ControlCounter.values()) {
            long v = count(c);
            if (v != 0) {
                sb.append(c.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(v).append(", ");
            }
        }
        return sb.append("enet: ").append(enet.counters()).toString();
    }

    /** Disconnects the client (if any) and closes the socket. Send {@link #terminate} first for a graceful end. */
    @Override
    public void close() {
        enet.close();
    }
}
