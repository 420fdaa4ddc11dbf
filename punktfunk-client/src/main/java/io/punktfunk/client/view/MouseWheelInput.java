package io.punktfunk.client.view;

/**
 * The wheel turned.
 *
 * @param rotation notches, fractional for high-resolution wheels; positive towards the user (down)
 */
public record MouseWheelInput(double rotation) implements InputEvent {
}
