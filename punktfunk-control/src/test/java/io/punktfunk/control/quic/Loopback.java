package io.punktfunk.control.quic;

import io.punktfunk.control.handshake.Hello;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.message.ControlMessage;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.pairing.PairingRateLimiter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A real host and client pair on 127.0.0.1 with their own config dirs, for the end-to-end tests. */
final class Loopback implements AutoCloseable {
    static final String PIN = "482193";

    /** Everything the host listener saw, in order. */
    final LinkedBlockingQueue<String> hostEvents = new LinkedBlockingQueue<>();
    final List<InputEvent> inputs = new CopyOnWriteArrayList<>();
    final ControlHost host;
    final Identity hostIdentity;
    final Path hostDir;
    final Path clientDir;
    private final List<ControlClient> clients = new CopyOnWriteArrayList<>();
    private final QuicSettings settings;

    /** Set to false to leave probe requests unanswered (a probe then stays "running"). */
    volatile boolean answerProbes = true;
    final LinkedBlockingQueue<String> notices = new LinkedBlockingQueue<>();

    Loopback(Path tmp, QuicSettings settings) throws IOException, InterruptedException {
        this(tmp, settings, UnaryOperator.identity());
    }

    /** A fixture whose host config {@code custom} may change (caps, budgets, max sessions). */
    Loopback(Path tmp, QuicSettings settings, UnaryOperator<ControlHost.Config> custom) throws IOException, InterruptedException {
        this.settings = settings;
        hostDir = tmp.resolve("host");
        clientDir = tmp.resolve("client");
        hostIdentity = Identity.loadOrCreate(hostDir, Identity.HOST_FILES, "punktfunk");
        HostControlSessionListener listener = new HostControlSessionListener() {
            @Override
            public void onSessionStarted(HostControlSession s) {
                hostEvents.add("started " + s.clientName());
            }

            @Override
            public void onSessionEnded(HostControlSession s, int code, String reason) {
                hostEvents.add(String.format("ended %s 0x%02x %s", s.clientName(), code, reason));
            }

            @Override
            public void onKeyframeRequest(HostControlSession s) {
                hostEvents.add("keyframe " + s.clientName());
            }

            @Override
            public void onInvalidateRefs(HostControlSession s, int first, int last) {
                hostEvents.add("invalidate " + first + ".." + last);
            }

            @Override
            public void onFecChanged(HostControlSession s, int percent) {
                hostEvents.add("fec " + percent);
            }

            @Override
            public void onBitrateChanged(HostControlSession s, int kbps) {
                hostEvents.add("bitrate " + kbps);
            }

            @Override
            public void onProbeRequest(HostControlSession s, ControlMessage.ProbeRequest r) {
                hostEvents.add("probe " + r.targetKbps() + " " + r.durationMs());
                if (answerProbes) {
                    s.sendProbeResult(new ControlMessage.ProbeResult(1000, 10, r.durationMs(), 11, 0));
                }
            }

            @Override
            public void onInput(HostControlSession s, InputEvent e, boolean reliable) {
                inputs.add(e);
                hostEvents.add("input " + e.kind() + (reliable ? " stream" : " datagram"));
            }
        };
        ControlHost.Config config = ControlHost.Config.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        hostIdentity, PairedClientStore.load(hostDir), 47998, listener)
                .withSettings(settings)
                .withConfigDir(hostDir)
                .withRateLimiter(new PairingRateLimiter(TimeUnit.MILLISECONDS.toNanos(2000), TimeUnit.SECONDS.toNanos(10)));
        host = ControlHost.start(custom.apply(config));
        host.onNotice(notices::add);
    }

    Loopback(Path tmp) throws IOException, InterruptedException {
        this(tmp, QuicSettings.defaults());
    }

    InetSocketAddress address() {
        return host.localAddress();
    }

    ControlClient client(String name) throws IOException {
        return client(name, settings);
    }

    ControlClient client(String name, QuicSettings settings) throws IOException {
        ControlClient c = new ControlClient(Identity.loadOrCreate(clientDir.resolve(name), Identity.CLIENT_FILES, name), settings);
        clients.add(c);
        return c;
    }

    static Hello hello(String name) {
        return Hello.of(new Mode(1920, 1080, 60), 50_000, VideoCodecs.H264 | VideoCodecs.HEVC, name);
    }

    /** Waits for the next host event that starts with {@code prefix}, skipping others. */
    String awaitHostEvent(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String e = left > 0 ? hostEvents.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                throw new AssertionError("no host event '" + prefix + "…' within " + timeout);
            }
            if (e.startsWith(prefix)) {
                return e;
            }
        }
    }

    @Override
    public void close() {
        clients.forEach(ControlClient::close);
        host.close();
    }
}
