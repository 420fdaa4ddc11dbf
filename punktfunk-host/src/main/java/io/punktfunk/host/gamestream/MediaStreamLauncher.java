package io.punktfunk.host.gamestream;

import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.host.gamestream.audio.GameStreamAudioSettings;
import io.punktfunk.host.gamestream.audio.GameStreamAudioStream;
import io.punktfunk.host.gamestream.control.ControlMessageType;
import io.punktfunk.host.gamestream.control.ControlStreamListener;
import io.punktfunk.host.gamestream.control.GameStreamControlServer;
import io.punktfunk.host.gamestream.input.InputSink;
import io.punktfunk.host.gamestream.video.GameStreamVideoSettings;
import io.punktfunk.host.gamestream.video.GameStreamVideoStream;
import io.punktfunk.host.input.HostInput;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.media.video.FfmpegVideoEncoder;
import io.punktfunk.media.video.VideoCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link StreamLauncher}. At launch it binds the session's video and audio sockets and
 * starts its control server (ENet, waiting for the client's CONNECT with the launch's connect
 * data), so RTSP SETUP can announce all three ports. At PLAY it starts video and audio from the
 * announced parameters with the host's own sources and encoders. Moonlight's input takes part in
 * the host's input rules ({@link GameStreamInput}: owner, rate bound, release; rumble back); an
 * IDR request on the control stream reaches the video encoder.
 * <pre>
 *  prepare (/launch)  bind video + audio sockets, start control server
 *  start (PLAY)       video stream, audio stream; control: IDR ─▶ video, input ─▶ HostInput (owner rule) ─▶ injector
 *  control disconnect / a media part fails ─▶ onEnded(reason) ─▶ the session ends ─▶ close
 *  close              termination (0x0109) to the client, then control, video, audio closed
 * </pre>
 */
public final class MediaStreamLauncher implements StreamLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(MediaStreamLauncher.class);
    /** How long the control stream stays up after the termination message, for the client to acknowledge it. */
    private static final long TERMINATION_GRACE_NS = 1_000_000_000L;
    private static final int CODEC_H264 = 0x1;
    private static final int CODEC_HEVC = 0x100;
    private static final int CODEC_AV1 = 0x10000;

    private final InetAddress bind;
    private final int videoPort;
    private final int controlPort;
    private final int audioPort;
    private final HostStreamSettings media;
    private final HostInput input;
    /** {@code ServerCodecModeSupport}, probed once on first use (opening encoders takes a moment); 0 = not yet. */
    private volatile int codecModeSupport;

    /**
     * @param bind        address the UDP sockets bind to
     * @param videoPort   47998 normally; 0 picks a free port (tests)
     * @param controlPort 47999 normally
     * @param audioPort   48000 normally
     * @param media       the host's video and audio sources (shared with punktfunk/1)
     * @param input       the host's input backends; null for view-only sessions
     */
    public MediaStreamLauncher(InetAddress bind, int videoPort, int controlPort, int audioPort, HostStreamSettings media,
                               HostInput input) {
        this.bind = bind;
        this.videoPort = videoPort;
        this.controlPort = controlPort;
        this.audioPort = audioPort;
        this.media = media;
        this.input = input;
    }

    @Override
    public int encryptionSupported() {
        return StreamParameters.ENC_CONTROL_V2 | StreamParameters.ENC_VIDEO | StreamParameters.ENC_AUDIO;
    }

    @Override
    public int codecModeSupport() {
        int bits = codecModeSupport;
        if (bits == 0) {
            bits = probeCodecs();
            codecModeSupport = bits;
        }
        return bits;
    }

    /** H.264 always (x264 is in every build); HEVC and AV1 (8-bit) when one of their encoders opens here. */
    private static int probeCodecs() {
        int bits = CODEC_H264;
        if (opens(VideoCodec.HEVC)) {
            bits |= CODEC_HEVC;
        }
        if (opens(VideoCodec.AV1)) {
            bits |= CODEC_AV1;
        }
        LOG.debug("GameStream codecs offered: 0x{}", Integer.toHexString(bits));
        return bits;
    }

    private static boolean opens(VideoCodec codec) {
        return codec.encoders().stream().anyMatch(name -> FfmpegVideoEncoder.available(name, codec));
    }

    /** The codec Moonlight chose in ANNOUNCE ({@code bitStreamFormat}). */
    static VideoCodec videoCodec(int bitStreamFormat) {
        return switch (bitStreamFormat) {
            case StreamParameters.CODEC_H264 -> VideoCodec.H264;
            case StreamParameters.CODEC_HEVC -> VideoCodec.HEVC;
            case StreamParameters.CODEC_AV1 -> VideoCodec.AV1;
            default -> throw new IllegalArgumentException("unknown bitStreamFormat " + bitStreamFormat);
        };
    }

    @Override
    public Streams prepare(LaunchSession session) {
        UdpTransport video = GameStreamVideoStream.bind(new InetSocketAddress(bind, videoPort));
        UdpTransport audio = null;
        try {
            audio = GameStreamAudioStream.bind(new InetSocketAddress(bind, audioPort));
            return new SessionStreams(session, video, audio);
        } catch (RuntimeException e) {
            video.close();
            if (audio != null) {
                audio.close();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        // nothing shared: every session owns its sockets
    }

    /** One session's sockets and, after PLAY, its running parts. */
    private final class SessionStreams implements Streams, ControlStreamListener {
        private final LaunchSession session;
        private final UdpTransport videoSocket;
        private final UdpTransport audioSocket;
        private final GameStreamControlServer control;
        /** The session in the host's input rules; null for view-only sessions. */
        private final GameStreamInput gsInput;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile GameStreamVideoStream video;
        private volatile GameStreamAudioStream audio;
        private volatile Consumer<String> onEnded;

        SessionStreams(LaunchSession session, UdpTransport videoSocket, UdpTransport audioSocket) {
            this.session = session;
            this.videoSocket = videoSocket;
            this.audioSocket = audioSocket;
            this.gsInput = input == null ? null
                    : new GameStreamInput(input, "session " + session.id(), this::rumble);
            this.control = GameStreamControlServer.start(new InetSocketAddress(bind, controlPort), session.rikey(),
                    session.connectData(), gsInput == null ? InputSink.NONE : gsInput, this::requestIdr, this);
        }

        @Override
        public int videoPort() {
            return videoSocket.localAddress().getPort();
        }

        @Override
        public int controlPort() {
            return control.localAddress().getPort();
        }

        @Override
        public int audioPort() {
            return audioSocket.localAddress().getPort();
        }

        @Override
        public void start(StreamParameters p, Consumer<String> ended) {
            this.onEnded = ended;
            byte[] ping = session.pingPayload().getBytes(StandardCharsets.US_ASCII);
            GameStreamVideoSettings vs = new GameStreamVideoSettings().mode(p.width(), p.height(), p.fps())
                    .bitrateKbps(p.bitrateKbps()).codec(videoCodec(p.codec()), null).packetSize(p.packetSize())
                    .fec(p.fecPercent(), p.minFecPackets()).encryptionKey(p.videoEncrypted() ? session.rikey() : null)
                    .ping(ping, session.clientAddress()).source(media.source(), media.display(), media.file())
                    .name("gs-video-" + session.id());
            GameStreamAudioSettings as = new GameStreamAudioSettings().packetDurationMs(p.audioPacketMs())
                    .encryption(p.audioEncrypted() ? session.rikey() : null, session.rikeyId())
                    .ping(ping, session.clientAddress()).source(media.audio(), media.audioDevice())
                    .name("gs-audio-" + session.id());
            if (gsInput != null) {
                gsInput.start(); // from now on its input competes for the desktop like a punktfunk/1 session's
            }
            video = GameStreamVideoStream.start(videoSocket, vs, reason -> ended.accept("video: " + reason));
            audio = GameStreamAudioStream.start(audioSocket, as, reason -> ended.accept("audio: " + reason));
            LOG.info("{}: streaming: video udp {}, audio udp {}, control udp {}", session, videoPort(), audioPort(), controlPort());
        }

        private void rumble(int pad, int low, int high) {
            control.onRumble(pad, low, high);
        }

        private void requestIdr() {
            GameStreamVideoStream v = video;
            if (v != null) {
                v.requestIdr();
            }
        }

        @Override
        public void disconnected(String reason) {
            Consumer<String> e = onEnded;
            if (e != null && !closed.get()) {
                e.accept("control stream: " + reason);
            }
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (gsInput != null) {
                gsInput.close(); // keys, buttons and pads released if it owned the desktop; ownership passes on
            }
            GameStreamVideoStream v = video;
            if (v != null) {
                v.close(); // closes its socket too
            } else {
                videoSocket.close();
            }
            GameStreamAudioStream a = audio;
            if (a != null) {
                a.close();
            } else {
                audioSocket.close();
            }
            // the termination goes out reliably: give the client a moment to acknowledge it, off the caller's thread
            Thread.ofVirtual().name("gs-control-close-" + session.id()).start(() -> {
                try {
                    control.terminate(ControlMessageType.TERMINATION_GRACEFUL);
                    long deadline = System.nanoTime() + TERMINATION_GRACE_NS;
                    while (control.clientConnected() && System.nanoTime() - deadline < 0) {
                        Thread.sleep(10);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.debug("{}: termination not sent: {}", session, e.toString());
                } finally {
                    control.close();
                }
            });
        }
    }
}
