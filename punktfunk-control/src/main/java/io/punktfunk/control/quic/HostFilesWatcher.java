package io.punktfunk.control.quic;

import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.pairing.PairingRequests;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that keeps a running host in step with its config dir: a changed
 * {@code paired-clients.tsv} is re-read and revoked clients lose their sessions at once; a
 * {@code pair-arm.request} arms pairing; a closed pairing window withdraws its {@code pairing-pin}.
 * Change notices come from a {@link WatchService} (inotify on Linux, so reaction is immediate), and a
 * {@link #POLL_MS} tick re-checks everything anyway in case a notice is lost or the file system has
 * none. All file I/O happens here, never on an event loop.
 */
final class HostFilesWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostFilesWatcher.class);
    /** Fallback re-check interval: also bounds how late an expired PIN's file is withdrawn. */
    static final long POLL_MS = 500;

    private final ControlHost host;
    private final Path dir;
    private final WatchService watch;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean pinPublished;

    HostFilesWatcher(ControlHost host, Path dir) throws IOException {
        this.host = host;
        this.dir = dir;
        WatchService w = null;
        try {
            w = FileSystems.getDefault().newWatchService();
            dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("no file change notices for {} ({}); polling every {} ms", dir, e.toString(), POLL_MS);
            if (w != null) {
                w.close();
            }
            w = null;
        }
        this.watch = w;
        PairingRequests.withdraw(dir); // a PIN file left by a crashed run is meaningless now
        this.thread = Thread.ofPlatform().name("pkf-control-files").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            try {
                tick();
                if (watch != null) {
                    WatchKey key = watch.poll(POLL_MS, TimeUnit.MILLISECONDS);
                    if (key != null) {
                        key.pollEvents(); // which file changed does not matter: tick() checks them all cheaply
                        key.reset();
                    }
                } else {
                    Thread.sleep(POLL_MS);
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (Exception e) {
                LOG.warn("config dir {}: {}", dir, e.toString()); // keep watching: the next change may be fine
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One pass over the watched files; package-private so tests can step it. */
    void tick() throws IOException {
        PairedClientStore.Change change = host.pairedClients().reload();
        if (!change.isEmpty()) {
            host.onPairedClientsChanged(change);
        }
        var request = PairingRequests.take(dir, Instant.now());
        if (request.isPresent()) {
            var r = request.get();
            String pin = host.armPairing(r.digits(), r.ttl(), "armed by host pair-arm");
            PairingRequests.answer(dir, new PairingRequests.Answer(r.id(), pin, Instant.now().plus(r.ttl())));
            pinPublished = true;
        }
        if (pinPublished && !host.pairingWindow().isArmed()) {
            PairingRequests.withdraw(dir);
            pinPublished = false;
        }
        host.noticeWindowClosed();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            PairingRequests.withdraw(dir);
        } catch (IOException e) {
            // best effort: a stale PIN file names a PIN no host accepts
        }
    }
}
