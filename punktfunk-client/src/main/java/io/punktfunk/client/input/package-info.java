/**
 * The client's input channel: the viewer's captured keys, text, pointer and wheel to the control plane's
 * input events ({@link io.punktfunk.client.input.RemoteInput}), and Linux evdev gamepads with rumble
 * ({@code io.punktfunk.client.input.gamepad}).
 */
package io.punktfunk.client.input;
