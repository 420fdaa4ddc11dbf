package io.punktfunk.host.gamestream.audio;

import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.TransportCounter;
import io.punktfunk.core.transport.TransportStats;
import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.core.transport.UdpTransportConfig;
import io.punktfunk.host.gamestream.media.PingGate;
import io.punktfunk.media.audio.AudioPacket;
import io.punktfunk.media.audio.AudioPacketSink;
import io.punktfunk.media.audio.AudioSource;
import io.punktfunk.media.audio.OpusAudioEncoder;
import io.punktfunk.media.audio.PcmFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GameStream client's audio on UDP 48000 (gamestream.md §7), on one thread:
 *
 * <pre>
 *  pings ──▶ PingGate (where to send)
 *  10 ms PCM (source, or silence without one) ──▶ 5 ms halves ──▶ Opus CBR
 *    ──▶ [AES-128-CBC] ──▶ RTP (PT 97, ms timestamps) ──▶ socket
 *    every 4th packet ──▶ 2 parity packets (PT 127, fixed RS matrix over the 4 payloads)
 * </pre>
 *
 * Packets leave on their own 5 ms grid; the stream is continuous from the client's first ping on
 * (the client drops its first 500 ms, and expects no gaps). A source that blocks stalls the stream;
 * PulseAudio monitors deliver silence while nothing plays, {@link io.punktfunk.host.stream.AudioKind#NONE}
 * sends encoded silence. Nothing is allocated per packet.
 */
public final class GameStreamAudioStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GameStreamAudioStream.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long PING_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Falling this far behind the packet grid (a stalled source) restarts the grid instead of bursting. */
    private static final long MAX_LAG_NS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int MAX_PAYLOAD = 1400;

    private final GameStreamAudioSettings settings;
    private final Transport socket;
    private final Consumer<String> onFailure;
    private final PingGate pings;
    private final AudioEncryption encryption;
    private final DatagramBatch received = new DatagramBatch(16, 1500);
    private final DatagramBatch outgoing = new DatagramBatch(1 + AudioFecEncoder.PARITY_SHARDS, 1500);
    private final byte[][] blockPayload = new byte[AudioFecEncoder.DATA_SHARDS][MAX_PAYLOAD + 16];
    private final int[] blockLength = new int[AudioFecEncoder.DATA_SHARDS];
    private final byte[] header = new byte[AudioPacketHeader.FEC_PAYLOAD_OFFSET];
    private final byte[] parity = new byte[MAX_PAYLOAD + 16];
    private final AudioPacketSink sink = this::send;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile String failure;
    private int sequence;
    private int timestampMs;
    private int blockBaseTimestampMs;
    private volatile long packetsSent;
    private volatile long fecPackets;
    private volatile long silentPackets;
    private volatile long pingsAccepted;
    private volatile long pingsRejected;
    private volatile long finalCpuNs;
    private volatile InetSocketAddress peer;

    private GameStreamAudioStream(Transport socket, GameStreamAudioSettings settings, Consumer<String> onFailure) {
        this.settings = settings.conclude();
        this.socket = socket;
        this.onFailure = onFailure == null ? reason -> { } : onFailure;
        this.pings = new PingGate(settings.pingPayload(), settings.legacyPingFrom());
        this.encryption = settings.encrypted() ? new AudioEncryption(settings.encryptionKey(), settings.rikeyId()) : null;
        this.thread = Thread.ofPlatform().name(settings.name()).daemon().unstarted(this::run);
    }

    /**
     * Starts streaming on {@code socket} (bound to the audio port; this stream owns and closes it).
     * {@code onFailure} (may be null) hears once why the stream ended by itself.
     */
    public static GameStreamAudioStream start(Transport socket, GameStreamAudioSettings settings,
                                              Consumer<String> onFailure) {
        GameStreamAudioStream s;
        try {
            s = new GameStreamAudioStream(socket, settings, onFailure);
        } catch (RuntimeException | Error e) {
            socket.close();
            throw e;
        }
        s.thread.start();
        return s;
    }

    /** Binds a UDP socket for audio on {@code local} (port 0: any). */
    public static UdpTransport bind(InetSocketAddress local) {
        return UdpTransport.open(new UdpTransportConfig().bindAddress(local).gso(false));
    }

    private void run() {
        try {
            stream();
        } finally {
            finalCpuNs = THREADS.getCurrentThreadCpuTime();
        }
    }

    private void stream() {
        AudioSource source = null;
        try (OpusAudioEncoder encoder = OpusAudioEncoder.open(settings.bitrateBps(), settings.packetDurationMs(), true)) {
            source = settings.source().open(settings.device());
            if (!awaitFirstPing()) {
                if (running) {
                    fail("no ping from the client on UDP port " + port() + " within "
                            + TimeUnit.NANOSECONDS.toMillis(settings.pingTimeoutNs()) + " ms");
                }
                return;
            }
            LOG.info("{}: streaming Opus {} ms CBR at {} kbit/s{} to {}", settings.name(), settings.packetDurationMs(),
                    settings.bitrateBps() / 1000, settings.encrypted() ? ", AES-CBC" : "", peer);
            short[] pcm = PcmFormat.newFrame();
            int perFrame = PcmFormat.FRAME_MILLIS / settings.packetDurationMs();
            short[] part = perFrame == 1 ? pcm : new short[encoder.frameSamples() * PcmFormat.CHANNELS];
            long packetNs = TimeUnit.MILLISECONDS.toNanos(settings.packetDurationMs());
            long dueNs = System.nanoTime();
            while (running) {
                long now = System.nanoTime();
                pollPings(0, now);
                if (now - pings.lastPingNs() > settings.pingTimeoutNs()) {
                    fail("the client stopped pinging UDP port " + port());
                    return;
                }
                long captureNs;
                if (source != null) {
                    captureNs = source.read(pcm);
                } else {
                    Arrays.fill(pcm, (short) 0);
                    captureNs = now;
                }
                if (System.nanoTime() - dueNs > MAX_LAG_NS) {
                    dueNs = System.nanoTime();
                }
                for (int h = 0; h < perFrame && running; h++) {
                    for (long wait = dueNs - System.nanoTime(); wait > 0; wait = dueNs - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    if (part != pcm) {
                        System.arraycopy(pcm, h * part.length, part, 0, part.length);
                    }
                    encoder.encode(part, captureNs + h * packetNs, sink);
                    if (source == null) {
                        silentPackets++;
                    }
                    dueNs += packetNs;
                }
            }
        } catch (Throwable t) {
            if (running) {
                LOG.error("{}: audio thread failed", settings.name(), t);
                fail("audio thread failed: " + t);
            }
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }

    private boolean awaitFirstPing() {
        long deadline = System.nanoTime() + settings.pingTimeoutNs();
        while (running && !pings.hasPeer()) {
            long now = System.nanoTime();
            if (deadline - now <= 0) {
                return false;
            }
            pollPings(Math.min(PING_WAIT_NS, deadline - now), now);
        }
        return pings.hasPeer();
    }

    private void pollPings(long waitNs, long nowNs) {
        int n = socket.recvBatch(received, waitNs);
        if (n == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            pings.offer(received, i, nowNs);
        }
        pingsAccepted = pings.pings();
        pingsRejected = pings.rejected();
        if (pings.hasPeer()) {
            peer = pings.peer().toSocketAddress();
        }
    }

    /** One Opus packet: encrypt, send with its RTP header, and after every 4th the block's 2 parity packets. */
    private void send(AudioPacket opus) {
        int seq = sequence & 0xFFFF;
        int slot = seq % AudioFecEncoder.DATA_SHARDS;
        if (slot == 0) {
            blockBaseTimestampMs = timestampMs;
        }
        int length = Math.min(opus.length(), MAX_PAYLOAD);
        byte[] payload = blockPayload[slot];
        if (encryption != null) {
            length = encryption.seal(opus.data(), 0, length, seq, payload, 0);
        } else {
            System.arraycopy(opus.data(), 0, payload, 0, length);
        }
        blockLength[slot] = length;
        outgoing.clear();
        AudioPacketHeader.writeData(header, seq, timestampMs);
        add(header, AudioPacketHeader.RTP_BYTES, payload, length);
        if (slot == AudioFecEncoder.DATA_SHARDS - 1) {
            int baseSeq = (seq - slot) & 0xFFFF;
            int parityLength = 0;
            for (int len : blockLength) {
                parityLength = Math.max(parityLength, len); // CBR: all equal
            }
            for (int row = 0; row < AudioFecEncoder.PARITY_SHARDS; row++) {
                AudioFecEncoder.encode(row, blockPayload, blockLength, 0, parityLength, parity, 0);
                AudioPacketHeader.writeFec(header, (seq + 1 + row) & 0xFFFF, row, baseSeq, blockBaseTimestampMs);
                add(header, AudioPacketHeader.FEC_PAYLOAD_OFFSET, parity, parityLength);
            }
            fecPackets += AudioFecEncoder.PARITY_SHARDS;
        }
        socket.sendBatch(outgoing);
        sequence++;
        timestampMs += settings.packetDurationMs();
        packetsSent++;
    }

    private void add(byte[] head, int headLength, byte[] body, int bodyLength) {
        int i = outgoing.add(headLength + bodyLength, pings.peer());
        long off = outgoing.offset(i);
        MemorySegment slab = outgoing.slab();
        MemorySegment.copy(head, 0, slab, ValueLayout.JAVA_BYTE, off, headLength);
        MemorySegment.copy(body, 0, slab, ValueLayout.JAVA_BYTE, off + headLength, bodyLength);
    }

    private void fail(String reason) {
        if (failure != null) {
            return;
        }
        failure = reason;
        running = false;
        LOG.warn("{}: stream ended: {}", settings.name(), reason);
        onFailure.accept(reason);
    }

    /** The local UDP port audio leaves from (what RTSP SETUP announces). */
    public int port() {
        return socket.localAddress().getPort();
    }

    /** Whether the stream is still running (not closed, not failed). */
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /** Why the stream ended by itself, or null. */
    public String failure() {
        return failure;
    }

    /** Counters now. */
    public AudioStreamStats stats() {
        TransportStats t = socket.stats();
        long cpu = THREADS.getThreadCpuTime(thread.threadId()); // -1 once the thread has ended
        if (cpu < 0) {
            cpu = finalCpuNs;
        }
        return new AudioStreamStats(packetsSent, fecPackets, t.get(TransportCounter.PACKETS_SENT),
                t.get(TransportCounter.PACKETS_SEND_DROPPED) + t.get(TransportCounter.PACKETS_SEND_TRANSIENT_DROPPED),
                silentPackets, pingsAccepted, pingsRejected + t.get(TransportCounter.PACKETS_TRUNCATED), cpu, peer);
    }

    /** Stops the thread, then closes the socket. Safe to call twice. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive() && closed.compareAndSet(false, true)) {
            socket.close();
            received.close();
            outgoing.close();
        }
    }
}
