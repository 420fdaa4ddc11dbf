package io.punktfunk.host.gamestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.host.daemon.Host;
import io.punktfunk.host.daemon.PairedClients;
import io.punktfunk.host.daemon.PairingAtStart;
import io.punktfunk.host.gamestream.client.http.MoonlightIdentity;
import io.punktfunk.host.gamestream.client.http.MoonlightPairing;
import io.punktfunk.host.gamestream.client.http.NvHttpClient;
import io.punktfunk.host.settings.HostSettings;
import io.punktfunk.host.settings.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GameStream in the host daemon: its paired clients in the daemon's registry, revocable there; the daemon's session limit. */
class GameStreamBesideHostTest {
    @TempDir
    Path dir;

    @Test
    void pairedMoonlightClientsAreListedAndRevokedThroughTheDaemon() throws Exception {
        Map<Setting<?>, Object> o = Map.of(HostSettings.BIND, "127.0.0.1", HostSettings.PORT, 0, HostSettings.API_ENABLED, false,
                HostSettings.MDNS, false, HostSettings.INPUT, "none", HostSettings.AUDIO, "none", HostSettings.MAX_SESSIONS, 1);
        List<String> notices = new CopyOnWriteArrayList<>();
        RecordingStreamLauncher launcher = new RecordingStreamLauncher();
        try (Host host = Host.start(dir, o, PairingAtStart.none(), line -> { });
             GameStreamHost gs = GameStreamHost.startBeside(host, GameStreamSettings.defaults(dir).withBind("127.0.0.1")
                     .withPorts(0, 0, 0).withPinTimeout(Duration.ofSeconds(30)), launcher, notices::add);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            NvHttpClient c = new NvHttpClient("127.0.0.1", gs.httpPort(), gs.httpsPort(), MoonlightIdentity.create("tv"));
            Future<MoonlightPairing.Result> f = pool.submit(() -> MoonlightPairing.pair(c, "4711", "tv", false));
            while (gs.pins().waiting().isEmpty()) {
                Thread.sleep(10);
            }
            gs.pins().deliver("4711");
            assertThat(f.get().outcome()).isEqualTo(MoonlightPairing.Outcome.PAIRED);

            PairedClients registry = host.pairedClients().stream().filter(r -> r.protocol().equals("gamestream")).findFirst()
                    .orElseThrow();
            assertThat(registry.list()).singleElement().satisfies(cl -> assertThat(cl.name()).isEqualTo("tv"));
            // the daemon's limit of 1 session: GameStream may take it while punktfunk/1 holds none
            assertThat(c.https("/launch", NvHttpPairingTest.launchArgs(true)).statusCode()).isEqualTo(200);
            assertThat(c.https("/cancel", NvHttpClient.args()).get("cancel")).isEqualTo("1");

            String id = registry.list().get(0).id();
            assertThat(host.revoke("gamestream", id)).isTrue();
            assertThat(c.https("/serverinfo", NvHttpClient.args()).statusCode()).isEqualTo(401);
            assertThat(host.revoke("gamestream", id)).isFalse();
        }
    }
}
