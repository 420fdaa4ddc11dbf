package io.punktfunk.client.view;

/**
 * A mouse button went down or up.
 *
 * @param button  1 left, 2 middle, 3 right, 4 and up further buttons (AWT numbering)
 * @param pressed true for down, false for up
 */
public record MouseButtonInput(int button, boolean pressed) implements InputEvent {
}
