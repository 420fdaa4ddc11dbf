package io.punktfunk.cli.client;

import io.punktfunk.control.message.CloseCode;
import io.punktfunk.cli.control.ConfigDirOption;
import io.punktfunk.cli.control.ExitCodes;
import io.punktfunk.cli.control.HostTarget;
import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.input.RemoteInput;
import io.punktfunk.client.input.gamepad.EvdevGamepads;
import io.punktfunk.client.stream.ClientStreamOptions;
import io.punktfunk.client.view.InputSink;
import io.punktfunk.client.view.VideoPresenter;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.quic.ControlConnection;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.host.stream.DataPlaneWarmup;
import io.punktfunk.media.audio.JavaSoundAudioPlayer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code punktfunk connect HOST}: streams from a paired host, shows it in the viewer (or verifies it
 * headless), prints live stats once a second on stderr and a summary on stdout.
 * Exit codes: 0 streamed, 2 cannot connect or the stream failed, 3 not paired or refused.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Stream from a paired host: viewer window (or --headless), live stats, summary.")
public final class ConnectCommand implements Callable<Integer> {
    @Mixin
    ConfigDirOption configDir;

    @Parameters(paramLabel = "HOST", description = "host[:port] (default port 9777), paired with `punktfunk pair`")
    String host;

    @Option(names = "--headless", description = "no window: decode, verify and count frames")
    boolean headless;

    @Option(names = "--seconds", description = "stop after this many seconds (default: until the host ends it)")
    Double seconds;

    @Option(names = "--json", description = "print the summary as one JSON object")
    boolean json;

    @Option(names = "--mode", description = "WxH@Hz to ask for (default: ${DEFAULT-VALUE})",
            defaultValue = "1280x720@60")
    String mode;

    @Option(names = "--bitrate-kbps", description = "bitrate to ask for (default: ${DEFAULT-VALUE})",
            defaultValue = "20000")
    int bitrateKbps;

    @Option(names = "--no-audio", description = "do not decode and play the host's audio")
    boolean noAudio;

    @Option(names = "--record", paramLabel = "FILE", description = "also write the received stream to FILE (raw .h264)")
    Path record;

    @Option(names = "--no-input", description = "view only: send no keyboard, mouse or gamepad input to the host")
    boolean noInput;

    @Option(names = "--no-gamepads", description = "do not read gamepads from /dev/input (keyboard and mouse still go)")
    boolean noGamepads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HostTarget target = HostTarget.lookupOrReport(host, err);
        if (target == null) {
            return ExitCodes.CONNECT;
        }
        Mode asked = Mode.parse(mode);
        ClientConnector connector;
        try {
            connector = ClientConnector.forHost(configDir.resolve(), target);
        } catch (IllegalStateException e) {
            err.println("punktfunk: " + e.getMessage());
            err.flush();
            return ExitCodes.TRUST;
        }
        // the receive path (AES-GCM open, reassembly, FEC) compiled before the first packet, not during it
        DataPlaneWarmup.run(FecConfig.defaults(), HandshakePolicy.SHARD_PAYLOAD_V4);
        try (connector) {
            AtomicReference<ClientStream> current = new AtomicReference<>();
            RemoteInput input = noInput ? null : new RemoteInput();
            VideoPresenter presenter = ViewerChoice.open(headless, asked, "punktfunk — " + target.key(),
                    input == null ? InputSink.NONE : input, () -> {
                        ClientStream s = current.get();
                        if (s != null) {
                            s.stop();
                        }
                    }, err);
            ClientStreamOptions options = ClientStreamOptions.headless(asked, bitrateKbps, "punktfunk connect")
                    .withPresenter(presenter).withRecording(record)
                    .withAudio(noAudio ? null : () -> JavaSoundAudioPlayer.open(4))
                    .withInput(presenter == null ? null : input)
                    .withGamepads(noInput || noGamepads ? null : EvdevGamepads::start);
            long t0 = System.nanoTime();
            ClientStream stream;
            try {
                ControlConnection conn = connector.connect();
                stream = ClientStream.start(conn, options, t0, 15_000);
            } catch (ExecutionException | TimeoutException e) {
                if (presenter != null) {
                    presenter.close();
                }
                err.println("punktfunk: cannot stream from " + target.key() + ": "
                        + (e.getCause() != null ? e.getCause().getMessage() : e.toString()));
                err.flush();
                return ExitCodes.CONNECT;
            }
            current.set(stream);
            double streamed;
            boolean endedEarly;
            try {
                streamed = new LiveReporter(stream, err, null).run(seconds != null ? seconds : 0, System.nanoTime());
                endedEarly = !stream.isRunning();
            } finally {
                stream.close();
                if (presenter != null) {
                    presenter.close();
                }
            }
            StreamSummary.of(stream, streamed, -1).print(out, json);
            if (endedEarly && stream.closeReason() != null) {
                err.println("punktfunk: stream ended: " + (stream.closeCode() >= 0
                        ? CloseCode.describe(stream.closeCode()) + " – " : "") + stream.closeReason());
                err.flush();
            }
            // a fault on either end (host INTERNAL_ERROR, a client thread) is a failed run, frames or not
            return stream.stats().framesShown() > 0 && !stream.endedByFault() ? ExitCodes.OK : ExitCodes.CONNECT;
        }
    }
}
