package io.punktfunk.client.view;

/**
 * A key or mouse event captured by the viewer, in a form the input channel can send as it is.
 * Mouse positions are in video pixels (the stream's picture), not window pixels.
 */
public sealed interface InputEvent permits KeyInput, MouseMoveInput, MouseButtonInput, MouseWheelInput {
}
