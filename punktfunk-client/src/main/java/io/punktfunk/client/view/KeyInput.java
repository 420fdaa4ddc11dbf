package io.punktfunk.client.view;

/**
 * A key went down or up.
 *
 * @param keyCode the AWT virtual key code ({@code java.awt.event.KeyEvent.VK_*})
 * @param pressed true for down, false for up
 */
public record KeyInput(int keyCode, boolean pressed) implements InputEvent {
}
