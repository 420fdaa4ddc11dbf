package io.punktfunk.host.input;

import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.Hello;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.quic.ClientControlSession;
import io.punktfunk.control.quic.ClientControlSessionListener;
import io.punktfunk.control.quic.ControlClient;
import io.punktfunk.control.quic.ControlConnection;
import io.punktfunk.control.quic.ControlHost;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.control.quic.QuicSettings;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.StreamingHost;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real streaming host (open, synthetic 640x360 video at 10 fps, no audio) on 127.0.0.1 over real QUIC, its
 * input going to {@code input}, and clients that open control sessions to it. Each client's data
 * plane lands on a socket nobody reads: these tests look at input only.
 */
final class LoopbackInputHost implements AutoCloseable {
    final StreamingHost streaming;
    final ControlHost host;
    private final Path dir;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    LoopbackInputHost(Path dir, HostInput input) throws Exception {
        this.dir = dir;
        HostStreamSettings settings = HostStreamSettings.defaults().withAudio(AudioKind.NONE, null);
        streaming = new StreamingHost(settings, new HostControlSessionListener() { }, input);
        HandshakePolicy policy = new HandshakePolicy(0, VideoCodecs.H264, 7680, 4320, 1000, 2_000, FecConfig.defaults());
        host = ControlHost.start(ControlHost.Config.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        Identity.loadOrCreate(dir, Identity.HOST_FILES, "input-host"), PairedClientStore.load(dir), 0, streaming)
                .withOpen(true).withPolicy(policy));
    }

    /** Connects a new client (its own identity) and starts a session; returns once the host has started it. */
    ClientControlSession connect(String name) throws Exception {
        return connect(name, new ClientControlSessionListener() { });
    }

    /** As {@link #connect(String)}, with a listener for what the host sends (rumble …). */
    ClientControlSession connect(String name, ClientControlSessionListener listener) throws Exception {
        ControlClient client = new ControlClient(Identity.loadOrCreate(dir.resolve(name), Identity.CLIENT_FILES, name),
                QuicSettings.defaults());
        closeables.add(client);
        DatagramSocket sink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        closeables.add(sink);
        ControlConnection conn = client.connect(host.localAddress(), host.fingerprint()).get(15, TimeUnit.SECONDS);
        Hello hello = Hello.of(new Mode(640, 360, 10), 500, VideoCodecs.H264, name);
        return conn.open(hello, sink.getLocalPort(), listener).get(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + c, e);
            }
        }
        host.close();
        streaming.close();
    }
}
