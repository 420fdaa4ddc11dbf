package io.punktfunk.host.stream;

import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage.LossReport;
import io.punktfunk.control.message.ControlMessage.ProbeRequest;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.pairing.PairedClientStore.PairedClient;
import io.punktfunk.control.quic.HostSession;
import io.punktfunk.control.quic.HostSessionListener;
import java.util.Collection;
import java.util.List;
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
 * on the control plane's event loop; a failing stream closes only its own session.
 */
public final class StreamingHost implements HostSessionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingHost.class);

    private final HostStreamSettings settings;
    private final HostSessionListener next;
    private final ConcurrentHashMap<Long, HostStream> streams = new ConcurrentHashMap<>();
    private final ExecutorService lifecycle = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Consumer<HostStream> onStreamStarted = s -> { };

    public StreamingHost(HostStreamSettings settings, HostSessionListener next) {
        this.settings = settings;
        this.next = next;
    }

    /** Called (on a virtual thread) with each stream once it runs; the demo uses it to read host-side counters. */
    public void onStreamStarted(Consumer<HostStream> callback) {
        this.onStreamStarted = callback;
    }

    /** Streams running now. */
    public Collection<HostStream> streams() {
        return List.copyOf(streams.values());
    }

    @Override
    public void onSessionStarted(HostSession session) {
        next.onSessionStarted(session);
        lifecycle.execute(() -> {
            HostStream stream;
            try {
                stream = HostStream.start(session, settings);
            } catch (RuntimeException e) {
                LOG.error("{}: cannot start streaming: {}", session, e.toString());
                session.close(CloseCode.SETUP_FAILED, "host cannot stream: " + e.getMessage());
                return;
            }
            streams.put(session.id(), stream);
            if (session.ended().isDone()) {
                end(session.id()); // the client left while we were starting
                return;
            }
            onStreamStarted.accept(stream);
        });
    }

    @Override
    public void onSessionEnded(HostSession session, int code, String reason) {
        next.onSessionEnded(session, code, reason);
        lifecycle.execute(() -> end(session.id()));
    }

    private void end(long id) {
        HostStream s = streams.remove(id);
        if (s != null) {
            s.close();
            LOG.info("{}: stream closed after {} frames ({} IDR, {} keyframe requests)", s.control(),
                    s.framesEncoded(), s.keyframesSent(), s.keyframeRequests());
        }
    }

    @Override
    public void onKeyframeRequest(HostSession session) {
        next.onKeyframeRequest(session);
        with(session, HostStream::requestKeyframe);
    }

    @Override
    public void onInvalidateRefs(HostSession session, int firstFrame, int lastFrame) {
        next.onInvalidateRefs(session, firstFrame, lastFrame);
        with(session, HostStream::requestKeyframe); // recovery is IDR-only: the encoder exposes no RFI
    }

    @Override
    public void onLossReport(HostSession session, LossReport report) {
        next.onLossReport(session, report);
    }

    @Override
    public void onFecChanged(HostSession session, int percent) {
        next.onFecChanged(session, percent);
        with(session, s -> s.fecPercent(percent));
    }

    @Override
    public void onBitrateChanged(HostSession session, int kbps) {
        next.onBitrateChanged(session, kbps);
        with(session, s -> s.bitrate(kbps));
    }

    @Override
    public void onProbeRequest(HostSession session, ProbeRequest request) {
        next.onProbeRequest(session, request);
        with(session, s -> s.probe(request.targetKbps(), request.durationMs()));
    }

    @Override
    public void onInput(HostSession session, InputEvent event, boolean reliable) {
        next.onInput(session, event, reliable);
    }

    @Override
    public void onClientPaired(PairedClient client) {
        next.onClientPaired(client);
    }

    private void with(HostSession session, Consumer<HostStream> action) {
        HostStream s = streams.get(session.id());
        if (s != null) {
            action.accept(s);
        }
    }

    /** Closes every stream (the control host closes the sessions themselves). */
    @Override
    public void close() {
        streams.keySet().forEach(this::end);
        lifecycle.close();
    }
}
