package io.punktfunk.cli.demo;

import io.punktfunk.control.message.CloseCode;
import io.punktfunk.cli.client.LiveReporter;
import io.punktfunk.cli.client.StreamSummary;
import io.punktfunk.cli.client.ViewerChoice;
import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.input.RemoteInput;
import io.punktfunk.client.input.gamepad.EvdevGamepads;
import io.punktfunk.client.stream.ClientStreamOptions;
import io.punktfunk.client.view.InputSink;
import io.punktfunk.client.view.VideoPresenter;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.quic.ControlClient;
import io.punktfunk.control.quic.ControlConnection;
import io.punktfunk.control.quic.ControlHost;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.control.quic.QuicSettings;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.core.transport.ImpairmentConfig;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.host.stream.DataPlaneWarmup;
import io.punktfunk.host.stream.HostStream;
import io.punktfunk.host.input.HostInput;
import io.punktfunk.host.input.InputBackend;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.SourceKind;
import io.punktfunk.host.stream.StreamingHost;
import io.punktfunk.media.audio.JavaSoundAudioPlayer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code punktfunk demo}: a host and a client in this process over loopback — the real control plane
 * (QUIC, TLS, handshake), the real data plane (UDP, FEC, AES-GCM, pacing), x264 and Opus. Identities
 * live in a temporary config dir deleted afterwards and the host runs open (no pairing), so the user's
 * own pairing state is never read or written. Defaults: 1280×720@60, 20 Mbit/s, 10 s, synthetic source.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Host + client over loopback in one command: live stats each second, summary at the end.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seconds", description = "how long to stream (default: ${DEFAULT-VALUE})", defaultValue = "10")
    double seconds;

    @Option(names = "--json", description = "print the summary as one JSON object")
    boolean json;

    @Option(names = "--no-input", description = "view only: send no keyboard, mouse or gamepad input to the host")
    boolean noInput;

    @Option(names = "--no-gamepads", description = "do not read gamepads from /dev/input (keyboard and mouse still go)")
    boolean noGamepads;

    @Option(names = "--headless", description = "never open the viewer window (it opens when a display is present)")
    boolean headless;

    @Option(names = "--mode", description = "WxH@Hz (default: ${DEFAULT-VALUE})", defaultValue = "1280x720@60")
    String mode;

    @Option(names = "--bitrate-kbps", description = "video bitrate (default: ${DEFAULT-VALUE})", defaultValue = "20000")
    int bitrateKbps;

    @Option(names = "--source", description = "synthetic, x11 or file (default: $PUNKTFUNK_VIDEO_SOURCE or synthetic)")
    String source;

    @Option(names = "--file", description = "video file for --source file")
    Path file;

    @Option(names = "--audio", description = "tone, pulse or none (default: ${DEFAULT-VALUE})", defaultValue = "tone")
    String audio;

    @Option(names = "--input", paramLabel = "BACKEND",
            description = "inject the viewer's input into this machine's desktop: none, auto, xtest or uinput "
                    + "(default: ${DEFAULT-VALUE}; host and viewer share one desktop here, so injected keys reach the viewer again)",
            defaultValue = "none")
    String inputBackend;

    @Option(names = "--loss", paramLabel = "PERCENT",
            description = "impaired transport: drop this share of data packets at random (shows FEC and recovery)")
    double lossPercent;

    @Option(names = "--drop-every", paramLabel = "N",
            description = "withhold every Nth encoded frame entirely (shows keyframe-request recovery)")
    int dropEvery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seconds <= 0 || lossPercent < 0 || lossPercent >= 100 || dropEvery < 0) {
            err.println("punktfunk: --seconds must be > 0, --loss in [0, 100), --drop-every ≥ 0");
            err.flush();
            return 1;
        }
        Mode asked = Mode.parse(mode);
        HostStreamSettings settings = HostStreamSettings.defaults()
                .withSource(SourceKind.resolve(source), null, file)
                .withAudio(AudioKind.parse(audio), null);
        if (lossPercent > 0) {
            settings = settings.withImpairment(new ImpairmentConfig().seed(1).lossRate(lossPercent / 100));
        }
        if (dropEvery > 0) {
            int n = dropEvery;
            settings = settings.withDropFrame(i -> i > 0 && i % n == 0);
        }
        Path dir = Files.createTempDirectory("punktfunk-demo-");
        try {
            return run(dir, asked, settings, out, err);
        } finally {
            deleteTree(dir);
        }
    }

    private int run(Path dir, Mode asked, HostStreamSettings settings, PrintWriter out, PrintWriter err)
            throws Exception {
        Identity hostIdentity = Identity.loadOrCreate(dir, Identity.HOST_FILES, "punktfunk-demo-host");
        Identity clientIdentity = Identity.loadOrCreate(dir, Identity.CLIENT_FILES, "punktfunk-demo-client");
        long w0 = System.nanoTime();
        DataPlaneWarmup.run(FecConfig.defaults(), HandshakePolicy.SHARD_PAYLOAD_V4);
        err.printf("punktfunk demo: data plane warmed up in %d ms%n", (System.nanoTime() - w0) / 1_000_000);
        AtomicReference<HostStream> hostStream = new AtomicReference<>();
        HostInput hostInput = HostInput.open(InputBackend.parse(inputBackend), null, HostInput.Limits.defaults());
        try (StreamingHost streaming = new StreamingHost(settings, new HostControlSessionListener() { }, hostInput)) {
            streaming.onStreamStarted(hostStream::set);
            HandshakePolicy policy = new HandshakePolicy(0, VideoCodecs.H264, 7680, 4320, 1000, bitrateKbps,
                    FecConfig.defaults());
            InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            ControlHost.Config config = ControlHost.Config.defaults(bind, hostIdentity, PairedClientStore.load(dir), 0,
                            streaming)
                    .withOpen(true).withPolicy(policy);
            try (ControlHost host = ControlHost.start(config);
                 ControlClient client = new ControlClient(clientIdentity, QuicSettings.defaults())) {
                err.printf("punktfunk demo: host on %s (open, temporary identity), %s H.264 %d kbps, %s source, "
                                + "%.0f s%n", host.localAddress(), asked, bitrateKbps,
                        settings.source().name().toLowerCase(java.util.Locale.ROOT), seconds);
                err.flush();
                AtomicReference<ClientStream> current = new AtomicReference<>();
                RemoteInput input = noInput ? null : new RemoteInput();
                VideoPresenter presenter = ViewerChoice.open(headless, asked, "punktfunk demo",
                        input == null ? InputSink.NONE : input, () -> {
                    ClientStream s = current.get();
                    if (s != null) {
                        s.stop();
                    }
                }, err);
                ClientStreamOptions options = ClientStreamOptions.headless(asked, bitrateKbps, "punktfunk demo")
                        .withPresenter(presenter)
                        .withInput(presenter == null ? null : input)
                        .withGamepads(noInput || noGamepads ? null : EvdevGamepads::start)
                        .withAudio(settings.audio() == AudioKind.NONE ? null : () -> JavaSoundAudioPlayer.open(4));
                long t0 = System.nanoTime();
                ControlConnection conn = client.connect(host.localAddress(), host.fingerprint())
                        .get(15, TimeUnit.SECONDS);
                ClientStream stream = ClientStream.start(conn, options, t0, 15_000);
                current.set(stream);
                double streamed;
                try {
                    streamed = new LiveReporter(stream, err, () -> {
                        HostStream h = hostStream.get();
                        return h == null ? 0 : h.stats().framesSent();
                    }).run(seconds, System.nanoTime());
                } finally {
                    stream.close();
                    if (presenter != null) {
                        presenter.close();
                    }
                }
                HostStream h = hostStream.get();
                StreamSummary summary = StreamSummary.of(stream, streamed, h == null ? 0 : h.stats().framesSent());
                summary.print(out, json);
                if (stream.endedByFault()) {
                    err.println("punktfunk: stream ended: " + CloseCode.describe(stream.closeCode()) + " – "
                            + stream.closeReason());
                    err.flush();
                    return 2;
                }
                return summary.client().framesShown() > 0 ? 0 : 1;
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
