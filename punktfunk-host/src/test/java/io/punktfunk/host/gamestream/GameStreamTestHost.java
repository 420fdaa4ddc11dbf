package io.punktfunk.host.gamestream;

import io.punktfunk.host.gamestream.client.http.MoonlightIdentity;
import io.punktfunk.host.gamestream.client.http.MoonlightPairing;
import io.punktfunk.host.gamestream.client.http.NvHttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A GameStream host on loopback with ephemeral ports, plus helpers to pair test clients. */
final class GameStreamTestHost implements AutoCloseable {
    final Path dir;
    final RecordingStreamLauncher launcher = new RecordingStreamLauncher();
    final List<String> notices = new CopyOnWriteArrayList<>();
    final GameStreamHost host;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    GameStreamTestHost(Path dir) throws Exception {
        this(dir, SessionSlots.bounded(4));
    }

    GameStreamTestHost(Path dir, SessionSlots slots) throws Exception {
        this.dir = dir;
        GameStreamSettings s = GameStreamSettings.defaults(dir).withBind("127.0.0.1").withPorts(0, 0, 0)
                .withPinTimeout(Duration.ofSeconds(30));
        this.host = GameStreamHost.start(s, slots, launcher, notices::add);
    }

    NvHttpClient client(MoonlightIdentity id) {
        return new NvHttpClient("127.0.0.1", host.httpPort(), host.httpsPort(), id);
    }

    /** Pairs {@code client}: the pairing runs while the "operator" types {@code hostPin} on the host. */
    MoonlightPairing.Result pair(NvHttpClient client, String clientPin, String hostPin, boolean finishDespiteMismatch)
            throws Exception {
        Future<MoonlightPairing.Result> f = pool.submit(() -> MoonlightPairing.pair(client, clientPin, "roth", finishDespiteMismatch));
        awaitWaitingClient();
        if (!host.pins().deliver(hostPin)) {
            throw new AssertionError("no client was waiting for a PIN");
        }
        return f.get();
    }

    /** Blocks until a pairing client waits for its PIN (the test's own step, not a timing assertion). */
    void awaitWaitingClient() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (host.pins().waiting().isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no pairing client reached the PIN prompt");
            }
            Thread.sleep(10);
        }
    }

    NvHttpClient pairedClient() throws Exception {
        NvHttpClient c = client(MoonlightIdentity.create("paired test client"));
        MoonlightPairing.Result r = pair(c, "4821", "4821", false);
        if (r.outcome() != MoonlightPairing.Outcome.PAIRED) {
            throw new AssertionError("pairing failed: " + r.detail());
        }
        return c;
    }

    @Override
    public void close() {
        host.close();
        pool.shutdownNow();
    }
}
