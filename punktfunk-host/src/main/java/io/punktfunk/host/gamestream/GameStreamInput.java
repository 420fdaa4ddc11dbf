package io.punktfunk.host.gamestream;

import io.punktfunk.control.message.InputEvent;
import io.punktfunk.host.gamestream.input.InputSink;
import io.punktfunk.host.input.HostInput;
import io.punktfunk.host.input.InputClient;
import io.punktfunk.host.input.RumbleListener;

/**
 * One GameStream session's place in the host's input rules: a candidate owner of the desktop in
 * {@link HostInput} like a punktfunk/1 session (first session owns it, the same rate bound, everything
 * released at its end), and, while it owns it, the destination of the virtual pads' force feedback.
 * <pre>
 *  control stream ─▶ InputPacketDecoder ─▶ input(event) ─▶ HostInput.input(this, …): owner? rate? ─▶ pump
 *  virtual pad FF ─▶ HostInput (owner's route) ─▶ onRumble ─▶ control stream 0x010b (only on a change of level)
 * </pre>
 * {@link #start} at RTSP PLAY, {@link #close} when the session ends.
 */
public final class GameStreamInput implements InputSink, InputClient, RumbleListener, AutoCloseable {
    private final HostInput input;
    private final String name;
    private final RumbleListener control;
    /** Last level sent per pad (low << 16 | high, -1 none): the uinput pads refresh a lasting level every 100 ms
     * for punktfunk/1's TTL, Moonlight keeps a level until told otherwise. Guarded by this. */
    private final int[] sent = new int[InputEvent.MAX_PADS];

    /**
     * @param input   the host's input routing
     * @param name    for the log, e.g. the launch session
     * @param control where rumble goes: the session's control stream
     */
    public GameStreamInput(HostInput input, String name, RumbleListener control) {
        this.input = input;
        this.name = name;
        this.control = control;
        java.util.Arrays.fill(sent, -1);
    }

    /** The session streams: it takes part in the owner rule from now on. */
    public void start() {
        input.clientStarted(this);
    }

    @Override
    public void input(InputEvent event) {
        input.input(this, event);
    }

    /** The control connection dropped (the client may reconnect): release what it holds if it owns the desktop. */
    @Override
    public void ended() {
        input.clientReleased(this);
        synchronized (this) {
            java.util.Arrays.fill(sent, -1);
        }
    }

    @Override
    public RumbleListener rumble() {
        return this;
    }

    @Override
    public void onRumble(int pad, int low, int high) {
        if (pad < 0 || pad >= sent.length) {
            return;
        }
        int level = low << 16 | high;
        synchronized (this) {
            if (sent[pad] == level) {
                return;
            }
            sent[pad] = level;
        }
        control.onRumble(pad, low, high);
    }

    /** The session ended: keys, buttons and pads released if it owned the desktop, which passes on. */
    @Override
    public void close() {
        input.clientEnded(this);
    }

    @Override
    public String toString() {
        return "GameStream " + name;
    }
}
