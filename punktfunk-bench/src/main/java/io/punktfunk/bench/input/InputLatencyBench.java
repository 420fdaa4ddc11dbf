package io.punktfunk.bench.input;

import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.stream.ClientStreamOptions;
import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.Hello;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.quic.ClientControlSession;
import io.punktfunk.control.quic.ClientControlSessionListener;
import io.punktfunk.control.quic.ControlClient;
import io.punktfunk.control.quic.ControlConnection;
import io.punktfunk.control.quic.ControlHost;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.control.quic.QuicSettings;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.host.input.HostInput;
import io.punktfunk.host.input.InputBackend;
import io.punktfunk.host.input.Xlib;
import io.punktfunk.host.input.XEventProbe;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.StreamingHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Input latency end to end: a client control session sends an event over QUIC on loopback, the host's
 * {@link HostInput} injects it with XTest, and an X client on the same display ({@link XEventProbe})
 * reads the resulting X event. Latency = probe's read time − send time (one clock, one process).
 * Closed loop: the next event leaves when the previous one was seen, 1 ms apart. Pointer moves travel
 * as datagrams, key edges on the control stream; both are measured.
 *
 * <pre>
 *  client.sendInput ─QUIC─▶ HostConnection (event loop) ─▶ HostInput ─queue─▶ pkf-input: XTestFake* + XFlush
 *        ─▶ X server ─▶ probe's XNextEvent  (t1)
 * </pre>
 */
public final class InputLatencyBench {
    /**
     * Results in microseconds.
     *
     * @param display X display measured on
     * @param stream  true when a video stream ran alongside (the host's full load)
     */
    public record Result(String display, boolean stream, Stats motion, Stats key, long lost) {
    }

    /** Percentiles of one event kind, µs. */
    public record Stats(long count, double p50Us, double p99Us, double maxUs) {
        static Stats of(Histogram h) {
            return new Stats(h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                    h.getMaxValue() / 1000.0);
        }
    }

    /** Events not seen within 1 s each, in a row, after which the run stops with an error instead of spinning. */
    static final int MAX_UNSEEN_IN_A_ROW = 10;

    private InputLatencyBench() {
    }

    /**
     * Runs for {@code seconds} after a warm-up of {@code warmupEvents}. {@code display} null starts a
     * private Xvfb (Debian package xvfb). {@code stream} also runs a 1280x720@60 synthetic H.264 stream to
     * the client, as a real session would.
     */
    public static Result run(String display, double seconds, int warmupEvents, boolean stream, PrintWriter log)
            throws Exception {
        if (!Xlib.available()) {
            throw new IllegalStateException("libX11/libXtst missing: install the Debian packages libx11-6 libxtst6");
        }
        Xvfb xvfb = display == null ? startXvfb() : null;
        String d = xvfb != null ? xvfb.display() : display;
        Path dir = Files.createTempDirectory("punktfunk-bench-input-");
        HostInput input = HostInput.open(InputBackend.XTEST, d, HostInput.Limits.defaults());
        HostControlSessionListener listener;
        StreamingHost streaming = null;
        if (stream) {
            streaming = new StreamingHost(HostStreamSettings.defaults().withAudio(AudioKind.NONE, null),
                    new HostControlSessionListener() { }, input);
            listener = streaming;
        } else {
            listener = new HostControlSessionListener() {
                @Override
                public void onSessionStarted(HostControlSession s) {
                    input.sessionStarted(s);
                }

                @Override
                public void onSessionEnded(HostControlSession s, int code, String reason) {
                    input.sessionEnded(s);
                }

                @Override
                public void onInput(HostControlSession s, InputEvent e, boolean reliable) {
                    input.input(s, e);
                }
            };
        }
        ClientStream video = null;
        HandshakePolicy policy = new HandshakePolicy(0, VideoCodecs.H264, 7680, 4320, 1000, 20_000, FecConfig.defaults());
        try (XEventProbe probe = XEventProbe.open(d);
             ControlHost host = ControlHost.start(ControlHost.Config.defaults(
                             new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                             Identity.loadOrCreate(dir, Identity.HOST_FILES, "bench-host"), PairedClientStore.load(dir), 0, listener)
                     .withOpen(true).withPolicy(policy));
             ControlClient client = new ControlClient(Identity.loadOrCreate(dir.resolve("c"), Identity.CLIENT_FILES, "bench"),
                     QuicSettings.defaults());
             DatagramSocket sink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ControlConnection conn = client.connect(host.localAddress(), host.fingerprint()).get(15, TimeUnit.SECONDS);
            ClientControlSession session;
            if (stream) {
                // a real data plane: the host ends a session whose client never says hello on UDP (docs/session.md);
                // frames are received and verified but not decoded, so the host's load is what is added
                video = ClientStream.start(conn, ClientStreamOptions.headless(new Mode(1280, 720, 60), 20_000, "bench")
                        .withoutDecoding(), System.nanoTime(), 15_000);
                session = video.control();
            } else {
                session = conn.open(Hello.of(new Mode(1280, 720, 60), 20_000, VideoCodecs.H264, "bench"),
                        sink.getLocalPort(), new ClientControlSessionListener() { }).get(15, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (input.owner() == null && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(1_000_000);
            }
            int[] screen = probe.screenSize();
            int kcA = probe.keycode('a');
            Histogram motion = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
            Histogram key = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
            long lost = 0;
            log.printf("input bench: XTest on %s (%dx%d)%s, warm-up %d events, then %.0f s%n", d, screen[0], screen[1],
                    stream ? " with a 1280x720@60 H.264 stream running" : "", warmupEvents, seconds);
            log.flush();
            long end = Long.MAX_VALUE;
            int unseenInARow = 0;
            for (int i = 0; ; i++) {
                if (unseenInARow >= MAX_UNSEEN_IN_A_ROW) {
                    throw new IllegalStateException(unseenInARow + " events in a row never reached " + d
                            + " (is the session still running? see the log above)");
                }
                boolean measuring = i >= warmupEvents;
                if (i == warmupEvents) {
                    end = System.nanoTime() + (long) (seconds * 1e9);
                }
                if (measuring && System.nanoTime() - end > 0) {
                    break;
                }
                // a move (datagram) to a position different from the last one, then a key edge (stream)
                int x = 100 + (i % 2) * 200;
                probe.clear();
                long t0 = System.nanoTime();
                session.sendInput(new InputEvent(InputEvent.MOUSE_MOVE_ABS, 0, x, 300, (screen[0] << 16) | screen[1]));
                XEventProbe.Event m = probe.await(Xlib.MOTION_NOTIFY, 1, TimeUnit.SECONDS);
                unseenInARow = m == null ? unseenInARow + 1 : 0;
                if (m == null) {
                    lost++;
                } else if (measuring) {
                    motion.recordValue(Math.max(0, m.atNs() - t0));
                }
                LockSupport.parkNanos(1_000_000);
                probe.clear();
                boolean down = (i % 2) == 0;
                t0 = System.nanoTime();
                session.sendInput(new InputEvent(down ? InputEvent.KEY_DOWN : InputEvent.KEY_UP, 0x41, 0, 0, 0));
                XEventProbe.Event k = probe.await(down ? Xlib.KEY_PRESS : Xlib.KEY_RELEASE, 1, TimeUnit.SECONDS);
                unseenInARow = k == null ? unseenInARow + 1 : 0;
                if (k == null || k.detail() != kcA) {
                    lost++;
                } else if (measuring) {
                    key.recordValue(Math.max(0, k.atNs() - t0));
                }
                LockSupport.parkNanos(1_000_000);
            }
            session.sendInput(new InputEvent(InputEvent.KEY_UP, 0x41, 0, 0, 0));
            if (video != null) {
                video.close("bench done");
            } else {
                session.close("bench done");
            }
            return new Result(d, stream, Stats.of(motion), Stats.of(key), lost);
        } finally {
            if (streaming != null) {
                streaming.close();
            } else {
                input.close();
            }
            if (xvfb != null) {
                xvfb.process().destroy();
                xvfb.process().waitFor(5, TimeUnit.SECONDS);
            }
            deleteTree(dir);
        }
    }

    private record Xvfb(Process process, String display) {
    }

    private static Xvfb startXvfb() throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x720x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot start Xvfb (install the Debian package xvfb, or pass --display): " + e.getMessage(), e);
        }
        String n = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (n == null || !n.strip().matches("\\d+")) {
            p.destroyForcibly();
            throw new IOException("Xvfb did not report a display number: " + n);
        }
        return new Xvfb(p, ":" + n.strip());
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
