package io.punktfunk.client.view;

/**
 * A character that no forwarded key produced (a key without a wire code, a compose sequence, an input
 * method): the host types it as text.
 *
 * @param codePoint one Unicode scalar value
 */
public record TextInput(int codePoint) implements ViewerInputEvent {
}
