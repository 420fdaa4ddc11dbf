package io.punktfunk.host.display;

import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.host.stream.DesktopUsage;
import io.punktfunk.host.stream.SessionDesktops;
import io.punktfunk.host.stream.SessionSetupException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionDesktops} from virtual displays: each session gets a {@link VirtualDesktop} at its own mode
 * (or, by {@link JoinPolicy}, a seat on the oldest running one), that desktop's XTest input, and the desktop
 * ends when its last session leaves. At construction it cleans what earlier, crashed runs of a host left in
 * the runtime root; while desktops run, their processes, memory and CPU are logged every
 * {@value #USAGE_LOG_SECONDS} s.
 */
public final class VirtualDesktops implements SessionDesktops {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualDesktops.class);
    static final int USAGE_LOG_SECONDS = 30;

    private final VirtualDisplayBackend backend;
    private final DesktopSettings settings;
    private final DesktopRuntime runtime;
    private final List<Shared> desktops = new ArrayList<>(); // guarded by this, oldest first
    private final ScheduledExecutorService usageLog;
    private final LongAdder inputRefused = new LongAdder();

    /** A desktop and the sessions on it; the first session owns its input. */
    private static final class Shared {
        final VirtualDesktop desktop;
        final List<HostControlSession> sessions = new ArrayList<>();

        Shared(VirtualDesktop desktop) {
            this.desktop = desktop;
        }
    }

    public VirtualDesktops(VirtualDisplayBackend backend, DesktopSettings settings) {
        this.backend = backend;
        this.settings = settings;
        this.runtime = new DesktopRuntime(settings.runtimeRoot());
        int stale = runtime.cleanStale();
        if (stale > 0) {
            LOG.info("cleaned {} desktop(s) an earlier host left in {}", stale, runtime.root());
        }
        usageLog = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("pkf-desktop-usage")
                .daemon().unstarted(r));
        usageLog.scheduleAtFixedRate(this::logUsage, USAGE_LOG_SECONDS, USAGE_LOG_SECONDS, TimeUnit.SECONDS);
    }

    /** The runtime directory and its cleanup. */
    public DesktopRuntime runtime() {
        return runtime;
    }

    /** Desktops running now, oldest first. */
    public synchronized List<VirtualDesktop> desktops() {
        return desktops.stream().map(s -> s.desktop).toList();
    }

    /** Input events refused because the session only watches its desktop. */
    public long inputRefused() {
        return inputRefused.sum();
    }

    @Override
    public SessionDesktop open(HostControlSession session) {
        Mode mode = session.parameters().mode();
        Shared joined = joinable(session, mode);
        if (joined != null) {
            return seat(joined, session);
        }
        Optional<String> refusal = backend.refusal(mode);
        if (refusal.isPresent()) {
            throw new SessionSetupException(CloseCode.BAD_MODE, "cannot create a " + mode + " desktop: " + refusal.get()
                    + "; this host creates " + backend.modesOffered());
        }
        VirtualDesktop d;
        try {
            d = VirtualDesktop.start(backend, runtime, settings, mode);
        } catch (DesktopStartException e) {
            throw new SessionSetupException(CloseCode.SETUP_FAILED, e.getMessage());
        }
        Shared s = new Shared(d);
        synchronized (this) {
            desktops.add(s);
        }
        SessionDesktop seat = seat(s, session);
        d.onEnd(end -> endSessions(s, end));
        return seat;
    }

    /** The desktop this session joins under the policy, or null for a new one; a mode that does not fit is refused. */
    private synchronized Shared joinable(HostControlSession session, Mode mode) {
        if (settings.join() == JoinPolicy.SEPARATE || desktops.isEmpty()) {
            return null;
        }
        Shared oldest = desktops.getFirst();
        Mode has = oldest.desktop.mode();
        if (has.width() != mode.width() || has.height() != mode.height()) {
            throw new SessionSetupException(CloseCode.BAD_MODE, "this host shares its desktop " + oldest.desktop.display()
                    + " at " + has.width() + "x" + has.height() + " (" + settings.join().name().toLowerCase() + "); ask for "
                    + has.width() + "x" + has.height());
        }
        return oldest;
    }

    private SessionDesktop seat(Shared s, HostControlSession session) {
        boolean mayType;
        synchronized (this) {
            mayType = s.sessions.isEmpty() || settings.join() == JoinPolicy.SHARED;
            s.sessions.add(session);
        }
        if (mayType) {
            s.desktop.input().sessionStarted(session);
        }
        LOG.info("{} on {} ({})", session, s.desktop, mayType ? "input" : "view only");
        return new Seat(s, session, mayType);
    }

    /** One session's place on a desktop. */
    private final class Seat implements SessionDesktop {
        private final Shared shared;
        private final HostControlSession session;
        private final boolean mayType;
        private boolean closed;

        Seat(Shared shared, HostControlSession session, boolean mayType) {
            this.shared = shared;
            this.session = session;
            this.mayType = mayType;
        }

        @Override
        public String display() {
            return shared.desktop.display();
        }

        @Override
        public DesktopUsage usage() {
            return shared.desktop.usage();
        }

        @Override
        public void input(HostControlSession from, InputEvent event) {
            if (!mayType) {
                inputRefused.increment();
                return;
            }
            HostControlSession owner = shared.desktop.input().owner();
            // shared seats type as the desktop's current owner: one injector, one rate bound for the desktop
            shared.desktop.input().input(owner != null ? owner : from, event);
        }

        @Override
        public void close() {
            boolean last;
            synchronized (VirtualDesktops.this) {
                if (closed) {
                    return;
                }
                closed = true;
                shared.sessions.remove(session);
                last = shared.sessions.isEmpty();
                if (last) {
                    desktops.remove(shared);
                }
            }
            if (mayType) {
                shared.desktop.input().sessionEnded(session);
            }
            if (last) {
                shared.desktop.close();
            }
        }
    }

    /** The desktop ended on its own: every session on it ends with the reason (their streams then close it). */
    private void endSessions(Shared s, VirtualDesktop.End end) {
        List<HostControlSession> on;
        synchronized (this) {
            on = List.copyOf(s.sessions);
        }
        LOG.warn("{}: {}", s.desktop, end.reason());
        for (HostControlSession session : on) {
            session.close(end.fault() ? CloseCode.INTERNAL_ERROR : CloseCode.NORMAL, end.reason());
        }
    }

    private void logUsage() {
        for (VirtualDesktop d : desktops()) {
            try {
                LOG.info("{}: {}{}", d, d.usage(), d.alive() ? "" : " (a process of it has exited)");
            } catch (RuntimeException e) {
                LOG.warn("{}: no usage: {}", d, e.toString());
            }
        }
    }

    @Override
    public void close() {
        usageLog.shutdownNow();
        List<Shared> all;
        synchronized (this) {
            all = new ArrayList<>(desktops);
            desktops.clear();
        }
        for (Shared s : all) {
            s.desktop.close();
        }
    }
}
