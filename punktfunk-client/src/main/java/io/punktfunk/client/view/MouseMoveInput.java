package io.punktfunk.client.view;

/**
 * The pointer moved to a position in the video picture (clamped to its edges).
 *
 * @param x column in video pixels
 * @param y row in video pixels
 */
public record MouseMoveInput(int x, int y) implements InputEvent {
}
