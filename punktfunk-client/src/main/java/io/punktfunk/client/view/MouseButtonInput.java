package io.punktfunk.client.view;

/**
 * A mouse button went down or up.
 *
 * @param button  wire numbering: 1 left, 2 middle, 3 right, 4 back (X1), 5 forward (X2)
 * @param pressed true for down, false for up
 */
public record MouseButtonInput(int button, boolean pressed) implements ViewerInputEvent {
}
