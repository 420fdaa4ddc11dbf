package io.punktfunk.client.view;

/**
 * A key went down (again, for auto-repeat) or up.
 *
 * @param vk        Windows virtual-key code, US-positional ({@code io.punktfunk.control.input.VirtualKeys})
 * @param pressed   true for down, false for up
 * @param modifiers {@code InputEvent.MOD_*} bits held when it happened
 */
public record KeyInput(int vk, boolean pressed, int modifiers) implements ViewerInputEvent {
}
