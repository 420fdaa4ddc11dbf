package io.punktfunk.host.gamestream.input;

import io.punktfunk.control.message.InputEvent;

/**
 * Where decoded Moonlight input goes: the host's input path in its own event kinds ({@link InputEvent}),
 * e.g. {@code GameStreamInput}, which judges it by the host's input rules. Called on the control stream's I/O thread; must not block.
 */
@FunctionalInterface
public interface InputSink {
    /** An input sink that drops everything (a view-only session). */
    InputSink NONE = event -> { };

    void input(InputEvent event);

    /**
     * The client's control stream ended: whatever it still holds down (keys, buttons) should be released,
     * e.g. {@code hostInput.clientReleased(client)}. Its pads have already been removed with
     * {@link InputEvent#GAMEPAD_REMOVE} events.
     */
    default void ended() {
    }
}
