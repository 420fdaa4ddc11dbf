package io.punktfunk.client.stream;

import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.quic.ControlClient;
import io.punktfunk.control.quic.ControlConnection;
import io.punktfunk.control.quic.ControlHost;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.control.quic.QuicSettings;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.host.stream.DataPlaneWarmup;
import io.punktfunk.host.stream.HostStream;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.StreamingHost;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real streaming host (open, H.264) on 127.0.0.1 with identities in a temp dir, and a client to reach it. */
final class LoopbackHost implements AutoCloseable {
    private static volatile boolean warmed;

    final StreamingHost streaming;
    final ControlHost host;
    final ControlClient client;
    final LinkedBlockingQueue<HostStream> started = new LinkedBlockingQueue<>();

    LoopbackHost(Path dir, HostStreamSettings settings) throws Exception {
        this(dir, settings, new HostControlSessionListener() { });
    }

    /** {@code listener} hears what the streaming host passes on (sessions, input). */
    LoopbackHost(Path dir, HostStreamSettings settings, HostControlSessionListener listener) throws Exception {
        if (!warmed) {
            DataPlaneWarmup.run(FecConfig.defaults(), HandshakePolicy.SHARD_PAYLOAD_V4);
            warmed = true;
        }
        streaming = new StreamingHost(settings, listener);
        streaming.onStreamStarted(started::add);
        HandshakePolicy policy = new HandshakePolicy(0, VideoCodecs.H264, 7680, 4320, 1000, 20_000,
                FecConfig.defaults());
        host = ControlHost.start(ControlHost.Config.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        Identity.loadOrCreate(dir, Identity.HOST_FILES, "test-host"), PairedClientStore.load(dir), 0,
                        streaming)
                .withOpen(true).withPolicy(policy));
        client = new ControlClient(Identity.loadOrCreate(dir, Identity.CLIENT_FILES, "test-client"),
                QuicSettings.defaults());
    }

    ClientStream connect(ClientStreamOptions options) throws Exception {
        ControlConnection conn = client.connect(host.localAddress(), host.fingerprint()).get(15, TimeUnit.SECONDS);
        return ClientStream.start(conn, options, System.nanoTime(), 15_000);
    }

    /** The host side of the next stream that starts. */
    HostStream nextHostStream() throws InterruptedException {
        HostStream s = started.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no host stream started within 10 s");
        }
        return s;
    }

    @Override
    public void close() {
        client.close();
        host.close();
        streaming.close();
    }
}
