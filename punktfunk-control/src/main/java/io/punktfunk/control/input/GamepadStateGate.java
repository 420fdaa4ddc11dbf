package io.punktfunk.control.input;

import io.punktfunk.control.message.InputEvent;

/**
 * Host side: drops gamepad-state datagrams that arrive after a newer state or after the pad's removal.
 * Each pad slot has one wrapping u8 sequence that the client advances with every GamepadState and
 * GamepadRemove it sends (and carries on across a slot's re-arrival), so a state datagram overtaken by a
 * later one, or still in flight when the stream-borne removal lands, is recognised as stale.
 *
 * <p>One per session, confined to one thread (the session's event loop). {@code HostConnection} applies it
 * before {@code HostControlSessionListener.onInput}, so the host never sees a stale state.
 */
public final class GamepadStateGate {
    private static final int NONE = -1;
    private final int[] last = new int[InputEvent.MAX_PADS];
    private long stale;

    public GamepadStateGate() {
        java.util.Arrays.fill(last, NONE);
    }

    /**
     * True when {@code event} should be applied. GamepadState passes only when newer than the pad's last
     * state or removal; GamepadRemove always passes (it travels reliably) and retires every older state.
     * Other kinds pass untouched.
     */
    public boolean accept(InputEvent event) {
        return switch (event.kind()) {
            case InputEvent.GAMEPAD_STATE -> {
                int pad = event.pad();
                int seq = event.padSeq();
                if (last[pad] != NONE && !Seq8.newer(seq, last[pad])) {
                    stale++;
                    yield false;
                }
                last[pad] = seq;
                yield true;
            }
            case InputEvent.GAMEPAD_REMOVE -> {
                int pad = event.pad();
                if (last[pad] == NONE || Seq8.newer(event.padSeq(), last[pad])) {
                    last[pad] = event.padSeq();
                }
                yield true;
            }
            default -> true;
        };
    }

    /** Stale states dropped so far. */
    public long staleDropped() {
        return stale;
    }
}
