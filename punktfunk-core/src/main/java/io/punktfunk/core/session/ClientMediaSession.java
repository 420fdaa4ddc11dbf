package io.punktfunk.core.session;

import io.punktfunk.core.crypto.Direction;
import io.punktfunk.core.crypto.PacketOpener;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.frame.FrameReceiver;
import io.punktfunk.core.frame.ReassembledFrame;
import io.punktfunk.core.frame.Reassembler;
import io.punktfunk.core.frame.ReassemblerLimits;
import io.punktfunk.core.stats.DataPlaneCounter;
import io.punktfunk.core.stats.DataPlaneCounters;
import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.UdpTransport;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of a media session (punktfunk-reference.md §1.11):
 *
 * <pre>
 * receive thread (doWork)                                            caller
 *  recvBatch ─► FrameReceiver.onDatagram (firewall, open, reassemble)
 *           ─► completed frames ─► receive queue (full: dropped, lost) ─► pollFrame
 *           ─► frames lost since last cycle? ─► FrameLossListener (ask for a keyframe)
 * </pre>
 *
 * Bad datagrams are dropped and counted, never thrown. {@link #pollFrame} is for one consumer
 * thread; it hands out the queue's own reused {@link ReceivedFrame} (no copy, no allocation),
 * valid until the next {@code pollFrame}. {@link #stats()} and {@link #close()} are safe from any thread.
 */
public final class ClientMediaSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientMediaSession.class);
    /** recvmmsg batch: 128 datagrams (reference §1.11 RECV_BATCH). */
    static final int RECV_BATCH = 128;
    /** An idle receive thread waits at most this long, so abandoned frames are noticed within ~1 ms. */
    private static final long IDLE_WAIT_NS = 1_000_000L;

    private final SessionConfig config;
    private final Transport transport;
    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final SessionCounters sessionCounters = new SessionCounters();
    private final FrameReceiver receiver;
    private final DatagramBatch batch;
    private final SlotRing<ReceivedFrame> queue;
    private final ReassembledFrame overflow = new ReassembledFrame();
    private final Thread thread;
    /** Hellos to the host's data address, when the config names it (null: a peer-less test session). */
    private final HelloSender hello;
    private volatile boolean running = true;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FaultLatch fault = new FaultLatch();
    private volatile Thread waiter;
    private volatile FrameLossListener lossListener;
    private boolean holding;
    private long lostSeen;
    private long lastGoodIndex = -1;

    private ClientMediaSession(Transport transport, SessionConfig config) {
        this.config = config.conclude();
        this.transport = transport;
        ReassemblerLimits limits = ReassemblerLimits.from(config.fec(), config.shardBytes(), config.maxFrameBytes());
        Reassembler reassembler = new Reassembler(limits, ErasureCoders.create(config.fec().scheme()), counters);
        this.receiver = new FrameReceiver(reassembler, new PacketOpener(config.keys(), Direction.HOST_TO_CLIENT, counters,
                config.keyOverlapNs()),
                counters);
        this.batch = new DatagramBatch(RECV_BATCH, ReassemblerLimits.MAX_DATAGRAM_BYTES);
        this.queue = new SlotRing<>(config.receiveQueueFrames(), ReceivedFrame::new);
        this.hello = config.peerAddress() == null ? null : new HelloSender(config.keys(), config.fec().scheme().wireId());
        this.thread = config.threadingMode() == ThreadingMode.DEDICATED
                ? Thread.ofPlatform().name(config.name() + "-recv").daemon().unstarted(this::runLoop)
                : null;
    }

    /**
     * Binds a UDP socket on {@code config.localAddress()} (connected to {@code config.peerAddress()}
     * if set, so the kernel drops datagrams from anyone else) and starts receiving (in
     * {@link ThreadingMode#DEDICATED} mode). With a peer set, the session sends hellos to it: the
     * host learns this socket's address (as its NAT shows it) from the first one.
     *
     * @throws java.io.UncheckedIOException if the socket cannot be opened
     */
    public static ClientMediaSession open(SessionConfig config) {
        config.conclude();
        return over(UdpTransport.open(config.transportConfig(config.peerAddress() != null)), config);
    }

    /** A session over an existing transport; the session owns and closes it. */
    public static ClientMediaSession over(Transport transport, SessionConfig config) {
        ClientMediaSession s = new ClientMediaSession(transport, config);
        if (s.thread != null) {
            s.thread.start();
        }
        return s;
    }

    /** Where the host must send: the bound local address. */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /** Sets (or clears, with null) the listener told about lost frames; called on the receive thread. */
    public void onFramesLost(FrameLossListener listener) {
        this.lossListener = listener;
    }

    /**
     * The next completed frame, waiting up to {@code timeoutNs}. Hands the previously returned
     * frame back to the queue first, so that object must not be used after this call.
     * In {@link ThreadingMode#INVOKER} mode it drives {@link #doWork()} itself while waiting.
     *
     * @return the frame, or null if none completed in time (or the session is closed)
     */
    public ReceivedFrame pollFrame(long timeoutNs) {
        if (holding) {
            queue.release();
            holding = false;
        }
        ReceivedFrame f = queue.peek();
        if (f == null) {
            long deadline = System.nanoTime() + timeoutNs;
            waiter = Thread.currentThread();
            try {
                while ((f = queue.peek()) == null && running) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    if (thread == null) {
                        if (doWork() == 0) {
                            transport.awaitReadable(Math.min(left, IDLE_WAIT_NS));
                        }
                    } else {
                        LockSupport.parkNanos(this, left);
                    }
                }
            } finally {
                waiter = null;
            }
            if (f == null) {
                return null;
            }
        }
        holding = true;
        return f;
    }

    /**
     * One duty cycle: receives what is waiting, feeds it through the packet layer, queues completed
     * frames and reports losses. Call it only in {@link ThreadingMode#INVOKER} mode (pollFrame does).
     *
     * @return datagrams received plus frames completed (0 = idle)
     */
    public int doWork() {
        return doWork(0);
    }

    /** A duty cycle whose receive first waits up to {@code waitNs} for a datagram (0: no wait). */
    private int doWork(long waitNs) {
        if (hello != null) {
            hello.maybeSend(transport, System.nanoTime(), counters.get(DataPlaneCounter.PACKETS_ACCEPTED) > 0);
        }
        int received = transport.recvBatch(batch, waitNs);
        long nowNs = System.nanoTime();
        for (int i = 0; i < received; i++) {
            receiver.onDatagram(batch.slab(), batch.offset(i), batch.length(i), nowNs);
        }
        int completed = 0;
        while (true) {
            ReceivedFrame slot = queue.claim();
            if (slot == null) {
                if (!receiver.poll(nowNs, overflow)) {
                    break;
                }
                sessionCounters.frameDeliveryDropped();
                continue;
            }
            if (!receiver.poll(nowNs, slot.frame)) {
                break;
            }
            slot.receivedNs = nowNs;
            lastGoodIndex = slot.frame.frameIndex();
            queue.publish();
            completed++;
        }
        if (completed > 0) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
        reportLoss();
        return received + completed;
    }

    private void reportLoss() {
        long lost = counters.get(DataPlaneCounter.FRAMES_DROPPED) + sessionCounters.framesDeliveryDropped();
        if (lost != lostSeen) {
            long newly = lost - lostSeen;
            lostSeen = lost;
            FrameLossListener l = lossListener;
            if (l != null) {
                try {
                    l.onFramesLost(newly, lost, lastGoodIndex);
                } catch (RuntimeException e) {
                    LOG.warn("{}: frame loss listener failed: {}", config.name(), e.toString());
                }
            }
        }
    }

    private void runLoop() {
        long waitNs = 0;
        try {
            while (running) {
                // A batch that came back short means the socket is drained: the next receive waits
                // (in the same syscall where the transport can). A timed-out wait still runs the
                // duty cycle, so an idle receiver looks at the loss window every IDLE_WAIT_NS
                // (rounded up to the kernel's jiffies by the FFM transport: ~8 ms).
                doWork(waitNs);
                waitNs = batch.isFull() ? 0 : IDLE_WAIT_NS;
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /**
     * The one fault path: the session ends (a waiting {@link #pollFrame} returns null at once), the
     * listener hears why, and socket and native memory are released on a short-lived thread.
     */
    private void fail(Throwable t) {
        if (!running || !fault.trip(new SessionFault(config.name(), "receive", t), LOG)) {
            return;
        }
        running = false;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        Thread.ofVirtual().name(config.name() + "-release").start(this::close);
    }

    /** Sets the listener told when the receive thread fails (at once if it already has). */
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

    /** The transport the session receives on. */
    public Transport transport() {
        return transport;
    }

    /** Stops the receive thread and closes the transport; a waiting {@link #pollFrame} returns null. Idempotent. */
    @Override
    public void close() {
        running = false;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        transport.close();
        batch.close();
        if (hello != null) {
            hello.close();
        }
    }
}
