package io.punktfunk.host.gamestream;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launch/session state machine (reference §4): at most one running app and one session at a
 * time, as with GFE and Sunshine.
 * <pre>
 * /launch ─▶ LAUNCHED ─ANNOUNCE─▶ ANNOUNCED ─PLAY─▶ STREAMING
 *              │ no PLAY within the setup timeout     │ stream ended (client left, part failed)
 *              ▼                                      ▼
 *            ENDED ◀──────── /cancel, /resume by a newer launch, host stop
 * </pre>
 * A session takes a slot of the host-wide {@link SessionSlots} and gives it back at its end. The
 * app outlives a session that ends by itself (the client may /resume it); /cancel stops both.
 */
public final class GameStreamSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GameStreamSessions.class);

    private final AppList apps;
    private final SessionSlots slots;
    private final StreamLauncher launcher;
    private final Duration setupTimeout;
    private final Consumer<String> notices;
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gamestream-session-timer").factory());
    private final Object lock = new Object();
    /** Written under {@code lock}; volatile so {@link #held()} can read it from the QUIC event loop without waiting. */
    private volatile LaunchSession current;
    private AppList.App runningApp;
    private Process appProcess;
    private boolean closed;

    /**
     * @param setupTimeout a launch that reaches no RTSP PLAY within this ends, so a client that
     *                     vanished after /launch does not hold a slot
     */
    public GameStreamSessions(AppList apps, SessionSlots slots, StreamLauncher launcher, Duration setupTimeout,
                              Consumer<String> notices) {
        this.apps = apps;
        this.slots = slots;
        this.launcher = launcher;
        this.setupTimeout = setupTimeout;
        this.notices = notices;
    }

    public AppList apps() {
        return apps;
    }

    public StreamLauncher launcher() {
        return launcher;
    }

    /** {@code /launch}: starts the app and a session for it. */
    public LaunchSession launch(LaunchRequest request, String clientFingerprint, InetAddress client, boolean rtspEncrypted)
            throws LaunchRefusedException {
        AppList.App app = apps.find(request.appId())
                .orElseThrow(() -> new LaunchRefusedException(404, "no app with id " + request.appId()));
        synchronized (lock) {
            checkOpen();
            if (runningApp != null) {
                throw new LaunchRefusedException(400, "An app is already running; resume or quit it first.");
            }
            LaunchSession s = begin(app, request, clientFingerprint, client, rtspEncrypted);
            if (app.command() != null) {
                try {
                    appProcess = new ProcessBuilder("sh", "-c", app.command()).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                } catch (IOException e) {
                    endLocked(s, "app '" + app.title() + "' did not start: " + e.getMessage());
                    throw new LaunchRefusedException(500, "The app could not be started.");
                }
            }
            runningApp = app;
            return s;
        }
    }

    /** {@code /resume}: a new session (new keys) for the app that runs; a session still running is ended. */
    public LaunchSession resume(LaunchRequest request, String clientFingerprint, InetAddress client, boolean rtspEncrypted)
            throws LaunchRefusedException {
        synchronized (lock) {
            checkOpen();
            if (runningApp == null) {
                throw new LaunchRefusedException(503, "No app is running.");
            }
            if (current != null) {
                endLocked(current, "resumed by a newer /resume");
            }
            return begin(runningApp, request, clientFingerprint, client, rtspEncrypted);
        }
    }

    /** {@code /cancel}: ends the session and stops the app. */
    public void cancel(String reason) {
        synchronized (lock) {
            if (current != null) {
                endLocked(current, reason);
            }
            stopApp();
        }
    }

    /** The session RTSP talks to: the current one unless it ended. */
    public Optional<LaunchSession> current() {
        synchronized (lock) {
            return Optional.ofNullable(current);
        }
    }

    /** Sessions holding a slot now (0 or 1): what punktfunk/1's admission counts as taken by GameStream. */
    public int held() {
        return current == null ? 0 : 1;
    }

    /** The app that runs (for /serverinfo's {@code currentgame}), if any. */
    public Optional<AppList.App> runningApp() {
        synchronized (lock) {
            return Optional.ofNullable(runningApp);
        }
    }

    /** RTSP ANNOUNCE: records the parameters. Only once, and only for the current session. */
    public void announce(LaunchSession s, StreamParameters p) throws LaunchRefusedException {
        synchronized (lock) {
            requireCurrent(s);
            if (s.state() != SessionState.LAUNCHED) {
                throw new LaunchRefusedException(455, "ANNOUNCE is only valid once, before PLAY (session is " + s.state() + ")");
            }
            s.parameters(p);
            s.state(SessionState.ANNOUNCED);
            LOG.info("{}: {}x{}@{} codec {} {} kbps, packet {} B, FEC {}% min {}, encryption 0x{}", s, p.width(), p.height(),
                    p.fps(), p.codec(), p.bitrateKbps(), p.packetSize(), p.fecPercent(), p.minFecPackets(),
                    Integer.toHexString(p.encryptionEnabled()));
        }
    }

    /** RTSP PLAY: starts control, video and audio. A second PLAY (legacy clients send two) is a no-op. */
    public void play(LaunchSession s) throws LaunchRefusedException {
        synchronized (lock) {
            requireCurrent(s);
            if (s.state() == SessionState.STREAMING) {
                return;
            }
            if (s.state() != SessionState.ANNOUNCED) {
                throw new LaunchRefusedException(455, "PLAY needs an ANNOUNCE first");
            }
            try {
                s.streams().start(s.parameters(), reason -> end(s, reason));
            } catch (Exception e) {
                LOG.warn("{}: stream did not start", s, e);
                endLocked(s, "stream did not start: " + e.getMessage());
                throw new LaunchRefusedException(500, "The stream could not be started.");
            }
            s.state(SessionState.STREAMING);
            notices.accept("gamestream: " + s + " streaming " + s.parameters().width() + "x" + s.parameters().height() + "@"
                    + s.parameters().fps());
        }
    }

    /** Ends {@code s} with {@code reason} if it is still the current session; the app keeps running. */
    public void end(LaunchSession s, String reason) {
        synchronized (lock) {
            if (current == s) {
                endLocked(s, reason);
            }
        }
    }

    /** Ends everything: the session, the app, the timer. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (current != null) {
                endLocked(current, "host stopping");
            }
            stopApp();
        }
        timer.shutdownNow();
    }

    private LaunchSession begin(AppList.App app, LaunchRequest request, String fp, InetAddress client, boolean rtspEnc)
            throws LaunchRefusedException {
        if (!slots.tryTake()) {
            throw new LaunchRefusedException(503, "The host is serving its maximum number of sessions.");
        }
        LaunchSession s = new LaunchSession(ids.incrementAndGet(), app, request, fp, client, rtspEnc);
        try {
            s.streams(launcher.prepare(s));
        } catch (Exception e) {
            slots.release();
            LOG.warn("{}: streams could not be prepared", s, e);
            throw new LaunchRefusedException(500, "The host could not open its stream ports: " + e.getMessage());
        }
        current = s;
        timer.schedule(() -> {
            synchronized (lock) {
                if (current == s && s.state() != SessionState.STREAMING) {
                    endLocked(s, "no RTSP PLAY within " + setupTimeout.toSeconds() + " s of the launch");
                }
            }
        }, setupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        notices.accept("gamestream: " + s + " launched by " + client.getHostAddress());
        return s;
    }

    private void endLocked(LaunchSession s, String reason) {
        if (s.state() == SessionState.ENDED) {
            return;
        }
        s.endReason(reason);
        s.state(SessionState.ENDED);
        if (current == s) {
            current = null;
        }
        try {
            if (s.streams() != null) {
                s.streams().close();
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: stopping the streams failed", s, e);
        }
        slots.release();
        notices.accept("gamestream: " + s + " ended: " + reason);
    }

    private void stopApp() {
        if (appProcess != null) {
            appProcess.toHandle().descendants().forEach(ProcessHandle::destroy);
            appProcess.destroy();
            appProcess = null;
        }
        runningApp = null;
    }

    private void requireCurrent(LaunchSession s) throws LaunchRefusedException {
        if (current != s || s.state() == SessionState.ENDED) {
            throw new LaunchRefusedException(454, "Session not found (it ended or was replaced)");
        }
    }

    private void checkOpen() throws LaunchRefusedException {
        if (closed) {
            throw new LaunchRefusedException(503, "The host is stopping.");
        }
    }
}
