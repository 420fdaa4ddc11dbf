package io.punktfunk.host.gamestream;

import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.host.gamestream.video.GameStreamVideoSettings;
import io.punktfunk.host.gamestream.video.GameStreamVideoStream;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.media.video.VideoCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link StreamLauncher}: per session it binds the video, audio and control sockets at
 * launch, and at PLAY starts the video stream ({@code gamestream.video}), the audio stream
 * ({@code gamestream.audio}) and the control stream ({@code gamestream.control}) from the announced
 * parameters, with the host's own sources, encoders and input backends.
 */
public final class MediaStreamLauncher implements StreamLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(MediaStreamLauncher.class);

    private final InetAddress bind;
    private final int videoPort;
    private final int controlPort;
    private final int audioPort;
    private final HostStreamSettings media;

    /**
     * @param bind  address the UDP sockets bind to
     * @param videoPort   47998 normally; 0 picks a free port (tests)
     * @param controlPort 47999 normally
     * @param audioPort   48000 normally
     * @param media the host's video and audio source settings (shared with punktfunk/1)
     */
    public MediaStreamLauncher(InetAddress bind, int videoPort, int controlPort, int audioPort, HostStreamSettings media) {
        this.bind = bind;
        this.videoPort = videoPort;
        this.controlPort = controlPort;
        this.audioPort = audioPort;
        this.media = media;
    }

    @Override
    public int encryptionSupported() {
        return StreamParameters.ENC_CONTROL_V2 | StreamParameters.ENC_VIDEO | StreamParameters.ENC_AUDIO;
    }

    @Override
    public int codecModeSupport() {
        return 0x1; // H.264 (x264); HEVC and AV1 are not offered to Moonlight yet
    }

    @Override
    public Streams prepare(LaunchSession session) {
        UdpTransport video = GameStreamVideoStream.bind(new InetSocketAddress(bind, videoPort));
        return new SessionStreams(session, video);
    }

    @Override
    public void close() {
        // nothing shared: every session owns its sockets
    }

    /** One session's sockets and, after PLAY, its running parts. */
    private final class SessionStreams implements Streams {
        private final LaunchSession session;
        private final UdpTransport videoSocket;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile GameStreamVideoStream video;

        SessionStreams(LaunchSession session, UdpTransport videoSocket) {
            this.session = session;
            this.videoSocket = videoSocket;
        }

        @Override
        public int videoPort() {
            return videoSocket.localAddress().getPort();
        }

        @Override
        public int controlPort() {
            return controlPort;
        }

        @Override
        public int audioPort() {
            return audioPort;
        }

        @Override
        public void start(StreamParameters p, Consumer<String> onEnded) {
            byte[] ping = session.pingPayload().getBytes(StandardCharsets.US_ASCII);
            GameStreamVideoSettings vs = new GameStreamVideoSettings().mode(p.width(), p.height(), p.fps())
                    .bitrateKbps(p.bitrateKbps()).codec(VideoCodec.H264, null).packetSize(p.packetSize())
                    .fec(p.fecPercent(), p.minFecPackets()).encryptionKey(p.videoEncrypted() ? session.rikey() : null)
                    .ping(ping, session.clientAddress()).source(media.source(), media.display(), media.file())
                    .name("gs-video-" + session.id());
            video = GameStreamVideoStream.start(videoSocket, vs, reason -> onEnded.accept("video: " + reason));
            LOG.info("{}: video streaming on udp {}", session, videoPort());
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            GameStreamVideoStream v = video;
            if (v != null) {
                v.close(); // closes its socket too
            } else {
                videoSocket.close();
            }
        }
    }
}
