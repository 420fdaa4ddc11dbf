/**
 * Moonlight input (reference gamestream.md §8): NV input packets of control message 0x0206 decoded into the
 * host's own input events ({@link io.punktfunk.control.message.InputEvent}), which the host's input path
 * ({@code io.punktfunk.host.input}) injects.
 */
package io.punktfunk.host.gamestream.input;
