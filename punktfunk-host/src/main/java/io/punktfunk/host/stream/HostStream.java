package io.punktfunk.host.stream;

import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.core.session.HostMediaSession;
import io.punktfunk.control.session.SessionParameters;
import io.punktfunk.core.session.SessionConfig;
import io.punktfunk.core.session.SessionStats;
import io.punktfunk.core.session.UserFlags;
import io.punktfunk.core.transport.ImpairedTransport;
import io.punktfunk.core.transport.Transport;
import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.media.audio.AudioSource;
import io.punktfunk.media.source.VideoSource;
import io.punktfunk.media.video.AccessUnit;
import io.punktfunk.media.video.FfmpegVideoEncoder;
import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import io.punktfunk.media.video.VideoCodec;
import io.punktfunk.media.video.VideoEncoder;
import io.punktfunk.media.video.VideoEncoderConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream on the host, started on the control plane's Start. A capture+encode thread
 * feeds the data-plane session ({@link HostMediaSession#submitFrame}); an audio
 * thread sends Opus over the control connection's datagrams. Keyframe, bitrate, FEC and probe
 * requests arrive from the control plane's event loop and are handed over through volatile fields;
 * a probe runs on the video thread between two pictures.
 * {@link #close} stops both threads and the data plane; other clients' streams are untouched.
 */
public final class HostStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostStream.class);
    /**
     * Frames between encoder and send thread: 6 (100 ms at 60 fps) instead of the session's 3, so a
     * scheduling stall of the send thread on a busy machine delays frames instead of dropping them
     * (a dropped frame costs an IDR).
     */
    static final int SEND_QUEUE_FRAMES = 6;
    /** Time after a probe's last frame for its packets to leave the socket before the result is read. */
    private static final long PROBE_DRAIN_NS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Probes above this rate send a probe frame every {@link #PROBE_FINE_INTERVAL_NS}. */
    private static final int PROBE_FINE_KBPS = 50_000;
    private static final long PROBE_FINE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(2);
    /** How long the video thread waits for the client's first hello before giving the session up. */
    static final long PEER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final HostControlSession control;
    private final HostStreamSettings settings;
    private final SessionParameters parameters;
    private final HostMediaSession data;
    private final LinkAdaptation link;
    private final KeyframeGate keyframes = new KeyframeGate(HostStreamSettings.KEYFRAME_MIN_INTERVAL_NS);
    private final Thread videoThread;
    private final AudioStreamer audio;
    private final Thread audioThread;
    private volatile boolean running = true;
    /** A speed test asked for ({kbps, ms}), run by the video thread as a command: no thread per request. */
    private final AtomicReference<int[]> pendingProbe = new AtomicReference<>();
    private volatile long framesEncoded;
    private volatile long framesWithheld;
    private volatile long keyframesSent;
    private volatile String failure;

    private HostStream(HostControlSession control, HostStreamSettings settings, Transport reserved) {
        this.control = control;
        this.settings = settings;
        this.parameters = control.parameters();
        this.data = openDataPlane(parameters, settings, "pkf-s" + control.id(), reserved);
        data.onFault(f -> fail("host data plane " + f.reason()));
        this.link = new LinkAdaptation(control, data, parameters.bitrateKbps() * 1000L,
                () -> pendingProbe.get() != null);
        AudioSource audioSource = null;
        try {
            audioSource = settings.audio().open(settings.audioDevice());
        } catch (RuntimeException e) {
            LOG.warn("{}: no audio: {}", control, e.getMessage());
        }
        this.audio = audioSource == null ? null : new AudioStreamer(control, audioSource, this::fail);
        this.audioThread = audio == null ? null
                : Thread.ofPlatform().name("pkf-s" + control.id() + "-audio").daemon().unstarted(audio);
        this.videoThread = Thread.ofPlatform().name("pkf-s" + control.id() + "-video").daemon()
                .unstarted(this::runVideo);
    }

    /** Opens the data plane on a fresh socket and starts the video and audio threads. */
    public static HostStream start(HostControlSession control, HostStreamSettings settings) {
        return start(control, settings, null);
    }

    /**
     * Opens the data plane on {@code reserved}, the socket bound at Hello whose port the Welcome
     * announced (null: bind one now), and starts the video and audio threads. The video thread
     * streams once the client's first authentic hello told the session where to.
     */
    public static HostStream start(HostControlSession control, HostStreamSettings settings, Transport reserved) {
        HostStream s;
        try {
            s = new HostStream(control, settings, reserved);
        } catch (RuntimeException | Error e) {
            if (reserved != null) {
                reserved.close(); // the session never took it over
            }
            throw e;
        }
        s.videoThread.start();
        if (s.audioThread != null) {
            s.audioThread.start();
        }
        return s;
    }

    /** Binds an unconnected data socket on {@code local}, an ephemeral port, with the sessions' buffer sizes. */
    static Transport bindDataSocket(InetAddress local) {
        return UdpTransport.open(new SessionConfig().localAddress(new InetSocketAddress(local, 0)).transportConfig(false));
    }

    private static HostMediaSession openDataPlane(SessionParameters p, HostStreamSettings s, String name,
                                                  Transport reserved) {
        // no peer address: the session learns the client's from its first authentic hello (NAT-friendly)
        SessionConfig config = new SessionConfig()
                .localAddress(new InetSocketAddress(p.hostAddress(), 0))
                .fec(p.fec())
                .shardBytes(p.shardPayload())
                .keys(p.mediaKeys())
                .bitrateBps(p.bitrateKbps() * 1000L)
                .fps(p.mode().refreshHz())
                .sendQueueFrames(SEND_QUEUE_FRAMES)
                .learnPeer(true)
                .name(name)
                .conclude();
        Transport t = reserved != null ? reserved : UdpTransport.open(config.transportConfig(false));
        if (s.impairment() != null) {
            t = new ImpairedTransport(t, s.impairment());
        }
        return HostMediaSession.over(s.dataTransport().apply(t), config);
    }

    /** The encoder for a negotiated punktfunk/1 codec bit. */
    static VideoCodec videoCodec(int codecBit) {
        return switch (codecBit) {
            case VideoCodecs.H264 -> VideoCodec.H264;
            case VideoCodecs.HEVC -> VideoCodec.HEVC;
            case VideoCodecs.AV1 -> VideoCodec.AV1;
            default -> throw new IllegalArgumentException("no encoder for codec " + VideoCodecs.name(codecBit));
        };
    }

    private void runVideo() {
        Mode mode = parameters.mode();
        AccessUnit[] last = new AccessUnit[1];
        try (VideoSource source = settings.source().open(mode, settings.display(), settings.file());
             Picture picture = Picture.allocate(PixelFormat.I420, mode.width(), mode.height());
             VideoEncoder encoder = FfmpegVideoEncoder.open(new VideoEncoderConfig(mode.width(), mode.height(),
                     mode.refreshHz(), parameters.bitrateKbps() * 1000L, videoCodec(parameters.codec()), null, false,
                     null))) {
            InetSocketAddress client = data.awaitPeer(PEER_TIMEOUT_NS);
            if (client == null) {
                if (running) {
                    fail(CloseCode.SETUP_FAILED, "the client's data plane never reached the host: no authentic hello on UDP port "
                            + data.transport().localAddress().getPort() + " within "
                            + TimeUnit.NANOSECONDS.toSeconds(PEER_TIMEOUT_NS) + " s");
                }
                return;
            }
            LOG.info("{}: streaming {} {} via {} at {} kbps to {}", control, mode, settings.source(),
                    encoder.encoderName(), parameters.bitrateKbps(), client);
            long frameNs = 1_000_000_000L / mode.refreshHz();
            boolean first = true;
            while (running && data.isRunning()) {
                int[] probe = pendingProbe.get();
                if (probe != null) {
                    runProbe(probe[0], probe[1]); // video pauses: the probe owns the link while it runs
                    pendingProbe.set(null);
                    continue;
                }
                if (first) {
                    encoder.bitrate(link.bringUp()); // learn the link before the first picture
                }
                source.capture(picture);
                long now = System.nanoTime();
                boolean idr = first || keyframes.take(now);
                if (first) {
                    keyframes.idrSent(now);
                    first = false;
                } else if (idr && keyframes.lastWasReask()) {
                    link.onKeyframeReasked(); // the last IDR was lost: this one goes out smaller
                }
                long bps = link.takeEncoderBitrate();
                if (bps != 0) {
                    encoder.bitrate(bps);
                }
                encoder.encode(picture, idr, this::send);
            }
        } catch (Throwable t) {
            if (running) {
                LOG.error("{}: video thread failed", control, t);
                fail(CloseCode.INTERNAL_ERROR, "host video thread failed: " + t);
            }
        }
    }

    /**
     * The one fault path of this stream (a thread of it threw): stop capturing and end this session
     * only, with INTERNAL_ERROR and the reason, which the client prints. Closing the control session
     * makes {@link StreamingHost} close this stream, releasing threads, socket and native memory.
     */
    void fail(String reason) {
        fail(CloseCode.INTERNAL_ERROR, reason);
    }

    private void fail(CloseCode code, String reason) {
        if (failure != null) {
            return;
        }
        failure = reason;
        running = false;
        control.close(code, reason);
    }

    private void send(AccessUnit au) {
        framesEncoded++;
        int index = (int) au.frameIndex();
        if (au.keyframe()) {
            keyframesSent++;
        }
        if (settings.dropFrame().test(index)) {
            framesWithheld++;
            return;
        }
        int flags = au.keyframe() ? UserFlags.KEYFRAME : 0;
        link.onFrameSubmitted(au.captureNs());
        // from the encoder's packet straight into the send queue's slot (docs/fleet.md, "Copies")
        if (!data.submitFrame(au.segment(), au.offset(), au.length(), index, au.captureNs(), flags) && data.isRunning()) {
            keyframes.request(); // the send queue was full and this frame is gone: the next one must not need it
        }
    }

    /** The client asked for an IDR (or invalidated frames: recovery is IDR-only for now). */
    public void requestKeyframe() {
        keyframes.request();
    }

    /** A new bitrate from the client: the ceiling adaptation stays under, applied before the next picture (x264: no IDR). */
    public void bitrate(int kbps) {
        link.ceiling(kbps * 1000L);
    }

    /** The client's delivery report: adaptive bitrate and the pacer's link estimate (docs/links.md). */
    public void delivery(ControlMessage.DeliveryReport report) {
        link.onReport(report);
    }

    /** Adaptive FEC moved the parity percentage. */
    public void fecPercent(int percent) {
        data.fecPercent(percent);
    }

    /**
     * Asks for a speed-test burst: video pauses, probe frames go out at {@code kbps} for {@code ms}, then
     * the host's counters for that window go back as a ProbeResult. The video thread runs it between
     * two pictures. Returns false (and does nothing) while another probe is pending or running.
     */
    public boolean probe(int kbps, int ms) {
        return pendingProbe.compareAndSet(null, new int[] {kbps, ms});
    }

    private void runProbe(int kbps, int ms) {
        try {
            LockSupport.parkNanos(2 * 1_000_000_000L / parameters.mode().refreshHz()); // let the last frame leave
            SessionStats before = data.stats();
            long t0 = System.nanoTime();
            // fast probes in 2 ms frames: one frame per video interval would hit the frame size
            // limit (a 640x360 session's cap is ~170 Mbit/s at 30 fps) long before the link
            long interval = kbps > PROBE_FINE_KBPS ? PROBE_FINE_INTERVAL_NS : 1_000_000_000L / parameters.mode().refreshHz();
            data.startProbe(kbps * 1000L, TimeUnit.MILLISECONDS.toNanos(ms), interval);
            while (data.probeActive() && running) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            long t1 = System.nanoTime();
            LockSupport.parkNanos(PROBE_DRAIN_NS);
            SessionStats after = data.stats();
            long wire = after.packetsSent() - before.packetsSent();
            long dropped = after.packetsSendDropped() - before.packetsSendDropped();
            control.sendProbeResult(new ControlMessage.ProbeResult(after.bytesSent() - before.bytesSent(),
                    wire + dropped, (int) TimeUnit.NANOSECONDS.toMillis(t1 - t0), wire, dropped));
            LOG.info("{}: probe {} kbps for {} ms: {} packets sent, {} dropped locally", control, kbps, ms, wire, dropped);
        } finally {
            keyframes.request(); // video resumes from a clean picture
        }
    }

    /** Data-plane counters of this stream. */
    public SessionStats stats() {
        return data.stats();
    }

    /** Pictures encoded so far. */
    public long framesEncoded() {
        return framesEncoded;
    }

    /** IDRs sent (the first picture included). */
    public long keyframesSent() {
        return keyframesSent;
    }

    /** IDRs sent in answer to a request (a client's loss report, a probe, a frame the send queue dropped). */
    public long keyframesAnswered() {
        return keyframes.served();
    }

    /** Keyframe requests received from the client. */
    public long keyframeRequests() {
        return keyframes.requests();
    }

    /** Frames withheld on purpose ({@link HostStreamSettings#dropFrame}). */
    public long framesWithheld() {
        return framesWithheld;
    }

    /** Audio frames sent. */
    public long audioFramesSent() {
        return audio == null ? 0 : audio.framesSent();
    }

    /** Why this stream failed (a thread of it threw), or null. */
    public String failure() {
        return failure;
    }

    public HostControlSession control() {
        return control;
    }

    /** Stops capture, encode and audio, then closes the data plane. Safe to call twice. */
    @Override
    public void close() {
        running = false;
        if (audio != null) {
            audio.stop();
        }
        join(videoThread);
        join(audioThread);
        data.close();
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(TimeUnit.SECONDS.toMillis(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
