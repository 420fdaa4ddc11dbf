/**
 * Linux gamepads from evdev ({@code /dev/input/event*}) through FFM: discovery and hot-plug, mapping to the
 * wire's buttons and axes, sequenced pad state, and the host's rumble played back with {@code FF_RUMBLE}.
 * The syscalls sit behind {@link io.punktfunk.client.input.gamepad.EvdevIo}, so tests replay recorded
 * {@code struct input_event} streams and check the exact ioctl and write bytes.
 */
package io.punktfunk.client.input.gamepad;
