package io.punktfunk.client.view;

/**
 * The pointer moved to a position in the video picture (clamped to its edges): absolute mode.
 *
 * @param x      column in video pixels
 * @param y      row in video pixels
 * @param width  the picture's width the position refers to
 * @param height its height
 */
public record MouseMoveInput(int x, int y, int width, int height) implements ViewerInputEvent {
}
