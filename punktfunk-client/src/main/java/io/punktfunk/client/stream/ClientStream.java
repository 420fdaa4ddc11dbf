package io.punktfunk.client.stream;

import io.punktfunk.client.input.gamepad.EvdevGamepads;
import io.punktfunk.client.view.VideoPresenter;
import io.punktfunk.client.view.ViewerStats;
import io.punktfunk.control.handshake.HandshakeMessage;
import io.punktfunk.control.handshake.Hello;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.message.AudioFrame;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage.ProbeResult;
import io.punktfunk.control.quic.ClientControlSession;
import io.punktfunk.core.session.ClientMediaSession;
import io.punktfunk.control.quic.ClientControlSessionListener;
import io.punktfunk.control.quic.ControlConnection;
import io.punktfunk.control.session.SessionParameters;
import io.punktfunk.core.session.ReceivedFrame;
import io.punktfunk.core.session.SessionConfig;
import io.punktfunk.core.session.SessionStats;
import io.punktfunk.media.video.FfmpegVideoDecoder;
import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import io.punktfunk.media.video.VideoCodec;
import io.punktfunk.media.video.VideoDecoder;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream: Hello/Welcome/Start on an open control connection, a data-plane receiver
 * bound with the Welcome's keys, and a decode thread that hands pictures to a presenter (or, headless,
 * to the stamp verifier), measures glass-to-glass latency and asks for a keyframe whenever a frame
 * is lost. Audio datagrams go through {@link AudioReceiver}. {@link #close} ends it all.
 */
public final class ClientStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientStream.class);
    /** While the decoder still waits for an IDR, ask again this often (the request or the IDR may be lost). */
    static final long KEYFRAME_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(200);
    /**
     * Completed frames waiting for the decode thread: 16 (~270 ms at 60 fps) instead of the session's 8,
     * so a stall of the decode thread on a busy machine delays pictures instead of losing frames.
     */
    static final int RECEIVE_QUEUE_FRAMES = 16;
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ClientStreamOptions options;
    private final ControlConnection connection;
    private final ClientControlSessionListener events;
    private final AudioReceiver audio;
    private final LatencyMeter latency = new LatencyMeter();
    private final StampVerifier verifier = new StampVerifier();
    private final AtomicLong keyframeRequests = new AtomicLong();
    private final AtomicLong lastKeyframeRequestNs = new AtomicLong(System.nanoTime() - KEYFRAME_RETRY_NS);
    private final CompletableFuture<ProbeResult> probeResult = new CompletableFuture<>();
    private final boolean sameClock;
    private volatile ClientMediaSession data;
    private volatile ClientControlSession control;
    private Thread decodeThread;
    private volatile EvdevGamepads gamepads;
    private volatile boolean running = true;
    private volatile String closeReason;
    private volatile int closeCode = -1;
    private volatile long connectNs;
    private volatile long firstFrameNs;
    private volatile long framesReceived;
    private volatile long framesDecoded;
    private volatile long framesShown;
    private volatile long firstShownNs;
    private volatile long lastShownNs;
    private volatile long framesDamaged;
    private volatile long framesLost;
    private volatile long framesStale;
    /** A stale frame was dropped after newer ones were decoded: pictures lack a reference until the next IDR. */
    private boolean missingReference;
    private volatile long decodeErrors;
    private volatile long mediaBytes;
    private volatile long stampsRead;
    private volatile long stampsMissing;
    private volatile long stampRegressions;
    private volatile LinkFeedback feedback;
    private volatile int bitrateKbps;
    private volatile int bitrateReason = -1;
    private volatile long endNs;

    private ClientStream(ControlConnection connection, ClientStreamOptions options, ClientControlSessionListener events) {
        this.connection = connection;
        this.options = options;
        this.events = events;
        this.audio = options.audio() == null ? null : new AudioReceiver(options.audio().get());
        // Capture stamps are the host's System.nanoTime: comparable only on the same machine.
        InetSocketAddress remote = connection.remoteAddress();
        this.sameClock = remote.getAddress().isLoopbackAddress();
    }

    /**
     * Runs the handshake on {@code connection} and starts receiving. Blocks up to {@code timeoutMs}
     * for the Welcome.
     *
     * @param connectStartNs when the caller began connecting (for the connect-to-first-frame figure)
     */
    public static ClientStream start(ControlConnection connection, ClientStreamOptions options, long connectStartNs,
                                     long timeoutMs) throws InterruptedException, ExecutionException, TimeoutException {
        return start(connection, options, connectStartNs, timeoutMs, new ClientControlSessionListener() { });
    }

    /**
     * As {@link #start(ControlConnection, ClientStreamOptions, long, long)}, and {@code events} also sees
     * the session's audio, rumble and close events (on the control event loop: hand work off, never block).
     */
    public static ClientStream start(ControlConnection connection, ClientStreamOptions options, long connectStartNs,
                                     long timeoutMs, ClientControlSessionListener events)
            throws InterruptedException, ExecutionException, TimeoutException {
        ClientStream s = new ClientStream(connection, options, events);
        s.connectNs = connectStartNs;
        Hello hello = new Hello(HandshakeMessage.PROTOCOL_VERSION, options.mode(), 0, 0, options.bitrateKbps(),
                options.name(), "", 0, 2, options.codecs(), options.preferred());
        try {
            s.control = connection.open(hello, s::openDataPlane, s.listener()).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            s.closeDataPlane();
            throw e;
        }
        if (s.audio != null) {
            s.audio.start();
        }
        s.bitrateKbps = s.control.parameters().bitrateKbps();
        s.feedback = new LinkFeedback(s.data, s.control, () -> s.framesLost, () -> s.framesReceived);
        s.feedback.start();
        s.startInput();
        s.decodeThread = options.decode()
                ? Thread.ofPlatform().name("pkf-client-decode").daemon().start(s::runDecode)
                : Thread.ofPlatform().name("pkf-client-verify").daemon().start(s::runVerify);
        return s;
    }

    private void startInput() {
        ClientControlSession c = control;
        if (options.input() != null) {
            options.input().attach(c::sendInput);
        }
        if (options.gamepads() != null) {
            try {
                gamepads = options.gamepads().apply(c::sendInput);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("no gamepads: {}", e.toString()); // the stream works without them
            }
        }
    }

    /** Event loop, on Welcome: binds the data-plane receiver with the session's keys, returns its port. */
    private int openDataPlane(SessionParameters p) {
        // connected to the host's data socket (the port its Welcome announced): the kernel drops anyone
        // else's datagrams, and the session's hellos tell the host where to send
        SessionConfig config = new SessionConfig()
                .localAddress(new InetSocketAddress(p.clientAddress(), 0))
                .peerAddress(p.hostDataEndpoint())
                .fec(p.fec())
                .shardBytes(p.shardPayload())
                .keys(p.mediaKeys())
                .bitrateBps(p.bitrateKbps() * 1000L)
                .fps(p.mode().refreshHz())
                .receiveQueueFrames(RECEIVE_QUEUE_FRAMES)
                .name("pkf-client")
                .conclude();
        ClientMediaSession d = ClientMediaSession.open(config);
        d.onFramesLost((newly, total, lastGood) -> requestKeyframe());
        d.onFault(f -> fail("client data plane " + f.reason()));
        data = d;
        return d.localAddress().getPort();
    }

    private ClientControlSessionListener listener() {
        return new ClientControlSessionListener() {
            @Override
            public void onAudio(AudioFrame frame) {
                if (audio != null) {
                    audio.offer(frame);
                }
                events.onAudio(frame);
            }

            @Override
            public void onRumble(int pad, int low, int high, int leftTrigger, int rightTrigger) {
                EvdevGamepads g = gamepads;
                if (g != null) {
                    g.rumble(pad, low, high); // queued for the rumble thread: never blocks the event loop
                }
                events.onRumble(pad, low, high, leftTrigger, rightTrigger);
            }

            @Override
            public void onProbeResult(ProbeResult result) {
                probeResult.complete(result);
            }

            @Override
            public void onBitrateChanged(int kbps, int reason) {
                bitrateKbps = kbps;
                bitrateReason = reason;
            }

            @Override
            public void onClosed(int code, String reason) {
                if (closeReason == null) {
                    closeReason = reason;
                    closeCode = code;
                }
                running = false;
                events.onClosed(code, reason);
            }
        };
    }

    /** Asks the host for an IDR, at most once per {@link #KEYFRAME_RETRY_NS} (any thread). */
    private void requestKeyframe() {
        long now = System.nanoTime();
        long last = lastKeyframeRequestNs.get();
        ClientControlSession c = control;
        if (c != null && now - last >= KEYFRAME_RETRY_NS && lastKeyframeRequestNs.compareAndSet(last, now)) {
            c.requestKeyframe();
            keyframeRequests.incrementAndGet();
        }
    }

    private void runDecode() {
        Mode mode = control.parameters().mode();
        boolean headless = options.presenter() == null;
        PixelFormat format = headless ? PixelFormat.I420 : options.presenter().pixelFormat();
        VideoCodec codec = videoCodec(control.parameters().codec());
        FrameOrderGate order = new FrameOrderGate();
        try (VideoDecoder decoder = FfmpegVideoDecoder.open(codec);
             Picture picture = Picture.allocate(format, mode.width(), mode.height());
             RawStreamRecorder recorder = options.recordTo() == null ? null
                     : new RawStreamRecorder(options.recordTo())) {
            while (running) {
                ClientMediaSession d = data;
                ReceivedFrame f = d.pollFrame(POLL_NS);
                if (f == null) {
                    if (!d.isRunning()) {
                        break; // the receive thread failed: its fault listener ended the stream
                    }
                    continue;
                }
                if (firstFrameNs == 0) {
                    firstFrameNs = System.nanoTime();
                    LOG.info("first frame {} ms after the connect began", (firstFrameNs - connectNs) / 1_000_000);
                }
                framesReceived++;
                mediaBytes += f.length();
                LinkFeedback fb = feedback;
                if (fb != null) {
                    fb.onFrame(f.receivedNs(), f.ptsNs());
                }
                int index = f.frameIndex();
                if (!order.admit(index)) {
                    // completed after a newer frame was decoded: feeding it would corrupt the references,
                    // and the frames decoded since lacked it, so the picture needs a fresh start
                    framesStale = order.stale();
                    missingReference = true;
                    requestKeyframe();
                    continue;
                }
                framesLost = order.missing() - order.stale();
                if (f.keyframe()) {
                    missingReference = false;
                }
                if (recorder != null) {
                    recorder.write(f.array(), 0, f.length());
                }
                long ptsNs = f.ptsNs();
                if (!decoder.decode(f.array(), 0, f.length(), index, ptsNs, picture)) {
                    decodeErrors = decoder.errors();
                    requestKeyframe();
                    continue;
                }
                framesDecoded++;
                if (decoder.awaitingKeyframe() || missingReference) {
                    framesDamaged++; // concealed picture after a loss: not shown, the IDR is on its way
                    requestKeyframe();
                    continue;
                }
                long stampNs = -1;
                if (format == PixelFormat.I420) { // synthetic stamps live in I420 luma
                    stampNs = verifier.check(picture);
                    stampsRead = verifier.stampsRead();
                    stampsMissing = verifier.missing();
                    stampRegressions = verifier.regressions();
                }
                if (!headless) {
                    options.presenter().present(picture);
                }
                if (sameClock) { // the stamp is the source's own capture time; other sources: the frame's pts
                    latency.record(System.nanoTime() - (stampNs >= 0 ? stampNs : ptsNs));
                }
                lastShownNs = System.nanoTime();
                if (framesShown++ == 0) {
                    firstShownNs = lastShownNs;
                }
            }
        } catch (Throwable t) {
            if (running) {
                LOG.error("decode thread failed", t);
                fail("client decode thread failed: " + t);
            }
        }
    }

    /**
     * The decode thread of a client that does not decode ({@link ClientStreamOptions#decode()} false):
     * each reassembled frame is checked instead of decoded, in the order a decoder would need them
     * (no stale frame, no gap since the last keyframe, keyframe first, an Annex B start code for
     * H.264/HEVC) and then counts as shown. Latency is the host's capture stamp (the frame's pts) to
     * the moment the receive thread completed the frame, so it leaves out nothing but decoding.
     */
    private void runVerify() {
        FrameOrderGate order = new FrameOrderGate();
        boolean annexB = control.parameters().codec() != VideoCodecs.AV1;
        boolean awaitingKeyframe = true;
        long missingSeen = 0;
        try {
            while (running) {
                ClientMediaSession d = data;
                ReceivedFrame f = d.pollFrame(POLL_NS);
                if (f == null) {
                    if (!d.isRunning()) {
                        break;
                    }
                    continue;
                }
                if (firstFrameNs == 0) {
                    firstFrameNs = System.nanoTime();
                }
                framesReceived++;
                mediaBytes += f.length();
                LinkFeedback fb = feedback;
                if (fb != null) {
                    fb.onFrame(f.receivedNs(), f.ptsNs());
                }
                if (!order.admit(f.frameIndex())) {
                    framesStale = order.stale();
                    awaitingKeyframe = true; // a decoder would have lost this reference
                    requestKeyframe();
                    continue;
                }
                framesLost = order.missing() - order.stale();
                if (order.missing() != missingSeen) {
                    missingSeen = order.missing();
                    awaitingKeyframe = true; // a gap: the frames after it lack a reference
                }
                if (f.keyframe()) {
                    awaitingKeyframe = false;
                }
                if (awaitingKeyframe || (annexB && !AnnexB.startsWithStartCode(f.array(), f.length()))) {
                    framesDamaged++;
                    requestKeyframe();
                    continue;
                }
                if (sameClock) {
                    latency.record(f.receivedNs() - f.ptsNs());
                }
                lastShownNs = System.nanoTime();
                if (framesShown++ == 0) {
                    firstShownNs = lastShownNs;
                }
            }
        } catch (Throwable t) {
            if (running) {
                LOG.error("verify thread failed", t);
                fail("client verify thread failed: " + t);
            }
        }
    }

    /**
     * The one fault path of the client (a thread of it threw): the stream ends with the reason (which
     * {@code connect} prints, exiting non-zero) and the host is told with INTERNAL_ERROR.
     */
    private void fail(String reason) {
        if (closeReason != null) {
            return;
        }
        closeReason = reason;
        closeCode = CloseCode.INTERNAL_ERROR.code();
        running = false;
        ClientControlSession c = control;
        if (c != null) {
            c.close(CloseCode.INTERNAL_ERROR, reason);
        }
    }

    static VideoCodec videoCodec(int codecBit) {
        return switch (codecBit) {
            case VideoCodecs.H264 -> VideoCodec.H264;
            case VideoCodecs.HEVC -> VideoCodec.HEVC;
            case VideoCodecs.AV1 -> VideoCodec.AV1;
            default -> throw new IllegalArgumentException("no decoder for codec " + VideoCodecs.name(codecBit));
        };
    }

    /** The negotiated session (mode, codec, bitrate, FEC). */
    public SessionParameters parameters() {
        return control.parameters();
    }

    /** Cumulative counters now. */
    public StreamStats stats() {
        SessionStats d = data.stats();
        return new StreamStats(framesReceived, framesDecoded, framesShown, framesDamaged, framesLost, framesStale,
                decodeErrors,
                keyframeRequests.get(), mediaBytes, d.packetsReceived(), d.fecRecoveredShards(), stampsRead,
                stampsMissing, stampRegressions, audio == null ? 0 : audio.received(),
                audio == null ? 0 : audio.played(), audio == null ? 0 : audio.concealed());
    }

    /** Data-plane counters of the receiver. */
    public SessionStats dataPlaneStats() {
        return data.stats();
    }

    /** Latency recorded since the last call (µs); the reporter calls it once a second. */
    public Histogram intervalLatency() {
        return latency.interval();
    }

    /** Latency over the whole stream so far (µs). */
    public Histogram totalLatency() {
        return latency.total();
    }

    /** Whether glass-to-glass latency is measured (host on this machine, so capture stamps share our clock). */
    public boolean measuresLatency() {
        return sameClock;
    }

    /**
     * Sustained frame rate: pictures shown per second from the first one shown to the end of the
     * stream (now while it runs). Counting to the end, not to the last picture, keeps a stream that
     * froze honest: 11 pictures in a burst and then nothing is not 123 fps.
     */
    public double sustainedFps() {
        long n = framesShown;
        long end = endNs != 0 ? endNs : System.nanoTime();
        long span = Math.max(end, lastShownNs) - firstShownNs;
        return n < 2 || span <= 0 ? 0 : (n - 1) * 1e9 / span;
    }

    /** The bitrate the host says is in force (kbps): negotiated, then each adaptive-bitrate decision. */
    public int bitrateKbps() {
        return bitrateKbps;
    }

    /** Why it last changed ({@code BitrateChanged} reason), -1 = never. */
    public int bitrateReason() {
        return bitrateReason;
    }

    /** The link the bring-up ramp proved (bit/s, 0 = none). */
    public long rampLinkBps() {
        LinkFeedback fb = feedback;
        return fb == null ? 0 : fb.rampLinkBps();
    }

    /** Nanoseconds from the start of connecting to the first complete frame, or -1 if none arrived yet. */
    public long connectToFirstFrameNs() {
        return firstFrameNs == 0 ? -1 : firstFrameNs - connectNs;
    }

    /** Sends one loss report from the data plane's counters (drives the host's adaptive FEC). */
    public void reportLoss(int window, SessionStats previous, SessionStats now) {
        long recovered = now.fecRecoveredShards() - previous.fecRecoveredShards();
        long accepted = now.packetsAccepted() - previous.packetsAccepted();
        long seen = accepted + recovered;
        int ppm = seen == 0 ? 0 : (int) Math.min(1_000_000, recovered * 1_000_000 / seen);
        control.reportLoss(window, ppm, now.packetsReceived());
    }

    /**
     * Sends the receiver's figures for the host's operator: FEC-rebuilt shards so far and, when this client
     * shares the host's clock, glass-to-glass p50/p99 of {@code latencyInterval} (µs); else "not measured".
     */
    public void reportReceiverStats(int window, SessionStats now, Histogram latencyInterval) {
        boolean measured = sameClock && latencyInterval.getTotalCount() > 0;
        control.reportReceiverStats(window, now.fecRecoveredShards(),
                measured ? (int) Math.min(Integer.MAX_VALUE, latencyInterval.getValueAtPercentile(50)) : -1,
                measured ? (int) Math.min(Integer.MAX_VALUE, latencyInterval.getValueAtPercentile(99)) : -1);
    }

    /** Hands the overlay its figures (no-op headless). */
    public void showStats(ViewerStats stats) {
        if (options.presenter() != null) {
            options.presenter().stats(stats);
        }
    }

    /** The control session (null until {@link #start} returned). */
    public ClientControlSession control() {
        return control;
    }

    /** The gamepad reader, or null when gamepads are off or unavailable. */
    public EvdevGamepads gamepads() {
        return gamepads;
    }

    /** Asks for a new bitrate. */
    public void setBitrate(int kbps) {
        control.setBitrate(kbps);
    }

    /** Asks the host for a speed-test burst; completes with the host's counters when it is done. */
    public CompletableFuture<ProbeResult> probe(int kbps, int durationMs) {
        control.requestProbe(kbps, durationMs);
        return probeResult;
    }

    /** Ends the stream from any thread (e.g. the viewer window was closed); {@link #close} still cleans up. */
    public void stop() {
        running = false;
    }

    /** False once the host closed the session or decoding failed. */
    public boolean isRunning() {
        return running;
    }

    /**
     * The code the stream ended with when it ended early: the host's Close code, or
     * INTERNAL_ERROR when a client thread failed; -1 while running or after a normal close.
     */
    public int closeCode() {
        return closeCode;
    }

    /** Whether the stream ended because something failed (a fault on either end, a refusal), not a normal close. */
    public boolean endedByFault() {
        int c = closeCode;
        return c >= 0 && c != CloseCode.NORMAL.code() && c != CloseCode.CLIENT_QUIT.code();
    }

    /** Why the stream ended early, or null. */
    public String closeReason() {
        return closeReason;
    }

    /** Quits the session (CLIENT_QUIT), stops the threads and closes the data plane. */
    @Override
    public void close() {
        close("client done");
    }

    /** As {@link #close()}, with the reason the host logs for the CLIENT_QUIT. */
    public void close(String reason) {
        if (endNs == 0) {
            endNs = System.nanoTime();
        }
        running = false;
        LinkFeedback fb = feedback;
        if (fb != null) {
            fb.stop();
        }
        // ups for held keys and buttons, removals for pads: sent while the session still carries them
        if (options.input() != null) {
            options.input().detach();
        }
        EvdevGamepads g = gamepads;
        if (g != null) {
            g.close();
        }
        try {
            connection.quit(reason).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("quit: {}", e.toString());
        }
        if (decodeThread != null) {
            try {
                decodeThread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (audio != null) {
            audio.close();
        }
        closeDataPlane();
    }

    private void closeDataPlane() {
        ClientMediaSession d = data;
        if (d != null) {
            d.close();
        }
    }
}
