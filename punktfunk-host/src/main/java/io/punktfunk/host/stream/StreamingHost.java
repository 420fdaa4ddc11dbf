package io.punktfunk.host.stream;

import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage.LossReport;
import io.punktfunk.control.message.ControlMessage.ProbeRequest;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.pairing.PairedClientStore.PairedClient;
import io.punktfunk.control.quic.HostControlSession;
import io.punktfunk.control.quic.HostControlSessionListener;
import io.punktfunk.core.transport.Transport;
import java.net.InetAddress;
import io.punktfunk.host.input.HostInput;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches a {@link HostStream} to every session the control plane starts and routes that
 * session's requests to it. Every callback is also passed to {@code next} (logging, tests).
 * Opening a stream (socket, encoder) and closing one (thread joins) run on a virtual thread, never
 * on the control plane's event loop; a failing stream closes only its own session. Input goes to
 * {@link HostInput}, which decides whose input reaches the desktop and injects it on its own thread.
 */
public final class StreamingHost implements HostControlSessionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingHost.class);

    /** Read when a stream starts: a change applies to sessions that start afterwards. */
    private volatile HostStreamSettings settings;
    private final HostControlSessionListener next;
    /** Registered on the event loop at Start, completed once the stream runs: requests that arrive meanwhile wait. */
    private final ConcurrentHashMap<Long, CompletableFuture<HostStream>> streams = new ConcurrentHashMap<>();
    private final ExecutorService lifecycle = Executors.newVirtualThreadPerTaskExecutor();
    /** Data sockets bound at Hello (their port went out in the Welcome), taken by the stream at Start. */
    private final ConcurrentHashMap<Integer, Transport> reservedDataPorts = new ConcurrentHashMap<>();
    private volatile Consumer<HostStream> onStreamStarted = s -> { };
    private final HostInput input;
    /** Per-session desktops (null: every session streams the one configured source, input goes to {@link #input}). */
    private final SessionDesktops desktops;
    private final ConcurrentHashMap<Long, SessionDesktops.SessionDesktop> desktopOf = new ConcurrentHashMap<>();
    /** Admission by pixel rate (docs/fleet.md): past it, a session is refused BUSY, not admitted to lose frames. */
    private final HostCapacity capacity = HostCapacity.forCores(Runtime.getRuntime().availableProcessors());

    /** A view-only host: input is refused ({@link HostInput#none()}). */
    public StreamingHost(HostStreamSettings settings, HostControlSessionListener next) {
        this(settings, next, HostInput.none());
    }

    /** A host whose owning client's input reaches the desktop through {@code input} (closed with this host). */
    public StreamingHost(HostStreamSettings settings, HostControlSessionListener next, HostInput input) {
        this(settings, next, input, null);
    }

    /**
     * A host that gives each session a desktop of its own from {@code desktops} (closed with this host):
     * the stream captures that desktop's display and the session's input goes there, not to {@code input}.
     */
    public StreamingHost(HostStreamSettings settings, HostControlSessionListener next, HostInput input,
                         SessionDesktops desktops) {
        this.settings = settings;
        this.next = next;
        this.input = input;
        this.desktops = desktops;
        // Data sockets are bound on the control event loop at Hello: pay the FFM socket calls' one-time
        // set-up (downcall handles, class init: hundreds of ms cold) here, not while other peers wait.
        HostStream.bindDataSocket(InetAddress.getLoopbackAddress()).close();
    }

    /** What streams that start from now on capture and play; running streams keep theirs. */
    public void settings(HostStreamSettings newSettings) {
        this.settings = newSettings;
    }

    public HostStreamSettings settings() {
        return settings;
    }

    /** True when sessions get desktops of their own ({@link SessionDesktops}). */
    public boolean hasDesktops() {
        return desktops != null;
    }

    /** The desktop session {@code sessionId} streams ({@code --source virtual}), or null. */
    public SessionDesktops.SessionDesktop desktop(long sessionId) {
        return desktopOf.get(sessionId);
    }

    /** Input routing and its counters. */
    public HostInput input() {
        return input;
    }

    /** The pixel-rate budget sessions are admitted against; {@link HostCapacity#budget(long)} changes it. */
    public HostCapacity capacity() {
        return capacity;
    }

    /** Called (on a virtual thread) with each stream once it runs; the demo uses it to read host-side counters. */
    public void onStreamStarted(Consumer<HostStream> callback) {
        this.onStreamStarted = callback;
    }

    /** Streams running now. */
    public Collection<HostStream> streams() {
        return streams.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .map(CompletableFuture::join).toList();
    }

    @Override
    public int reserveDataPort(InetAddress local) {
        Transport t = HostStream.bindDataSocket(local);
        int port = t.localAddress().getPort();
        reservedDataPorts.put(port, t);
        return port;
    }

    @Override
    public void releaseDataPort(int port) {
        Transport t = reservedDataPorts.remove(port);
        if (t != null) {
            t.close();
        }
    }

    @Override
    public void onSessionStarted(HostControlSession session) {
        next.onSessionStarted(session);
        input.sessionStarted(session);
        Transport reserved = reservedDataPorts.remove(session.parameters().hostDataPort());
        String refusal = capacity.admit(session.id(), session.parameters().mode());
        if (refusal != null) {
            LOG.warn("{}: refused: {}", session, refusal);
            if (reserved != null) {
                reserved.close();
            }
            session.close(CloseCode.BUSY, refusal); // onSessionEnded follows and finds no stream
            return;
        }
        CompletableFuture<HostStream> pending = new CompletableFuture<>();
        streams.put(session.id(), pending);
        lifecycle.execute(() -> {
            try {
                HostStreamSettings own = settings;
                if (desktops != null && own.source() == SourceKind.VIRTUAL) {
                    own = own.withSource(SourceKind.X11, openDesktop(session, reserved), null);
                }
                pending.complete(HostStream.start(session, own, reserved));
            } catch (SessionSetupException e) {
                LOG.warn("{}: no desktop: {}", session, e.getMessage());
                pending.completeExceptionally(e);
                streams.remove(session.id());
                closeDesktop(session.id());
                session.close(e.code(), e.getMessage());
                return;
            } catch (RuntimeException | Error e) {
                closeDesktop(session.id());
                LOG.error("{}: cannot start streaming: {}", session, e.toString());
                pending.completeExceptionally(e);
                streams.remove(session.id());
                session.close(CloseCode.SETUP_FAILED, "host cannot stream: " + e.getMessage());
                return;
            }
            onStreamStarted.accept(pending.join());
        });
    }

    /** Opens the session's desktop and returns its display; on failure the reserved socket is released. */
    private String openDesktop(HostControlSession session, Transport reserved) {
        try {
            SessionDesktops.SessionDesktop d = desktops.open(session);
            desktopOf.put(session.id(), d);
            return d.display();
        } catch (RuntimeException | Error e) {
            if (reserved != null) {
                reserved.close(); // no stream will take it over
            }
            throw e;
        }
    }

    private void closeDesktop(long id) {
        SessionDesktops.SessionDesktop d = desktopOf.remove(id);
        if (d != null) {
            d.close();
        }
    }

    @Override
    public void onSessionEnded(HostControlSession session, int code, String reason) {
        next.onSessionEnded(session, code, reason);
        input.sessionEnded(session); // queues the release: keys up before anything else can happen
        lifecycle.execute(() -> end(session.id()));
    }

    private void end(long id) {
        CompletableFuture<HostStream> f = streams.remove(id);
        HostStream s = f == null ? null : f.exceptionally(e -> null).join(); // waits for a stream still starting
        if (s != null) {
            s.close();
            LOG.info("{}: stream closed after {} frames ({} IDR, {} keyframe requests)", s.control(),
                    s.framesEncoded(), s.keyframesSent(), s.keyframeRequests());
        }
        closeDesktop(id); // after the capture stopped reading it
        capacity.release(id);
    }

    @Override
    public void onKeyframeRequest(HostControlSession session) {
        next.onKeyframeRequest(session);
        with(session, HostStream::requestKeyframe);
    }

    @Override
    public void onInvalidateRefs(HostControlSession session, int firstFrame, int lastFrame) {
        next.onInvalidateRefs(session, firstFrame, lastFrame);
        with(session, HostStream::requestKeyframe); // recovery is IDR-only: the encoder exposes no RFI
    }

    @Override
    public void onLossReport(HostControlSession session, LossReport report) {
        next.onLossReport(session, report);
    }

    @Override
    public void onReceiverStats(HostControlSession session, io.punktfunk.control.message.ControlMessage.ReceiverStats stats) {
        next.onReceiverStats(session, stats);
    }

    @Override
    public void onDeliveryReport(HostControlSession session, io.punktfunk.control.message.ControlMessage.DeliveryReport report) {
        next.onDeliveryReport(session, report);
        with(session, s -> s.delivery(report));
    }

    @Override
    public void onFecChanged(HostControlSession session, int percent) {
        next.onFecChanged(session, percent);
        with(session, s -> s.fecPercent(percent));
    }

    @Override
    public void onBitrateChanged(HostControlSession session, int kbps) {
        next.onBitrateChanged(session, kbps);
        with(session, s -> s.bitrate(kbps));
    }

    @Override
    public void onProbeRequest(HostControlSession session, ProbeRequest request) {
        next.onProbeRequest(session, request);
        with(session, s -> s.probe(request.targetKbps(), request.durationMs()));
    }

    @Override
    public void onInput(HostControlSession session, InputEvent event, boolean reliable) {
        next.onInput(session, event, reliable);
        SessionDesktops.SessionDesktop d = desktops == null ? null : desktopOf.get(session.id());
        if (d != null) {
            d.input(session, event);
        } else if (desktops == null || settings.source() != SourceKind.VIRTUAL) {
            input.input(session, event);
        } // else: the session's desktop does not answer yet, there is nothing to type into
    }

    @Override
    public void onClientPaired(PairedClient client) {
        next.onClientPaired(client);
    }

    private void with(HostControlSession session, Consumer<HostStream> action) {
        CompletableFuture<HostStream> f = streams.get(session.id());
        if (f != null) {
            f.thenAccept(action); // at once if the stream runs, else as soon as it does
        }
    }

    /** Closes every stream (the control host closes the sessions themselves). */
    @Override
    public void close() {
        streams.keySet().forEach(this::end);
        reservedDataPorts.keySet().forEach(this::releaseDataPort);
        lifecycle.close();
        desktopOf.keySet().forEach(this::closeDesktop);
        if (desktops != null) {
            desktops.close();
        }
        input.close();
    }
}
