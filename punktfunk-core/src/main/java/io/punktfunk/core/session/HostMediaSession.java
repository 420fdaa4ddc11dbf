package io.punktfunk.core.session;

import io.punktfunk.core.crypto.Direction;
import io.punktfunk.core.crypto.PacketSealer;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.frame.Packetizer;
import io.punktfunk.core.pacing.FramePacer;
import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.PeerAddress;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.TransportCounter;
import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.core.wire.MediaHeaderFlyweight;
import io.punktfunk.core.wire.PacketSlab;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host end of a media session (punktfunk-reference.md §1.11, §1.13):
 *
 * <pre>
 * encoder thread                      seal thread                                       send thread
 *  submitFrame ─ copy ─► send queue ─► packetize data ─► seal ─► native batch ─► 4 slots ─► paced sendBatch
 *     (full: frame refused, counted)   FEC parity ─► seal ─► native batch ─┘   (a small frame: both in one part,
 *                                       probe frames (own index space), same path   sent by the seal thread if idle)
 * </pre>
 *
 * {@code submitFrame} never blocks: it copies the frame into a reused queue slot (one memcpy) and
 * returns; a full queue refuses the new frame and returns false so the encoder can force a
 * keyframe. One thread submits at a time (the encoder); {@link #stats()}, {@link #startProbe},
 * {@link #fecPercent(int)} and {@link #close()} are safe from any thread. Nothing allocates per
 * packet.
 *
 * <p>The seal and send stages are two threads ({@link ThreadingMode#DEDICATED}) so that the next
 * frame's FEC and sealing run while the pacer spreads the current one: on one thread the pacer's
 * waits add to the CPU work, and a 2.4 Gbit/s stream of 5 MB frames needed more than its 16.7 ms
 * frame interval (docs/session.md). A paced frame's data is handed on before its parity is
 * computed, so it leaves while the FEC runs. The seal stage runs at most about one frame ahead; the
 * send queue absorbs the rest. In {@link ThreadingMode#INVOKER} mode {@link #doWork()} runs both in turn.
 */
public final class HostMediaSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostMediaSession.class);
    /** Idle threads wake at least this often for probe deadlines and the PERF line. */
    private static final long IDLE_PARK_NS = 1_000_000L;
    private static final int INITIAL_SLAB_PACKETS = 256;
    /** Two frames' data and parity parts: one frame being paced, one sealed ahead. */
    private static final int SEALED_PARTS = 4;
    /** Once the peer is known, its socket is read this often: keepalive hellos, strangers to count. */
    private static final long PEER_POLL_NS = 50_000_000L;
    /** At most this many receive batches per read, so a flood costs bounded time on the send thread. */
    private static final int PEER_POLL_BATCHES = 4;

    private final SessionConfig config;
    private final Transport transport;
    private final SocketTimer socket;
    private final Packetizer packetizer;
    private final PacketSealer sealer;
    private final FramePacer pacer;
    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final SessionCounters sessionCounters = new SessionCounters();
    private final SlotRing<PendingFrame> queue;
    private final PacketSlab slab;
    /** The client's address: fixed by the config, or learned from its first authentic hello. */
    private final PeerGate peers;
    private long nextPeerPollNs;
    private final long frameIntervalNs;
    /** Bitrate video frames are paced for; follows the encoder when adaptive bitrate moves it. */
    private volatile long videoBitrateBps;
    /** Seal stage → send stage (DEDICATED), or the one slot doWork seals into and sends (INVOKER). */
    private final SlotRing<SealedFrame> sealed;
    private byte[] lastFrameArray;
    private MemorySegment lastFrameSegment;
    private final Thread sealThread;
    private final Thread sendThread;
    private volatile boolean running = true;
    /** Whether the client's address is learned (unconnected socket) rather than configured. */
    private final boolean learning;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FaultLatch fault = new FaultLatch();

    private volatile long probeRateBps;
    private volatile long probeUntilNs;
    private volatile long probeIntervalNs;
    /** Bumped by each {@link #startProbe}: the seal thread restarts its probe schedule when it changes. */
    private volatile int probeGeneration;
    private int probeScheduleGeneration;
    private long nextProbeNs;
    private long probeStartNs;
    private long probeWireBytes;
    private long probePayloadBytes;
    private int probeIndex;
    private byte[] probeFiller = new byte[0];
    private MemorySegment probeSegment = MemorySegment.ofArray(probeFiller);

    private final PerfLine perf;
    private long fecNs;
    private long sealNs;
    private long packetsSealed;
    private long framesSealed;
    private long epochCounted;

    private HostMediaSession(Transport transport, SessionConfig config, boolean opened) {
        this.config = config.conclude();
        this.transport = transport;
        this.socket = new SocketTimer(transport);
        this.packetizer = new Packetizer(config.fec(), config.shardBytes(), config.maxFrameBytes(),
                ErasureCoders.create(config.fec().scheme()));
        this.sealer = new PacketSealer(config.keys(), Direction.HOST_TO_CLIENT, config.rekeyIntervalPackets());
        this.pacer = FramePacer.system(config.pacing());
        this.queue = new SlotRing<>(config.sendQueueFrames(), PendingFrame::new);
        this.slab = new PacketSlab(packetizer.datagramBytes(), INITIAL_SLAB_PACKETS);
        this.learning = config.learnPeer() || (opened && config.peerAddress() == null);
        this.peers = new PeerGate(config.keys(), counters,
                config.peerAddress() == null ? null : PeerAddress.of(config.peerAddress()), learning);
        this.frameIntervalNs = 1_000_000_000L / config.fps();
        this.videoBitrateBps = config.bitrateBps();
        this.perf = PerfLine.ENABLED ? new PerfLine(System.nanoTime()) : null;
        boolean dedicated = config.threadingMode() == ThreadingMode.DEDICATED;
        int datagramBytes = packetizer.datagramBytes();
        this.sealed = new SlotRing<>(dedicated ? SEALED_PARTS : 1, () -> new SealedFrame(datagramBytes));
        this.sealThread = dedicated
                ? Thread.ofPlatform().name(config.name() + "-seal").daemon().unstarted(this::sealLoop)
                : null;
        this.sendThread = dedicated
                ? Thread.ofPlatform().name(config.name() + "-send").daemon().unstarted(this::sendLoop)
                : null;
    }

    /**
     * Opens a UDP socket on {@code config.localAddress()} and starts sending (in
     * {@link ThreadingMode#DEDICATED} mode). With {@code config.peerAddress()} set the socket is
     * connected to it; without, the socket stays unconnected and the session learns the client's
     * address from its first authentic hello (frames wait in the send queue until then), dropping
     * and counting datagrams from any other address before any crypto.
     *
     * @throws java.io.UncheckedIOException if the socket cannot be opened
     */
    public static HostMediaSession open(SessionConfig config) {
        config.conclude();
        return start(new HostMediaSession(UdpTransport.open(config.transportConfig(true)), config, true));
    }

    /**
     * Waits up to {@code timeoutNs} for the client's data address (at once if the config fixed it).
     *
     * @return the address, or null if no authentic hello arrived in time
     */
    public InetSocketAddress awaitPeer(long timeoutNs) throws InterruptedException {
        return peers.await(timeoutNs);
    }

    /**
     * A session over an existing transport (loopback, impaired, ...); the session owns and closes it.
     * It sends to {@code config.peerAddress()}, or, if none, to the transport's one peer (connected
     * socket, loopback), unless {@link SessionConfig#learnPeer} asks it to learn the client's address.
     */
    public static HostMediaSession over(Transport transport, SessionConfig config) {
        return start(new HostMediaSession(transport, config, false));
    }

    private static HostMediaSession start(HostMediaSession s) {
        if (s.sealThread != null) {
            s.sealThread.start();
            s.sendThread.start();
        }
        return s;
    }

    /** Queues a heap frame; see {@link #submitFrame(MemorySegment, long, long, int, long, int)}. */
    public boolean submitFrame(byte[] frame, int off, int len, int frameIndex, long ptsNs, int userFlags) {
        if (off < 0 || len < 0 || off > frame.length - len) {
            throw new IndexOutOfBoundsException("frame range " + off + "+" + len + " outside " + frame.length + " bytes");
        }
        if (frame != lastFrameArray) {
            // Encoders reuse their output array, so the segment view is made once, not per frame.
            lastFrameArray = frame;
            lastFrameSegment = MemorySegment.ofArray(frame);
        }
        return submitFrame(lastFrameSegment, off, len, frameIndex, ptsNs, userFlags);
    }

    /**
     * Queues one encoded frame for sending; copies it, so the caller may reuse its buffer at once.
     *
     * @param frameIndex caller-owned index (keep it 1:1 with the encoder for RFI)
     * @param ptsNs      presentation time stamp
     * @param userFlags  {@link UserFlags} bits, passed through to the client
     * @return false if the send queue was full and the frame was dropped (counted)
     * @throws IllegalArgumentException if the frame exceeds {@link SessionConfig#maxFrameBytes()}
     */
    public boolean submitFrame(MemorySegment frame, long off, long len, int frameIndex, long ptsNs, int userFlags) {
        if (len < 0 || len > config.maxFrameBytes()) {
            throw new IllegalArgumentException("frame of " + len + " bytes exceeds the negotiated " + config.maxFrameBytes());
        }
        if (!running) {
            return false; // ended (closed or failed): see isRunning() and fault()
        }
        PendingFrame slot = queue.claim();
        if (slot == null) {
            sessionCounters.frameQueueDropped();
            return false;
        }
        slot.fill(frame, off, (int) len);
        slot.frameIndex = frameIndex;
        slot.ptsNs = ptsNs;
        slot.userFlags = userFlags;
        slot.submitNs = System.nanoTime();
        queue.publish();
        sessionCounters.frameSubmitted();
        if (sealThread != null) {
            LockSupport.unpark(sealThread);
        }
        return true;
    }

    /**
     * Sends zero-filled speed-test frames ({@code FLAG_PROBE}, their own index space, never
     * delivered to the client's decoder) at {@code bitrateBps} of wire bytes (parity and headers
     * included) for {@code durationNs}, one per frame interval, beside any live video. A new call replaces a running probe; rate 0 stops it.
     */
    public void startProbe(long bitrateBps, long durationNs) {
        startProbe(bitrateBps, durationNs, frameIntervalNs);
    }

    /**
     * As {@link #startProbe(long, long)}, one probe frame every {@code intervalNs}: the bring-up
     * ramp's 25 ms steps need finer grain than a frame interval.
     */
    public void startProbe(long bitrateBps, long durationNs, long intervalNs) {
        if (bitrateBps < 0 || durationNs < 0 || intervalNs <= 0) {
            throw new IllegalArgumentException("probe rate and duration must be ≥ 0, interval > 0");
        }
        probeIntervalNs = intervalNs;
        probeUntilNs = System.nanoTime() + durationNs;
        probeRateBps = bitrateBps;
        probeGeneration++; // only this caller thread writes it (the video thread, or the ramp on it)
        if (sealThread != null) {
            LockSupport.unpark(sealThread);
        }
    }

    /** Whether a probe is still running. */
    public boolean probeActive() {
        return probeRateBps > 0 && probeUntilNs - System.nanoTime() > 0;
    }

    /**
     * Paces video frames for {@code bitrateBps} (the encoder's new rate) and, when {@code linkBps} > 0,
     * never faster than that bottleneck estimate (docs/links.md). Any thread; from the next frame on.
     */
    public void pacing(long bitrateBps, long linkBps) {
        if (bitrateBps > 0) {
            videoBitrateBps = bitrateBps;
        }
        pacer.linkBps(linkBps);
    }

    /** Changes the parity percentage from the next frame on (adaptive FEC). */
    public void fecPercent(int percent) {
        packetizer.fecPercent(percent);
    }

    /** Frames waiting in the send queue (racy). */
    public int queuedFrames() {
        return queue.size();
    }

    /**
     * One duty cycle: seals the oldest queued frame, or a due probe frame, sends it paced, and logs
     * the PERF line when due. Call it only in {@link ThreadingMode#INVOKER} mode; it blocks while the
     * pacer spreads a frame.
     *
     * @return frames sent (0 = idle)
     */
    public int doWork() {
        return sealNext();
    }

    /**
     * Seals the oldest queued frame, or a due probe frame, and hands it to the send stage; logs the
     * PERF line when due. Seal stage only.
     *
     * @return frames sealed (0 = nothing to do)
     */
    private int sealNext() {
        long nowNs = System.nanoTime();
        int work = 0;
        if (learning && peers.peer() == null) {
            if (sendThread == null) {
                pollPeer(0, nowNs); // INVOKER: nobody else reads the socket
            }
            return 0; // nowhere to send yet: frames wait in the queue
        }
        PendingFrame f = queue.peek();
        if (f != null) {
            seal(f.segment(), f.length, f.frameIndex, f.ptsNs, f.userFlags, false, videoBitrateBps);
            queue.release();
            work++;
        } else if (probeRateBps > 0 && probeUntilNs - nowNs > 0 && nowNs - nextProbeNs >= 0) {
            sealProbe(nowNs);
            work++;
        }
        if (perf != null && perf.due(nowNs)) {
            LOG.info(perf.roll(config.name(), nowNs, sessionCounters.sealedBytes(),
                    transport.stats().get(TransportCounter.BYTES_SENT), stats().packetsSendDropped(),
                    packetsSealed, framesSealed, fecNs, sealNs, socket.sendNs())
                    + String.format(java.util.Locale.ROOT, " video_mbps=%.1f link_mbps=%.0f", videoBitrateBps / 1e6,
                    pacer.linkBps() / 1e6));
        }
        return work;
    }

    /**
     * Seals the next probe frame, sized so that the probe's <em>wire</em> bytes (parity, headers and
     * tags included) follow {@code rate × elapsed} from the probe's start: a late wake-up of this
     * thread catches up instead of stretching the interval, so the link sees the rate asked for.
     * A catch-up frame is capped at four nominal frames, so a long stall does not become one burst.
     */
    private void sealProbe(long nowNs) {
        long probeBps = probeRateBps;
        long interval = probeIntervalNs;
        int generation = probeGeneration;
        if (generation != probeScheduleGeneration) {
            probeScheduleGeneration = generation;
            probeStartNs = nowNs;
            probeWireBytes = 0;
            probePayloadBytes = 0;
        }
        // payload per wire byte (parity, headers, tags) over this probe so far, held to a sane range: a
        // tiny frame (one padded shard plus parity) must not talk the next frames down to nothing
        double payloadPerWire = probeWireBytes == 0 ? 0.85
                : Math.clamp((double) probePayloadBytes / probeWireBytes, 0.5, 1.0);
        double nominal = probeBps / 8.0 * interval / 1e9;
        double owedWire = probeBps / 8.0 * (nowNs - probeStartNs + interval) / 1e9 - probeWireBytes;
        int bytes = (int) Math.clamp((long) (Math.min(owedWire, 4 * nominal) * payloadPerWire), 1,
                config.maxFrameBytes());
        if (probeFiller.length < bytes) {
            probeFiller = new byte[bytes];
            probeSegment = MemorySegment.ofArray(probeFiller);
        }
        long wire = seal(probeSegment, bytes, probeIndex++, nowNs, 0, true, probeBps);
        if (wire > 0) {
            probeWireBytes += wire;
            probePayloadBytes += bytes;
        }
        nextProbeNs = nowNs + interval;
    }

    /**
     * Packetizes and seals one frame and hands it on. A frame the pacer will spread goes in two
     * parts: its data datagrams as soon as they are sealed, its parity after the FEC is computed,
     * so the data leaves (and, without loss, completes the frame at the client) while the parity
     * is still being computed. A frame that fits the pacer's burst goes whole.
     *
     * @return the frame's wire bytes (0 when the session is closing)
     */
    private long seal(MemorySegment bytes, long len, int index, long ptsNs, int userFlags, boolean probe,
                      long bitrateBps) {
        SealedFrame part = claimSlot();
        if (part == null) {
            return 0; // closing
        }
        long t0 = System.nanoTime();
        int data = packetizer.packetizeData(bytes, 0, len, index, ptsNs, userFlags, probe, slab);
        int packets = packetizer.plannedPackets();
        long t1 = System.nanoTime();
        sealer.sealRange(slab, 0, data);
        long t2 = System.nanoTime();
        part.reset(packets);
        part.bitrateBps = bitrateBps;
        part.probe = probe;
        long wireBytes = copyToBatch(0, data, part);
        if (data < packets && !pacer.sendsAtOnce(part.batch(), bitrateBps, !probe)) {
            emit(part);
            part = claimSlot();
            if (part == null) {
                return 0;
            }
            part.reset(packets - data);
            part.bitrateBps = bitrateBps;
            part.probe = probe;
        }
        long t3 = System.nanoTime();
        packetizer.packetizeParity(slab);
        long t4 = System.nanoTime();
        sealer.sealRange(slab, data, packets);
        long t5 = System.nanoTime();
        wireBytes += copyToBatch(data, packets, part);
        emit(part);
        long epoch = sealer.epoch();
        if (epoch != epochCounted) {
            counters.add(DataPlaneCounter.KEY_UPDATES, epoch - epochCounted);
            epochCounted = epoch;
        }
        fecNs += (t1 - t0) + (t4 - t3);
        sealNs += (t2 - t1) + (t5 - t4);
        packetsSealed += packets;
        framesSealed++;
        if (!probe) {
            counters.increment(DataPlaneCounter.FRAMES_SUBMITTED);
        }
        sessionCounters.frameSealed(probe, wireBytes);
        return wireBytes;
    }

    /** Appends sealed datagrams {@code [from, to)} of the slab to the part's native batch; returns their bytes. */
    private long copyToBatch(int from, int to, SealedFrame part) {
        DatagramBatch batch = part.batch();
        MemorySegment src = slab.segment();
        PeerAddress peer = peers.peer();
        long wireBytes = 0;
        for (int i = from; i < to; i++) {
            int n = slab.length(i);
            batch.add(src, slab.offset(i), n, peer);
            wireBytes += n;
        }
        return wireBytes;
    }

    /**
     * A free slot to seal into, or null once the session closes. In DEDICATED mode it waits while
     * every slot is still queued for the send thread (which frees one per part and wakes us).
     */
    private SealedFrame claimSlot() {
        SealedFrame part;
        while ((part = sealed.claim()) == null) {
            if (!running || sendThread == null) {
                return null;
            }
            LockSupport.parkNanos(IDLE_PARK_NS);
        }
        return part;
    }

    /** Hands a sealed part to the send stage (INVOKER: sends it now). */
    private void emit(SealedFrame part) {
        if (sendThread == null) {
            sealed.publish();
            sendSealed();
        } else if (sealed.size() == 0 && pacer.sendsAtOnce(part.batch(), part.bitrateBps, !part.probe)) {
            // The send thread has finished everything before and this part needs no pacing: send
            // it here and spare the hand-off's wake-up (most frames of a normal stream fit in the
            // burst; keyframes and big frames go to the pacer). The slot stays ours.
            pacer.sendFrame(socket, part.batch(), part.bitrateBps, frameIntervalNs, !part.probe);
        } else {
            sealed.publish();
            LockSupport.unpark(sendThread);
        }
    }

    /** Paces out the oldest sealed part, if any, and frees its slot. Send stage only. */
    private boolean sendSealed() {
        SealedFrame f = sealed.peek();
        if (f == null) {
            return false;
        }
        pacer.sendFrame(socket, f.batch(), f.bitrateBps, frameIntervalNs, !f.probe);
        sealed.release();
        return true;
    }

    private void sealLoop() {
        try {
            while (running) {
                if (sealNext() == 0) {
                    LockSupport.parkNanos(IDLE_PARK_NS);
                }
            }
        } catch (Throwable t) {
            fail("seal", t);
        }
    }

    private void sendLoop() {
        try {
            while (running) {
                long nowNs = System.nanoTime();
                if (learning) {
                    if (peers.peer() == null) {
                        pollPeer(IDLE_PARK_NS, nowNs); // nothing to send before the client's address is known
                        continue;
                    }
                    if (nowNs - nextPeerPollNs >= 0) {
                        pollPeer(0, nowNs); // keepalive hellos and strangers: read, count, never let them pile up
                        nextPeerPollNs = nowNs + PEER_POLL_NS;
                    }
                }
                if (sendSealed()) {
                    LockSupport.unpark(sealThread);
                } else {
                    LockSupport.parkNanos(IDLE_PARK_NS);
                }
            }
        } catch (Throwable t) {
            fail("send", t);
        }
    }

    private void pollPeer(long waitNs, long nowNs) {
        boolean wasLearning = peers.peer() == null;
        peers.poll(transport, waitNs, PEER_POLL_BATCHES, nowNs, LOG, config.name());
        if (wasLearning && peers.peer() != null && sealThread != null) {
            LockSupport.unpark(sealThread);
        }
    }

    /**
     * The one fault path (closed socket, broken coder, an Error): the whole session ends rather than
     * limp on with one stage dead. Stops the other thread, tells the listener, then releases socket
     * and native memory on a short-lived thread (close() joins this one, which is about to return).
     */
    private void fail(String stage, Throwable t) {
        if (!running) {
            return; // closing: a stage tripping over the closed transport is not a fault
        }
        if (!fault.trip(new SessionFault(config.name(), stage, t), LOG)) {
            return;
        }
        running = false;
        LockSupport.unpark(sealThread);
        LockSupport.unpark(sendThread);
        Thread.ofVirtual().name(config.name() + "-release").start(this::close);
    }

    /**
     * Sets the listener told when a session thread fails (at once if one already has). The session
     * then stops sending, {@link #submitFrame} returns false, and socket and native memory are released.
     */
    public void onFault(SessionFaultListener listener) {
        fault.listener(listener);
    }

    /** Why the session ended on its own, or null while it runs (or was closed normally). */
    public SessionFault fault() {
        return fault.fault();
    }

    /** False once closed or failed. */
    public boolean isRunning() {
        return running;
    }

    /** A snapshot of every counter of this session. */
    public SessionStats stats() {
        return SessionStats.of(counters, transport.stats(), sessionCounters);
    }

    /** The transport the session sends on. */
    public Transport transport() {
        return transport;
    }

    /** Bytes of every datagram this session sends (header + shard + tag). */
    public int datagramBytes() {
        return packetizer.datagramBytes();
    }

    /** Wire overhead per datagram: header and tag. */
    public static int wireOverheadBytes() {
        return MediaHeaderFlyweight.WIRE_OVERHEAD;
    }

    /** Stops the seal and send threads (frames still queued are not sent) and closes the transport. Idempotent. */
    @Override
    public void close() {
        running = false;
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Thread t : new Thread[] {sealThread, sendThread}) {
            if (t == null || t == Thread.currentThread()) {
                continue;
            }
            LockSupport.unpark(t);
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        transport.close();
        sealed.forEachSlot(SealedFrame::close);
        peers.close();
    }
}
