package io.punktfunk.host.input;

import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.quic.HostControlSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes clients' input to the host's desktop, with the safety rules in front of the injector:
 * <ul>
 *   <li>only the session that owns the desktop injects: the first session to start; when it ends the
 *       longest-running remaining session takes over. Others' events are refused and counted (logged once
 *       per session);</li>
 *   <li>each owner is rate-bounded by a token bucket; releases (key/button ups, pad removal) always pass,
 *       so a flood can never strand a key;</li>
 *   <li>stale GamepadState datagrams never get here: the control plane's {@code GamepadStateGate} drops them
 *       per connection before {@code onInput};</li>
 *   <li>when the owner ends, every key and button it holds is released and its virtual pads are removed.</li>
 * </ul>
 * {@link #input} runs on the Netty event loop and only checks and queues ({@link InputPump#offer}); the
 * injection itself happens on the injector thread. Rumble from the backend's virtual pads goes to the
 * owner's client as 0xCA datagrams ({@link HostControlSession#sendRumble}, refreshed while it lasts).
 * <p>
 * Sessions of other front doors (GameStream) take part as {@link InputClient}s under the same rules
 * ({@link #clientStarted}, {@link #input(InputClient, InputEvent)}, {@link #clientEnded}); their rumble goes
 * where {@link InputClient#rumble} says.
 */
public final class HostInput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostInput.class);

    /**
     * Per-session input bounds.
     *
     * @param ratePerSecond sustained events per second: a 1000 Hz mouse, a key roll and four pads at 250 Hz fit in 4000
     * @param burst         events allowed at once after a quiet spell (a pasted word, a flick)
     */
    public record Limits(int ratePerSecond, int burst) {
        /** 4000 events/s sustained, bursts of 1000. */
        public static Limits defaults() {
            return new Limits(4000, 1000);
        }
    }

    private final InputPump pump;
    private volatile Limits limits;
    private final LongSupplier clock;
    /** Punktfunk/1 sessions and other front doors' {@link InputClient}s, guarded by this, in start order. */
    private final List<Object> live = new ArrayList<>();
    private final Set<Object> refusedLogged = ConcurrentHashMap.newKeySet();
    private volatile Owner owner;
    /**
     * TTL of each rumble datagram: three refresh periods of {@link UinputGamepad}, so one lost refresh does not
     * cut a long effect, and a lost stop silences itself within 300 ms.
     */
    static final int RUMBLE_TTL_MS = 300;
    private volatile Function<HostControlSession, RumbleListener> rumbleRoute =
            s -> (pad, low, high) -> s.sendRumble(pad, low, high, RUMBLE_TTL_MS);
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder rumbleUnrouted = new LongAdder();

    /** The owner and its per-session state; replaced whole on a change of owner. */
    private static final class Owner {
        /** A {@link HostControlSession} or an {@link InputClient}. */
        final Object session;
        final TokenBucket bucket;
        final RumbleListener rumble;

        Owner(Object session, TokenBucket bucket, RumbleListener rumble) {
            this.session = session;
            this.bucket = bucket;
            this.rumble = rumble;
        }
    }

    /**
     * Opens {@code backend} (for X11 backends on {@code display}, null = {@code $DISPLAY}) and starts its
     * injector thread. Throws {@link IllegalStateException} with a one-line reason when an explicitly
     * chosen backend cannot open.
     */
    public static HostInput open(InputBackend backend, String display, Limits limits) {
        RumbleRelay relay = new RumbleRelay();
        HostInput input = new HostInput(backend.open(display, relay), limits, System::nanoTime);
        relay.target = input;
        return input;
    }

    /** A view-only host: every event is refused by the {@code none} backend. */
    public static HostInput none() {
        return new HostInput(new NoInputInjector(), Limits.defaults(), System::nanoTime);
    }

    HostInput(InputInjector injector, Limits limits, LongSupplier clock) {
        this.pump = new InputPump(injector, InputPump.DEFAULT_CAPACITY);
        this.limits = limits;
        this.clock = clock;
    }

    /** Late binding: the backend is built before the {@link HostInput} that receives its rumble. */
    static final class RumbleRelay implements RumbleListener {
        volatile HostInput target;

        @Override
        public void onRumble(int pad, int low, int high) {
            HostInput t = target;
            if (t != null) {
                t.rumble(pad, low, high);
            }
        }
    }

    /** How rumble reaches a session's client (set before sessions start; default: its 0xCA rumble datagrams). */
    public void rumbleRoute(Function<HostControlSession, RumbleListener> route) {
        this.rumbleRoute = route;
    }

    /** Backend name: xtest, uinput or none. */
    public String backend() {
        return pump.injector().name();
    }

    /** The injector thread (counters, {@link InputPump#awaitIdle}). */
    public InputPump pump() {
        return pump;
    }

    /** The punktfunk/1 session whose input reaches the desktop, or null (nobody, or another front door's client). */
    public HostControlSession owner() {
        Owner o = owner;
        return o != null && o.session instanceof HostControlSession s ? s : null;
    }

    /** Whether {@code sessionOrClient} (a {@link HostControlSession} or an {@link InputClient}) owns the desktop. */
    public boolean owns(Object sessionOrClient) {
        Owner o = owner;
        return o != null && o.session == sessionOrClient;
    }

    /** The bounds in force. */
    public Limits limits() {
        return limits;
    }

    /** New bounds, at once: the owner continues with a fresh bucket of the new size (the operator changed the policy). */
    public synchronized void limits(Limits newLimits) {
        this.limits = newLimits;
        Owner o = owner;
        if (o != null) {
            owner = new Owner(o.session, new TokenBucket(newLimits.ratePerSecond(), newLimits.burst(), clock.getAsLong()), o.rumble);
        }
    }

    /** A session started: it owns the desktop if nobody does. */
    public void sessionStarted(HostControlSession session) {
        started(session);
    }

    /** A session ended: if it owned the desktop, everything it holds is released and ownership moves on. */
    public void sessionEnded(HostControlSession session) {
        ended(session);
    }

    /** Another front door's client started streaming: it owns the desktop if nobody does. */
    public void clientStarted(InputClient client) {
        started(client);
    }

    /** Another front door's client ended: as {@link #sessionEnded}. */
    public void clientEnded(InputClient client) {
        ended(client);
    }

    /**
     * {@code client}'s connection dropped while its session goes on (a control stream reconnects): if it owns
     * the desktop, what it holds is released; it keeps the desktop.
     */
    public void clientReleased(InputClient client) {
        if (owns(client)) {
            pump.releaseAll();
        }
    }

    private synchronized void started(Object session) {
        if (live.contains(session)) {
            return;
        }
        live.add(session);
        if (owner == null) {
            claim(session);
        }
    }

    private synchronized void ended(Object session) {
        live.remove(session);
        refusedLogged.remove(session);
        Owner o = owner;
        if (o != null && o.session == session) {
            pump.releaseAll();
            owner = null;
            LOG.info("{} no longer owns the desktop: keys, buttons and pads released", session);
            if (!live.isEmpty()) {
                claim(live.getFirst());
            }
        }
    }

    private void claim(Object session) {
        RumbleListener rumble;
        try {
            rumble = session instanceof InputClient c ? c.rumble() : rumbleRoute.apply((HostControlSession) session);
            if (rumble == null) {
                rumble = RumbleListener.NONE;
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: no rumble route: {}", session, e.toString());
            rumble = RumbleListener.NONE;
        }
        owner = new Owner(session, new TokenBucket(limits.ratePerSecond(), limits.burst(), clock.getAsLong()), rumble);
        LOG.info("{} owns the desktop (input via {})", session, backend());
    }

    /** One event from {@code session}'s client (event loop: checks and queues, never blocks). */
    public void input(HostControlSession session, InputEvent event) {
        judge(session, event);
    }

    /** One event from another front door's client (its I/O thread: checks and queues, never blocks). */
    public void input(InputClient client, InputEvent event) {
        judge(client, event);
    }

    private void judge(Object session, InputEvent event) {
        Owner o = owner;
        if (o == null || o.session != session) {
            refused.increment();
            if (refusedLogged.add(session)) {
                LOG.warn("{}: input refused, {} owns the desktop", session, o == null ? "no session" : o.session);
            }
            return;
        }
        int kind = event.kind();
        if (!isRelease(kind, event.x()) && !o.bucket.tryTake(clock.getAsLong())) {
            rateLimited.increment();
            return;
        }
        if (pump.offer(event)) {
            accepted.increment();
        }
    }

    /**
     * Kinds that can only lower what is held (key, button and touch ups, a released pad button, a pad
     * removal): never rate-limited, so a flood of downs can never strand a key.
     */
    static boolean isRelease(int kind, int x) {
        return kind == InputEvent.KEY_UP || kind == InputEvent.MOUSE_BUTTON_UP || kind == InputEvent.TOUCH_UP
                || kind == InputEvent.GAMEPAD_REMOVE || (kind == InputEvent.GAMEPAD_BUTTON && x == 0);
    }

    private void rumble(int pad, int low, int high) {
        Owner o = owner;
        if (o == null || o.rumble == RumbleListener.NONE) {
            rumbleUnrouted.increment();
            return;
        }
        o.rumble.onRumble(pad, low, high);
    }

    /** Events queued for injection. */
    public long accepted() {
        return accepted.sum();
    }

    /** Events from sessions that do not own the desktop. */
    public long refused() {
        return refused.sum();
    }

    /** Events over a session's rate bound. */
    public long rateLimited() {
        return rateLimited.sum();
    }

    /** Events lost to a full injector queue. */
    public long dropped() {
        return pump.dropped();
    }

    /** Events the backend could not inject (unmapped key …). */
    public long rejected() {
        return pump.injector().rejected();
    }

    /** Rumble levels with no session to send them to. */
    public long rumbleUnrouted() {
        return rumbleUnrouted.sum();
    }

    /** One line of counters for logs. */
    public String summary() {
        return String.format("input %s: %d accepted, %d injected, %d refused, %d rate-limited, %d dropped, %d rejected",
                backend(), accepted(), pump.injected(), refused(), rateLimited(), dropped(), rejected());
    }

    /** Releases everything and stops the injector. */
    @Override
    public void close() {
        pump.close();
    }
}
