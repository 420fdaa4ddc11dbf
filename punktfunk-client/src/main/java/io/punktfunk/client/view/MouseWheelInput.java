package io.punktfunk.client.view;

/**
 * The wheel turned.
 *
 * @param axis    {@code InputEvent.SCROLL_VERTICAL} (0) or {@code SCROLL_HORIZONTAL} (1)
 * @param notches detents, fractional for high-resolution wheels; positive = up (away from the user) or right
 */
public record MouseWheelInput(int axis, double notches) implements ViewerInputEvent {
}
