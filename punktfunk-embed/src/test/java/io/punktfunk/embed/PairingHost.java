package io.punktfunk.embed;

import io.punktfunk.control.handshake.HandshakePolicy;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.pairing.PairingRateLimiter;
import io.punktfunk.control.quic.ControlHost;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.core.transport.ImpairmentConfig;
import io.punktfunk.host.stream.DataPlaneWarmup;
import io.punktfunk.host.stream.HostStreamSettings;
import io.punktfunk.host.stream.StreamingHost;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real host on 127.0.0.1 for the C programs: paired clients only, {@link #PIN} armed (back-off 1 ms,
 * so a wrong PIN does not delay the right one), synthetic video and tone, and a rumble level for pad 1
 * (0x1234/0x5678) every 100 ms while a stream runs; optionally a lossy data plane. Records the input and close reasons it gets.
 */
final class PairingHost implements AutoCloseable {
    static final String PIN = "4711";

    final ConcurrentLinkedQueue<InputEvent> inputs = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> endReasons = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService rumble = Executors.newSingleThreadScheduledExecutor();
    private final StreamingHost streaming;
    private final ControlHost host;

    /** @param lossPercent random loss under the host's data plane (seeded), for FEC to repair; 0 = clean */
    PairingHost(Path dir, double lossPercent) throws Exception {
        DataPlaneWarmup.run(FecConfig.defaults(), HandshakePolicy.SHARD_PAYLOAD_V4);
        HostStreamSettings settings = HostStreamSettings.defaults();
        if (lossPercent > 0) {
            settings = settings.withImpairment(new ImpairmentConfig().seed(7).lossRate(lossPercent / 100));
        }
        streaming = new StreamingHost(settings, new HostControlSessionListener() {
            @Override
            public void onInput(HostControlSession session, InputEvent event, boolean reliable) {
                inputs.add(event);
            }

            @Override
            public void onSessionEnded(HostControlSession session, int code, String reason) {
                endReasons.add(reason);
            }
        });
        streaming.onStreamStarted(hs -> rumble.scheduleAtFixedRate(() -> hs.control().sendRumble(1, 0x1234, 0x5678, 500),
                200, 100, TimeUnit.MILLISECONDS));
        HandshakePolicy policy = new HandshakePolicy(0, VideoCodecs.H264, 7680, 4320, 1000, 20_000, FecConfig.defaults());
        host = ControlHost.start(ControlHost.Config.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        Identity.loadOrCreate(dir, Identity.HOST_FILES, "embed-test-host"), PairedClientStore.load(dir), 0,
                        streaming)
                .withPolicy(policy)
                .withRateLimiter(new PairingRateLimiter(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1))));
        host.pairingWindow().arm(PIN, TimeUnit.MINUTES.toNanos(5));
    }

    int port() {
        return host.localAddress().getPort();
    }

    @Override
    public void close() {
        rumble.shutdownNow();
        host.close();
        streaming.close();
    }
}
