package io.punktfunk.host.gamestream.client.enet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only ENet client peer, written from the wire description in the GameStream reference (§5.1) and
 * ENet 1.3's rules, independent of the host's implementation: one connection, reliable sends retransmitted
 * every {@value #RETRANSMIT_MS} ms until acknowledged, in-order reliable delivery per channel, fragment
 * reassembly, acknowledgements for everything that asks for one. A background thread receives and
 * retransmits. All fields are big-endian on the wire.
 */
public final class EnetTestClient implements AutoCloseable {
    static final int RETRANSMIT_MS = 25;
    public static final int DEFAULT_MTU = 900;
    public static final int CHANNELS = 48;

    /** A whole packet the server sent. */
    public record Packet(int channel, byte[] data) {
    }

    private final LossyUdpSocket socket;
    private final InetSocketAddress server;
    private final long startNs = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    // connection state, guarded by this
    private volatile String state = "connecting";
    private int serverPeerId = 0xFFF;
    private int incomingSession;
    private int outgoingSession;
    private int mtu = DEFAULT_MTU;
    private int grantedChannels;
    private byte[] verifyCommand;
    private volatile int disconnectData = -1;
    private final int connectId;
    private final int[] outReliable = new int[256];
    private final int[] outUnreliable = new int[256];
    private int outUnsequenced;
    /** Unacknowledged reliable commands by channel << 16 | seq, in send order: whole encoded commands. */
    private final LinkedHashMap<Integer, byte[]> unacked = new LinkedHashMap<>();
    private final Map<Integer, Long> lastSentMs = new HashMap<>();
    private final List<byte[]> pendingAcks = new ArrayList<>();
    private final int[] inReliable = new int[256];
    private final Map<Integer, Map<Integer, Object>> held = new HashMap<>();
    private final BlockingQueue<Packet> received = new LinkedBlockingQueue<>();
    private final AtomicInteger pingsReceived = new AtomicInteger();
    private final AtomicInteger acksReceived = new AtomicInteger();
    private volatile boolean acknowledging = true;
    private volatile Throwable failure;

    private EnetTestClient(LossyUdpSocket socket, InetSocketAddress server, int connectData, int channels, int mtu,
                           int connectId) {
        this.socket = socket;
        this.server = server;
        this.connectId = connectId;
        this.mtu = mtu;
        ByteBuffer c = ByteBuffer.allocate(48);
        c.put((byte) (2 | 0x80)).put((byte) 0xFF).putShort((short) nextSeq(0xFF));
        c.putShort((short) 0).put((byte) 0xFF).put((byte) 0xFF); // our peer id 0, session ids "none yet"
        c.putInt(mtu).putInt(32768).putInt(channels).putInt(0).putInt(0).putInt(5000).putInt(2).putInt(2)
                .putInt(connectId).putInt(connectData);
        synchronized (this) {
            reliable(0xFF, outReliable[0xFF], c.array());
        }
        this.thread = Thread.ofPlatform().name("enet-test-client").daemon().start(this::run);
    }

    /** Starts connecting to {@code server} with {@code connectData} in the CONNECT. */
    public static EnetTestClient connect(LossyUdpSocket socket, InetSocketAddress server, int connectData) {
        return new EnetTestClient(socket, server, connectData, CHANNELS, DEFAULT_MTU, 0x1234_5678);
    }

    public static EnetTestClient connect(LossyUdpSocket socket, InetSocketAddress server, int connectData,
                                         int channels, int mtu, int connectId) {
        return new EnetTestClient(socket, server, connectData, channels, mtu, connectId);
    }

    private int nextSeq(int channel) {
        outReliable[channel] = (outReliable[channel] + 1) & 0xFFFF;
        return outReliable[channel];
    }

    private int nowMs() {
        return (int) ((System.nanoTime() - startNs) / 1_000_000L);
    }

    // ------------------------------------------------------------------------------------------ API

    /** Waits until the handshake is done (true) or the connection failed (false). */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (state.equals("connected")) {
                return true;
            }
            if (state.equals("disconnected")) {
                return false;
            }
            Thread.sleep(2);
        }
        return false;
    }

    /** Waits until the server disconnected us (or we finished disconnecting). */
    public boolean awaitDisconnected(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (state.equals("disconnected")) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    public String state() {
        return state;
    }

    public synchronized int serverPeerId() {
        return serverPeerId;
    }

    public synchronized int grantedChannels() {
        return grantedChannels;
    }

    /** The VERIFY_CONNECT command as received (44 bytes). */
    public synchronized byte[] verifyCommand() {
        return verifyCommand == null ? null : verifyCommand.clone();
    }

    public synchronized int outgoingSession() {
        return outgoingSession;
    }

    /** The data of the DISCONNECT the server sent, -1 if none. */
    public int disconnectData() {
        return disconnectData;
    }

    public int pingsReceived() {
        return pingsReceived.get();
    }

    public int acksReceived() {
        return acksReceived.get();
    }

    /** Stops acknowledging the server's reliable commands (a stuck client). */
    public void stopAcknowledging() {
        acknowledging = false;
    }

    /** Commands sent but not yet acknowledged by the server. */
    public synchronized int unacknowledged() {
        return unacked.size();
    }

    /** Sends {@code data} reliably on {@code channel}, fragmented when it does not fit one datagram. */
    public synchronized void sendReliable(int channel, byte[] data) {
        int fragmentBytes = mtu - 4 - 24;
        if (data.length > fragmentBytes) {
            int count = (data.length + fragmentBytes - 1) / fragmentBytes;
            int start = (outReliable[channel] + 1) & 0xFFFF;
            for (int n = 0; n < count; n++) {
                int offset = n * fragmentBytes;
                int len = Math.min(fragmentBytes, data.length - offset);
                int seq = nextSeq(channel);
                ByteBuffer c = ByteBuffer.allocate(24 + len);
                c.put((byte) (8 | 0x80)).put((byte) channel).putShort((short) seq).putShort((short) start)
                        .putShort((short) len).putInt(count).putInt(n).putInt(data.length).putInt(offset)
                        .put(data, offset, len);
                reliable(channel, seq, c.array());
            }
        } else {
            int seq = nextSeq(channel);
            ByteBuffer c = ByteBuffer.allocate(6 + data.length);
            c.put((byte) (6 | 0x80)).put((byte) channel).putShort((short) seq).putShort((short) data.length).put(data);
            reliable(channel, seq, c.array());
        }
        outUnreliable[channel] = 0;
    }

    /** Sends {@code data} unreliably (SEND_UNRELIABLE) on {@code channel}. */
    public synchronized void sendUnreliable(int channel, byte[] data) {
        outUnreliable[channel] = (outUnreliable[channel] + 1) & 0xFFFF;
        ByteBuffer c = ByteBuffer.allocate(8 + data.length);
        c.put((byte) 7).put((byte) channel).putShort((short) outReliable[channel])
                .putShort((short) outUnreliable[channel]).putShort((short) data.length).put(data);
        datagram(List.of(c.array()), false);
    }

    /** Sends {@code data} unsequenced on {@code channel}, with group number {@code group} (or the next one if -1). */
    public synchronized void sendUnsequenced(int channel, byte[] data, int group) {
        int g = group >= 0 ? group : (outUnsequenced = (outUnsequenced + 1) & 0xFFFF);
        ByteBuffer c = ByteBuffer.allocate(8 + data.length);
        c.put((byte) (9 | 0x40)).put((byte) channel).putShort((short) 0).putShort((short) g)
                .putShort((short) data.length).put(data);
        datagram(List.of(c.array()), false);
    }

    /** Sends a PING (reliable, peer channel). */
    public synchronized void ping() {
        int seq = nextSeq(0xFF);
        ByteBuffer c = ByteBuffer.allocate(4);
        c.put((byte) (5 | 0x80)).put((byte) 0xFF).putShort((short) seq);
        reliable(0xFF, seq, c.array());
    }

    /** Starts a graceful disconnect (reliable DISCONNECT); {@link #awaitDisconnected} waits for its ack. */
    public synchronized void disconnect() {
        int seq = nextSeq(0xFF);
        ByteBuffer c = ByteBuffer.allocate(8);
        c.put((byte) (4 | 0x80)).put((byte) 0xFF).putShort((short) seq).putInt(0);
        state = "disconnecting";
        reliable(0xFF, seq, c.array());
    }

    /** Sends raw bytes as one datagram (for malformed-input tests). */
    public void sendRaw(byte[] datagram) {
        try {
            socket.send(datagram, datagram.length, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header this client puts on its datagrams now: peer id, session bits, sentTime flag. */
    public synchronized int headerPeerField() {
        return serverPeerId | (serverPeerId < 0xFFF ? outgoingSession << 12 : 0) | 0x8000;
    }

    /** The next packet from the server, or null after {@code timeout}. */
    public Packet poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------------------------------ internals

    private void reliable(int channel, int seq, byte[] command) {
        int key = channel << 16 | seq;
        unacked.put(key, command);
        lastSentMs.put(key, (long) nowMs());
        datagram(List.of(command), true);
    }

    private void datagram(List<byte[]> commands, boolean withSentTime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int field = serverPeerId | (serverPeerId < 0xFFF ? outgoingSession << 12 : 0) | 0x8000;
        out.write(field >>> 8);
        out.write(field);
        int t = nowMs();
        out.write(t >>> 8);
        out.write(t);
        for (byte[] c : commands) {
            out.writeBytes(c);
        }
        byte[] d = out.toByteArray();
        try {
            socket.send(d, d.length, server);
        } catch (IOException e) {
            if (running) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void run() {
        try {
            while (running) {
                byte[] d = socket.receive();
                synchronized (this) {
                    if (d != null) {
                        handle(d);
                    }
                    flushAcks();
                    retransmit();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                failure = e;
            }
        }
    }

    /** What stopped the receive thread, or null while it runs or after a clean close. */
    public Throwable failure() {
        return failure;
    }

    private void flushAcks() {
        if (!pendingAcks.isEmpty()) {
            // at most 32 commands per datagram
            for (int i = 0; i < pendingAcks.size(); i += 32) {
                datagram(pendingAcks.subList(i, Math.min(pendingAcks.size(), i + 32)), true);
            }
            pendingAcks.clear();
        }
    }

    private void retransmit() {
        long now = nowMs();
        for (Map.Entry<Integer, byte[]> e : unacked.entrySet()) {
            if (now - lastSentMs.get(e.getKey()) >= RETRANSMIT_MS) {
                lastSentMs.put(e.getKey(), now);
                datagram(List.of(e.getValue()), true);
            }
        }
    }

    private void handle(byte[] d) {
        ByteBuffer b = ByteBuffer.wrap(d);
        if (d.length < 2) {
            return;
        }
        int field = b.getShort() & 0xFFFF;
        int sentTime = -1;
        if ((field & 0x8000) != 0) {
            sentTime = b.getShort() & 0xFFFF;
        }
        while (b.remaining() >= 4) {
            int start = b.position();
            int command = b.get() & 0xFF;
            int channel = b.get() & 0xFF;
            int seq = b.getShort() & 0xFFFF;
            int type = command & 0x0F;
            boolean ack = (command & 0x80) != 0;
            switch (type) {
                case 1 -> { // ACKNOWLEDGE
                    int acked = b.getShort() & 0xFFFF;
                    b.getShort();
                    acksReceived.incrementAndGet();
                    byte[] c = unacked.remove(channel << 16 | acked);
                    if (c != null && (c[0] & 0x0F) == 4 && state.equals("disconnecting")) {
                        state = "disconnected";
                    }
                }
                case 3 -> { // VERIFY_CONNECT
                    verifyCommand = java.util.Arrays.copyOfRange(d, start, start + 44);
                    serverPeerId = b.getShort() & 0xFFFF;
                    incomingSession = b.get() & 0xFF;
                    outgoingSession = b.get() & 0xFF;
                    int grantedMtu = b.getInt();
                    b.getInt(); // window size
                    grantedChannels = b.getInt();
                    b.position(b.position() + 20);
                    int echoedConnectId = b.getInt();
                    mtu = Math.min(mtu, grantedMtu);
                    unacked.remove(0xFF << 16 | 1); // our CONNECT
                    if (echoedConnectId == connectId && state.equals("connecting")) {
                        state = "connected";
                    }
                }
                case 4 -> { // DISCONNECT
                    disconnectData = b.getInt();
                    state = "disconnected";
                }
                case 5 -> pingsReceived.incrementAndGet(); // PING
                case 6 -> { // SEND_RELIABLE
                    int len = b.getShort() & 0xFFFF;
                    byte[] data = new byte[len];
                    b.get(data);
                    inbound(channel, seq, data);
                }
                case 7 -> { // SEND_UNRELIABLE
                    b.getShort();
                    int len = b.getShort() & 0xFFFF;
                    byte[] data = new byte[len];
                    b.get(data);
                    received.add(new Packet(channel, data));
                }
                case 8 -> { // SEND_FRAGMENT
                    int startSeq = b.getShort() & 0xFFFF;
                    int len = b.getShort() & 0xFFFF;
                    int count = b.getInt();
                    int number = b.getInt();
                    int total = b.getInt();
                    int offset = b.getInt();
                    byte[] piece = new byte[len];
                    b.get(piece);
                    if (number != ((seq - startSeq) & 0xFFFF)) {
                        throw new IllegalStateException("fragment number " + number + " at seq " + seq + ", start " + startSeq);
                    }
                    inbound(channel, seq, new Fragment(startSeq, count, total, offset, piece));
                }
                case 9 -> { // SEND_UNSEQUENCED
                    b.getShort();
                    int len = b.getShort() & 0xFFFF;
                    byte[] data = new byte[len];
                    b.get(data);
                    received.add(new Packet(channel, data));
                }
                default -> {
                    return; // nothing else is expected from a server; stop parsing
                }
            }
            if (ack && sentTime >= 0 && acknowledging) {
                ByteBuffer a = ByteBuffer.allocate(8);
                a.put((byte) 1).put((byte) channel).putShort((short) seq).putShort((short) seq).putShort((short) sentTime);
                pendingAcks.add(a.array());
            }
        }
    }

    /** One received fragment, held until the whole packet is in. */
    private record Fragment(int start, int count, int total, int offset, byte[] piece) {
    }

    /** Holds reliable commands of a channel (plain byte[] or {@link Fragment}) until their turn comes. */
    private void inbound(int channel, int seq, Object command) {
        int d = (seq - inReliable[channel]) & 0xFFFF;
        if (d == 0 || d >= 0x8000) {
            return; // duplicate
        }
        Map<Integer, Object> h = held.computeIfAbsent(channel, k -> new HashMap<>());
        h.put(seq, command);
        while (true) {
            int next = (inReliable[channel] + 1) & 0xFFFF;
            Object first = h.get(next);
            if (first == null) {
                return;
            }
            if (first instanceof Fragment f) {
                if (f.start() != next) {
                    throw new IllegalStateException("fragment of a packet starting at " + f.start() + " at seq " + next);
                }
                for (int i = 0; i < f.count(); i++) {
                    if (!h.containsKey((next + i) & 0xFFFF)) {
                        return;
                    }
                }
                byte[] whole = new byte[f.total()];
                for (int i = 0; i < f.count(); i++) {
                    Fragment p = (Fragment) h.remove((next + i) & 0xFFFF);
                    System.arraycopy(p.piece(), 0, whole, p.offset(), p.piece().length);
                }
                inReliable[channel] = (next + f.count() - 1) & 0xFFFF;
                received.add(new Packet(channel, whole));
            } else {
                h.remove(next);
                inReliable[channel] = next;
                received.add(new Packet(channel, (byte[]) first));
            }
        }
    }

    /** Stops the receive thread and closes the socket. Sends nothing (use {@link #disconnect} first). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
        socket.close();
    }

    /** Reliable commands still waiting, for diagnostics. */
    public synchronized String pending() {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Integer> it = unacked.keySet().iterator(); it.hasNext(); ) {
            int k = it.next();
            sb.append(k >>> 16).append('/').append(k & 0xFFFF).append(' ');
        }
        return sb.toString();
    }
}
