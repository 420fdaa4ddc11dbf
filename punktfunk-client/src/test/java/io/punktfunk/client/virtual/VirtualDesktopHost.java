package io.punktfunk.client.virtual;

import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.stream.ClientStreamOptions;
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
import io.punktfunk.host.display.DesktopSettings;
import io.punktfunk.host.display.VirtualDesktops;
import io.punktfunk.host.display.XvfbBackend;
import io.punktfunk.host.input.HostInput;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.SourceKind;
import io.punktfunk.host.stream.StreamingHost;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real host with {@code --source virtual} (Xvfb desktops from {@code settings}, no audio) on 127.0.0.1 over
 * QUIC, open to any client, and a client that connects to it.
 */
final class VirtualDesktopHost implements AutoCloseable {
    final VirtualDesktops desktops;
    final StreamingHost streaming;
    final ControlHost host;
    final ControlClient client;

    VirtualDesktopHost(Path dir, DesktopSettings settings) throws Exception {
        this(dir, XvfbBackend.defaults(), settings);
    }

    VirtualDesktopHost(Path dir, XvfbBackend backend, DesktopSettings settings) throws Exception {
        desktops = new VirtualDesktops(backend, settings);
        HostStreamSettings stream = HostStreamSettings.defaults().withSource(SourceKind.VIRTUAL, null, null)
                .withAudio(AudioKind.NONE, null);
        streaming = new StreamingHost(stream, new HostControlSessionListener() { }, HostInput.none(), desktops);
        HandshakePolicy policy = new HandshakePolicy(0, VideoCodecs.H264, 3840, 2160, 240, 2_000, FecConfig.defaults());
        host = ControlHost.start(ControlHost.Config.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        Identity.loadOrCreate(dir, Identity.HOST_FILES, "virtual-host"), PairedClientStore.load(dir), 0,
                        streaming)
                .withOpen(true).withPolicy(policy));
        client = new ControlClient(Identity.loadOrCreate(dir, Identity.CLIENT_FILES, "virtual-client"),
                QuicSettings.defaults());
    }

    ClientStream connect(ClientStreamOptions options) throws Exception {
        ControlConnection conn = client.connect(host.localAddress(), host.fingerprint()).get(15, TimeUnit.SECONDS);
        return ClientStream.start(conn, options, System.nanoTime(), 15_000);
    }

    @Override
    public void close() {
        client.close();
        host.close();
        streaming.close(); // closes the desktops too
    }
}
