package io.punktfunk.client.view;

/**
 * Input the viewer captured, already in the wire's terms (Windows virtual keys, GameStream button numbers,
 * positions in video pixels), so the input channel maps each record to one {@code InputEvent} of the control
 * plane without knowing AWT. This is the viewer's plane; the control plane's type is
 * {@code io.punktfunk.control.message.InputEvent}.
 */
public sealed interface ViewerInputEvent
        permits KeyInput, TextInput, MouseMoveInput, MouseDeltaInput, MouseButtonInput, MouseWheelInput {
}
