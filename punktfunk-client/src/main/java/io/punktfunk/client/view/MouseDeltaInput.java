package io.punktfunk.client.view;

/**
 * Relative pointer motion in screen pixels while the pointer is locked (games).
 *
 * @param dx right positive
 * @param dy down positive
 */
public record MouseDeltaInput(int dx, int dy) implements ViewerInputEvent {
}
