package io.punktfunk.host.gamestream.video;

import io.punktfunk.control.handshake.Mode;
import io.punktfunk.core.pacing.FramePacer;
import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.TransportCounter;
import io.punktfunk.core.transport.TransportStats;
import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.core.transport.UdpTransportConfig;
import io.punktfunk.host.gamestream.media.PingGate;
import io.punktfunk.host.stream.KeyframeGate;
import io.punktfunk.media.source.VideoSource;
import io.punktfunk.media.video.AccessUnit;
import io.punktfunk.media.video.AccessUnitSink;
import io.punktfunk.media.video.FfmpegVideoEncoder;
import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.VideoCodec;
import io.punktfunk.media.video.PixelFormat;
import io.punktfunk.media.video.VideoEncoder;
import io.punktfunk.media.video.VideoEncoderConfig;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GameStream client's video on UDP 47998 (gamestream.md §6). A single thread does it all,
 * in this order per picture:
 *
 * <pre>
 *  pings on the socket ──▶ PingGate (where to send; non-blocking look once per picture)
 *  source.capture ──▶ encoder (IDR first and on request) ──▶ VideoPacketizer (RTP + NV header, GF(2^8) FEC)
 *    ──▶ [VideoEncryption] ──▶ DatagramBatch ──▶ FramePacer ──▶ sendmmsg / GSO (full buffer: counted drop)
 * </pre>
 *
 * The thread first warms the FEC kernels ({@link VideoFecWarmup}), waits for the client's first
 * ping (it starts pinging once the control stream is up), then streams until {@link #close}, or until the client stops pinging for the ping
 * timeout, or a part fails; the last two end the stream and report through the failure listener.
 * Unlike {@code HostStream} it does not split capture and sending across threads: pacing spreads
 * a frame over at most one frame interval, so sending fits between two captures.
 */
public final class GameStreamVideoStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GameStreamVideoStream.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Datagrams one batch holds before it is reallocated: 4 blocks of 255 shards. */
    private static final int INITIAL_BATCH = FecBlockPlan.MAX_BLOCKS * FecBlockPlan.MAX_BLOCK_SHARDS;
    private static final long PING_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final GameStreamVideoSettings settings;
    private final Transport socket;
    private final Consumer<String> onFailure;
    private final PingGate pings;
    private final VideoPacketizer packetizer;
    private final VideoEncryption encryption;
    private final KeyframeGate keyframes;
    private final FramePacer pacer;
    private final DatagramBatch received = new DatagramBatch(16, 1500);
    private final AccessUnitSink sink = this::send;
    private final Thread thread;
    /** H.264 or HEVC: SEI is stripped (see {@link SeiFilter}); AV1 passes through. */
    private final boolean annexB;
    private DatagramBatch outgoing;
    private volatile boolean running = true;
    private volatile long pendingBitrateBps;
    private volatile String failure;
    private long streamStartNs;
    private int frameIndex;
    private volatile long framesSent;
    private volatile long keyframesSent;
    private volatile long parityPackets;
    private volatile long framesTooLarge;
    private volatile long framesWithoutFec;
    private volatile long pingsAccepted;
    private volatile long pingsRejected;
    private volatile InetSocketAddress peer;
    private volatile long finalCpuNs;
    /** Thread CPU time when streaming began: the warm-up and the wait for the first ping are not the stream's cost. */
    private volatile long streamingCpuStartNs = -1;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GameStreamVideoStream(Transport socket, GameStreamVideoSettings settings, Consumer<String> onFailure) {
        this.settings = settings.conclude();
        this.socket = socket;
        this.onFailure = onFailure == null ? reason -> { } : onFailure;
        this.pings = new PingGate(settings.pingPayload(), settings.legacyPingFrom());
        this.packetizer = new VideoPacketizer(settings.packetSize(), settings.fecPercent(), settings.minParity());
        this.encryption = settings.encrypted() ? new VideoEncryption(settings.encryptionKey()) : null;
        this.keyframes = new KeyframeGate(settings.idrMinIntervalNs());
        this.pacer = FramePacer.system(settings.pacing());
        this.outgoing = new DatagramBatch(INITIAL_BATCH, datagramBytes());
        this.annexB = this.settings.codec() != VideoCodec.AV1;
        this.thread = Thread.ofPlatform().name(settings.name()).daemon().unstarted(this::run);
    }

    /**
     * Starts streaming on {@code socket} (bound to the video port; this stream owns it from now on
     * and closes it). {@code onFailure} (may be null) hears once why the stream ended by itself:
     * no ping in time, or a part failed.
     */
    public static GameStreamVideoStream start(Transport socket, GameStreamVideoSettings settings,
                                              Consumer<String> onFailure) {
        GameStreamVideoStream s;
        try {
            s = new GameStreamVideoStream(socket, settings, onFailure);
        } catch (RuntimeException | Error e) {
            socket.close();
            throw e;
        }
        s.thread.start();
        return s;
    }

    /** Binds a UDP socket for video on {@code local} (port 0: any), batched and with GSO. */
    public static UdpTransport bind(InetSocketAddress local) {
        return UdpTransport.open(new UdpTransportConfig().bindAddress(local));
    }

    private int datagramBytes() {
        return settings.packetSize() + VideoPacketHeader.RTP_ALLOWANCE
                + (settings.encrypted() ? VideoEncryption.PREFIX_BYTES : 0);
    }

    private void run() {
        try {
            stream();
        } finally {
            finalCpuNs = THREADS.getCurrentThreadCpuTime();
        }
    }

    private void stream() {
        try (VideoSource source = settings.source().open(new Mode(settings.width(), settings.height(), settings.fps()),
                settings.display(), settings.file());
             Picture picture = Picture.allocate(PixelFormat.I420, settings.width(), settings.height());
             VideoEncoder encoder = FfmpegVideoEncoder.open(new VideoEncoderConfig(settings.width(), settings.height(),
                     settings.fps(), settings.bitrateKbps() * 1000L, settings.codec(), settings.encoderName(), false,
                     null))) {
            long warmStart = System.nanoTime();
            int rounds = VideoFecWarmup.run(settings.packetSize(), VideoFecWarmup.DEFAULT_BUDGET_NS);
            LOG.debug("{}: FEC warm-up, {} rounds in {} ms", settings.name(), rounds,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmStart));
            if (!awaitFirstPing()) {
                if (running) {
                    fail("no ping from the client on UDP port " + port() + " within "
                            + TimeUnit.NANOSECONDS.toMillis(settings.pingTimeoutNs()) + " ms");
                }
                return;
            }
            LOG.info("{}: streaming {}x{}@{} {} at {} kbps, packet size {}, FEC {} % (min {}){} to {}", settings.name(),
                    settings.width(), settings.height(), settings.fps(), encoder.encoderName(), settings.bitrateKbps(),
                    settings.packetSize(), settings.fecPercent(), settings.minParity(),
                    settings.encrypted() ? ", encrypted" : "", peer);
            streamStartNs = System.nanoTime();
            streamingCpuStartNs = THREADS.getCurrentThreadCpuTime();
            boolean first = true;
            while (running) {
                long now = System.nanoTime();
                pollPings(0, now);
                if (now - pings.lastPingNs() > settings.pingTimeoutNs()) {
                    fail("the client stopped pinging UDP port " + port());
                    return;
                }
                source.capture(picture);
                now = System.nanoTime();
                boolean idr = first || keyframes.take(now);
                if (first) {
                    keyframes.idrSent(now);
                    first = false;
                }
                long bps = pendingBitrateBps;
                if (bps != 0) {
                    pendingBitrateBps = 0;
                    encoder.bitrate(bps);
                }
                encoder.encode(picture, idr, sink);
            }
        } catch (Throwable t) {
            if (running) {
                LOG.error("{}: video thread failed", settings.name(), t);
                fail("video thread failed: " + t);
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
            peer = pings.peer().toSocketAddress(); // cached: allocates only when the client moved
        }
    }

    private void send(AccessUnit au) {
        long now = System.nanoTime();
        int index = ++frameIndex;
        boolean key = au.keyframe();
        int rtpTimestamp = (int) ((au.captureNs() - streamStartNs) / 1000 * 90 / 1000);
        int processing = (int) Math.max(0, (now - au.captureNs()) / 100_000);
        int length = au.length();
        if (annexB) {
            length = SeiFilter.strip(au.data(), length, settings.codec() == VideoCodec.HEVC);
        }
        int n = packetizer.packetize(au.data(), length, index, key ? VideoFrameHeader.FRAME_TYPE_IDR
                : VideoFrameHeader.FRAME_TYPE_P, rtpTimestamp, processing);
        if (n < 0) {
            framesTooLarge++;
            keyframes.request(); // the client will see a gap; the next picture must not need this one
            return;
        }
        if (n > outgoing.capacity()) {
            outgoing.close();
            outgoing = new DatagramBatch(n, datagramBytes());
        }
        DatagramBatch batch = outgoing;
        batch.clear();
        int shardBytes = packetizer.shardBytes();
        MemorySegment slab = batch.slab();
        for (int i = 0; i < n; i++) {
            byte[] shard = packetizer.shard(i);
            if (encryption != null) {
                int d = batch.add(shardBytes + VideoEncryption.PREFIX_BYTES, pings.peer());
                encryption.seal(shard, shardBytes, index, slab, batch.offset(d));
            } else {
                int d = batch.add(shardBytes, pings.peer());
                MemorySegment.copy(shard, 0, slab, ValueLayout.JAVA_BYTE, batch.offset(d), shardBytes);
            }
        }
        pacer.sendFrame(socket, batch, settings.bitrateKbps() * 1000L, 1_000_000_000L / settings.fps());
        framesSent++;
        if (key) {
            keyframesSent++;
        }
        parityPackets += packetizer.parityPackets();
        if (packetizer.lastFrameFecOff()) {
            framesWithoutFec++;
        }
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

    /** The client asked for an IDR (control message 0x0302, or reference invalidation: recovery is IDR-only). Any thread. */
    public void requestIdr() {
        keyframes.request();
    }

    /** A new encoder bitrate, applied before the next picture (x264: no IDR). Any thread. */
    public void bitrateKbps(int kbps) {
        if (kbps < 10) {
            throw new IllegalArgumentException("bitrate too low: " + kbps + " kbps");
        }
        pendingBitrateBps = kbps * 1000L;
    }

    /** A new parity percentage from the next frame on. Any thread. */
    public void fecPercent(int percent) {
        packetizer.fecPercent(percent);
    }

    /** The local UDP port video leaves from (what RTSP SETUP announces). */
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
    public VideoStreamStats stats() {
        TransportStats t = socket.stats();
        long cpu = THREADS.getThreadCpuTime(thread.threadId()); // -1 once the thread has ended
        if (cpu < 0) {
            cpu = finalCpuNs;
        }
        long startCpu = streamingCpuStartNs;
        cpu = startCpu < 0 ? 0 : Math.max(0, cpu - startCpu);
        return new VideoStreamStats(framesSent, keyframesSent, keyframes.requests(), t.get(TransportCounter.PACKETS_SENT),
                parityPackets, t.get(TransportCounter.PACKETS_SEND_DROPPED)
                + t.get(TransportCounter.PACKETS_SEND_TRANSIENT_DROPPED), framesTooLarge, framesWithoutFec,
                pingsAccepted, pingsRejected + t.get(TransportCounter.PACKETS_TRUNCATED), cpu, peer);
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
